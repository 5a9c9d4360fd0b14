package dev.jloop.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs benchmarks in this JVM (no fork), one short iteration each, failing on any benchmark
 * error: enough to keep them from rotting, far too short to measure anything.
 */
final class SmokeRuns {
  private SmokeRuns() {}

  /** Runs the benchmarks whose names match {@code include}, writing JMH's JSON to {@code json}. */
  static List<RunResult> run(String include, Path json) throws RunnerException {
    // In-process runs need no compiler blackholes; detecting them would start another JVM.
    System.setProperty("jmh.blackhole.autoDetect", "false");
    // JMH's /tmp/jmh.lock keeps two measuring runs apart; a 100 ms smoke run measures nothing and
    // must not fail because a real run (bench/run-micro.sh) holds the lock on this machine.
    System.setProperty("jmh.ignoreLock", "true");
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(include)
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .shouldFailOnError(true)
        .addProfiler(CpuTimeProfiler.class)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString())
        .build()).run();
    return new ArrayList<>(results);
  }

  /** The benchmark method's name: {@code callSoon} for {@code ...SchedulingBenchmark.callSoon}. */
  static String method(RunResult r) {
    String name = r.getParams().getBenchmark();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** {@code callSoon} -> {@code call_soon}: the name micro.py and bench-results.json use. */
  static String snake(String camel) {
    return camel.replaceAll("(?<=[a-z0-9])([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }
}
