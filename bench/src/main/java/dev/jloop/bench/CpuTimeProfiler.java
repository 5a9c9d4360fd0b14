package dev.jloop.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds the secondary result {@code cpu}: the iteration's score recomputed with the benchmark
 * JVM's process CPU time in place of wall-clock time (operations per CPU-second, or CPU time
 * per operation), JIT and GC threads included. On a machine shared with other work this moves
 * much less than the wall-clock score. {@code micro.py} reports the same figure for Python
 * ({@code time.process_time}). Use with {@code -prof dev.jloop.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long wallStart;
  private long cpuStart;

  @Override
  public String getDescription() {
    return "The score with process CPU time in place of wall-clock time";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    cpuStart = os.getProcessCpuTime();
    wallStart = System.nanoTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long wall = System.nanoTime() - wallStart;
    long cpu = os.getProcessCpuTime() - cpuStart;
    if (wall <= 0 || cpu <= 0 || cpuStart < 0) {
      return List.of();
    }
    double score = result.getPrimaryResult().getScore();
    double perCpu = benchmark.getMode() == Mode.Throughput
        ? score * wall / cpu
        : score * cpu / wall;
    return List.of(new ScalarResult("cpu", perCpu, result.getScoreUnit(), AggregationPolicy.AVG));
  }
}
