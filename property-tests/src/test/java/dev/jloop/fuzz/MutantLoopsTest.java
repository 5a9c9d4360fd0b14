package dev.jloop.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.fuzz.model.Level;
import dev.jloop.fuzz.mutants.Mutant;
import dev.jloop.fuzz.mutants.Mutants;
import dev.jloop.fuzz.program.GenSettings;
import dev.jloop.fuzz.prop.Minimizer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each broken variant of the reference loop is caught by the rule it breaks, and the failing
 * program shrinks to at most four ops (the "a known-bad loop must shrink to a program of
 * at most a few operations").
 */
class MutantLoopsTest {
  static Stream<Mutant> mutants() {
    return Mutants.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutants")
  void mutantIsCaughtAndShrinksToAFewOps(Mutant m) {
    EnumSet<GenSettings.Feature> features = EnumSet.noneOf(GenSettings.Feature.class);
    features.addAll(m.features());
    FuzzOptions options = FuzzOptions.fromSystemProperties()
        .withLevel(Level.STRICT)
        .withMasterSeed(0x5EED)
        .withBudget(2000, Duration.ofSeconds(20))
        .withGenerator(GenSettings.DEFAULT.withFeatures(features))
        .withLimits(Duration.ofSeconds(2), new Minimizer.Limits(400, Duration.ofSeconds(30)));
    FuzzReport r = Fuzz.check(m.name(), m.loops(), options);
    assertFalse(r.passed(), () -> m.name() + " was not caught: " + r.summary());
    FuzzCounterexample cx = r.counterexample().orElseThrow();
    System.out.printf("mutant %-24s caught by %-28s after %4d programs; shrunk %2d -> %d ops in %d runs%n",
        m.name(), cx.violation().rule().id(), r.programs(), cx.original().size(), cx.shrunk().size(),
        cx.shrinkRuns());
    System.out.println(cx);
    assertTrue(m.breaks().contains(cx.violation().rule()),
        () -> m.name() + " broke " + cx.violation().rule().id() + ", expected one of " + m.breaks() + "\n" + cx);
    assertTrue(cx.shrunk().size() <= 4, () -> m.name() + " shrank only to " + cx.shrunk().size() + " ops\n" + cx);
  }
}
