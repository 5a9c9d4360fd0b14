package dev.jloop.fuzz.prop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Greedy shrinking finds the minimal failing list, keeps the failure kind, and obeys its limits. */
class MinimizerTest {
  private static final Minimizer.Limits GENEROUS = new Minimizer.Limits(10_000, Duration.ofSeconds(30));
  private static final List<Shrinker<List<Integer>>> PHASES = List.of(
      Shrinkers.removals(), Shrinkers.elements(Shrinkers.towardZero()));

  /** Fails (kind "pair") when the list holds both 7 and 13; (kind "big") when it sums over 1000. */
  private static Optional<Failure> check(List<Integer> l) {
    if (l.contains(7) && l.contains(13)) {
      return Optional.of(new Failure("pair", l.toString()));
    }
    if (l.stream().mapToInt(Integer::intValue).sum() > 1000) {
      return Optional.of(new Failure("big", l.toString()));
    }
    return Optional.empty();
  }

  @Test
  void shrinksAHundredElementsToTheTwoThatMatter() {
    List<Integer> start = new ArrayList<>(IntStream.range(0, 100).map(i -> i % 5).boxed().toList());
    start.set(31, 7);
    start.set(77, 13);
    Minimizer.Result<List<Integer>> r = Minimizer.minimize(start, check(start).orElseThrow(),
        List.of(Shrinkers.removals()), MinimizerTest::check, GENEROUS);
    assertEquals(List.of(7, 13), r.value());
    assertTrue(r.complete());
    assertTrue(r.attempts() < 120, "delta debugging should need far fewer runs than 100 singles each: "
        + r.attempts());
  }

  @Test
  void keepsTheFailureKind() {
    // Shrinking the "pair" failure never accepts a list that fails only as "big".
    List<Integer> start = List.of(600, 7, 600, 13);
    Minimizer.Result<List<Integer>> r = Minimizer.minimize(start, check(start).orElseThrow(), PHASES,
        MinimizerTest::check, GENEROUS);
    assertEquals("pair", r.failure().kind());
    assertEquals(List.of(7, 13), r.value());
  }

  @Test
  void laterPhasesSimplifyWhatDropsCannot() {
    List<Integer> start = List.of(900, 400);
    Minimizer.Result<List<Integer>> r = Minimizer.minimize(start, check(start).orElseThrow(), PHASES,
        MinimizerTest::check, GENEROUS);
    assertEquals("big", r.failure().kind());
    assertEquals(1001, r.value().stream().mapToInt(Integer::intValue).sum(), r.value().toString());
  }

  @Test
  void stopsAtTheAttemptLimit() {
    List<Integer> start = List.of(7, 1, 2, 3, 13);
    Minimizer.Result<List<Integer>> r = Minimizer.minimize(start, check(start).orElseThrow(), PHASES,
        MinimizerTest::check, new Minimizer.Limits(2, Duration.ofSeconds(30)));
    assertEquals(2, r.attempts());
    assertFalse(r.complete());
  }

  @Test
  void badArgumentsAreRefused() {
    Failure f = new Failure("k", "m");
    assertThrows(NullPointerException.class,
        () -> Minimizer.minimize(null, f, PHASES, MinimizerTest::check, GENEROUS));
    assertThrows(NullPointerException.class,
        () -> Minimizer.minimize(List.of(), null, PHASES, MinimizerTest::check, GENEROUS));
    assertThrows(IllegalArgumentException.class, () -> new Minimizer.Limits(-1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new Minimizer.Limits(1, Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> new Failure(null, "m"));
  }
}
