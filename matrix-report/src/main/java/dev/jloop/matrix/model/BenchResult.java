package dev.jloop.matrix.model;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One benchmark score for one loop (or peer runtime). Strings are untrusted.
 *
 * @param benchmark the benchmark's name, e.g. {@code "callSoonThroughput"}; never null
 * @param loop the loop or runtime it ran on as people should read it, e.g.
 *     {@code "jloop reference (continuation)"} or {@code "uvloop"}; never null
 * @param score the score; finite
 * @param error the half-width of the error range (JMH's 99.9% interval), or NaN when unknown
 * @param unit e.g. {@code "ops/ms"} or {@code "us/op"}; never null, may be empty
 * @param higherIsBetter true for work per time ({@code ops/ms}), false for time per work
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BenchResult(String benchmark, String loop, double score, double error, String unit,
    boolean higherIsBetter) {
  public BenchResult {
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(unit, "unit");
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score must be finite, got " + score);
    }
  }

  /** Whether higher is better for a unit: false for time per work ({@code us/op}), else true. */
  public static boolean higherIsBetter(String unit) {
    return !unit.endsWith("/op");
  }
}
