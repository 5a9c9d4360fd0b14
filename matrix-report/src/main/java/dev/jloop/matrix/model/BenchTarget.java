package dev.jloop.matrix.model;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A performance target from a benchmark results file ({@code targets[]}) with the value the run
 * measured. Strings are untrusted.
 *
 * @param benchmark the benchmark, with its parameters, e.g. {@code "call_soon"}; never null
 * @param loop the loop it is about, e.g. {@code "reference (continuation)"}; never null
 * @param goal the target as people read it, e.g. {@code "≥ 20× asyncio"} or
 *     {@code "≤ 300 ns/op"}; never null
 * @param value the measured value, or NaN when the run did not measure it
 * @param unit the value's unit: {@code "×"} for a ratio, else e.g. {@code "ns/op"}; never null
 * @param met whether the target was met, or null when it was not measured
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BenchTarget(String benchmark, String loop, String goal, double value, String unit,
    Boolean met) {
  public BenchTarget {
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(goal, "goal");
    Objects.requireNonNull(unit, "unit");
  }
}
