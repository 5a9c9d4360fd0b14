package dev.jloop.fuzz;

import dev.jloop.fuzz.model.Level;
import dev.jloop.fuzz.program.GenSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The outcome of {@link Fuzz#check}: how many programs passed, or the shrunk counterexample.
 *
 * @param loop the loop's id
 * @param level the rules checked
 * @param programs programs run (the failing one included), shrinking not counted
 * @param elapsed wall time, shrinking included
 * @param fuzzTime wall time of the programs before any failure (for the rate)
 * @param masterSeed the seed the programs' seeds came from
 * @param counterexample the failure, if any
 * @param abandonedThreads loop threads left in loops that hung
 * @param leftOut op families not fuzzed because the loop does not implement them, with what it
 *     threw ({@link Fuzz#checkImplemented})
 */
@API(status = API.Status.STABLE, since = "0.1")
public record FuzzReport(String loop, Level level, int programs, Duration elapsed, Duration fuzzTime,
    long masterSeed, Optional<FuzzCounterexample> counterexample, int abandonedThreads,
    Map<GenSettings.Feature, String> leftOut) {
  /** @throws NullPointerException if an argument is {@code null} */
  public FuzzReport {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(fuzzTime, "fuzzTime");
    Objects.requireNonNull(counterexample, "counterexample");
    leftOut = Map.copyOf(Objects.requireNonNull(leftOut, "leftOut"));
  }

  /** This report with {@code leftOut} as the families left out. */
  public FuzzReport withLeftOut(Map<GenSettings.Feature, String> leftOut) {
    return new FuzzReport(loop, level, programs, elapsed, fuzzTime, masterSeed, counterexample,
        abandonedThreads, leftOut);
  }

  /** Whether every program passed. */
  public boolean passed() {
    return counterexample.isEmpty();
  }

  /** Programs per second while fuzzing (before shrinking). */
  public double programsPerSecond() {
    double s = fuzzTime.toNanos() / 1e9;
    return s > 0 ? programs / s : 0;
  }

  /** "N programs passed ..." or the counterexample, in words. */
  public String summary() {
    String without = leftOut.isEmpty() ? "" : "; left out as not implemented: " + leftOut;
    if (passed()) {
      return String.format(Locale.ROOT,
          "loop `%s`: %d %s passed (%s rules) in %.1f s, %.0f programs/s, master seed %s%s",
          loop, programs, programs == 1 ? "program" : "programs", level, elapsed.toNanos() / 1e9, programsPerSecond(),
          FuzzOptions.formatSeed(masterSeed), without);
    }
    return String.format(Locale.ROOT, "loop `%s`: program %d of %d failed (%s rules, master seed %s)%n%s",
        loop, programs, programs, level, FuzzOptions.formatSeed(masterSeed), counterexample.get());
  }

  @Override
  public String toString() {
    return summary();
  }
}
