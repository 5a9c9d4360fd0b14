package dev.jloop.fuzz.prop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runner spends its budget, reports the failing seed, and that seed replays the failure. */
class PropertyRunnerTest {
  private static final Gen<List<Integer>> GEN = Gen.lists(Gen.ints(0, 50), 0, 30);
  private static final Minimizer.Limits SHRINK = new Minimizer.Limits(1000, Duration.ofSeconds(10));

  private static PropertyRunner.Settings settings(long master, OptionalLong replay, int cases) {
    return new PropertyRunner.Settings(master, replay, new PropertyRunner.Budget(cases, Duration.ofSeconds(30)), SHRINK);
  }

  /** A property that is false for lists holding a 42. */
  private static Optional<Failure> no42(List<Integer> l) {
    return l.contains(42) ? Optional.of(new Failure("has-42", l.toString())) : Optional.empty();
  }

  @Test
  void aTruePropertyUsesTheWholeBudget() {
    AtomicInteger calls = new AtomicInteger();
    PropertyRunner.Result<List<Integer>> r = PropertyRunner.run(GEN, l -> {
      calls.incrementAndGet();
      return Optional.empty();
    }, List.of(Shrinkers.removals()), settings(1, OptionalLong.empty(), 250));
    assertTrue(r.passed());
    assertEquals(250, r.cases());
    assertEquals(250, calls.get());
  }

  @Test
  void aFalsePropertyIsShrunkAndItsSeedReplaysIt() {
    PropertyRunner.Result<List<Integer>> r = PropertyRunner.run(GEN, PropertyRunnerTest::no42,
        List.of(Shrinkers.removals()), settings(2, OptionalLong.empty(), 10_000));
    assertFalse(r.passed());
    PropertyRunner.Counterexample<List<Integer>> cx = r.counterexample().orElseThrow();
    assertEquals(List.of(42), cx.shrunk().value());
    assertEquals(GEN.fromSeed(cx.seed()), cx.original(), "the reported seed regenerates the value");
    PropertyRunner.Result<List<Integer>> replay = PropertyRunner.run(GEN, PropertyRunnerTest::no42,
        List.of(Shrinkers.removals()), settings(999, OptionalLong.of(cx.seed()), 10_000));
    assertEquals(1, replay.cases(), "a replay checks exactly one value");
    assertEquals(cx.original(), replay.counterexample().orElseThrow().original());
  }

  @Test
  void sameMasterSeedSameRun() {
    PropertyRunner.Result<List<Integer>> a = PropertyRunner.run(GEN, PropertyRunnerTest::no42,
        List.of(Shrinkers.removals()), settings(3, OptionalLong.empty(), 10_000));
    PropertyRunner.Result<List<Integer>> b = PropertyRunner.run(GEN, PropertyRunnerTest::no42,
        List.of(Shrinkers.removals()), settings(3, OptionalLong.empty(), 10_000));
    assertEquals(a.cases(), b.cases());
    assertEquals(a.counterexample().orElseThrow().seed(), b.counterexample().orElseThrow().seed());
  }

  @Test
  void aZeroTimeBudgetRunsNothing() {
    PropertyRunner.Result<List<Integer>> r = PropertyRunner.run(GEN, PropertyRunnerTest::no42,
        List.of(), new PropertyRunner.Settings(1, OptionalLong.empty(),
            new PropertyRunner.Budget(100, Duration.ZERO), SHRINK));
    assertEquals(0, r.cases());
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PropertyRunner.Budget(-1, Duration.ZERO));
    assertThrows(NullPointerException.class, () -> new PropertyRunner.Budget(1, null));
    assertThrows(NullPointerException.class, () -> new PropertyRunner.Settings(1, null,
        new PropertyRunner.Budget(1, Duration.ZERO), SHRINK));
    assertThrows(NullPointerException.class, () -> PropertyRunner.run(null, PropertyRunnerTest::no42,
        List.of(), settings(1, OptionalLong.empty(), 1)));
  }
}
