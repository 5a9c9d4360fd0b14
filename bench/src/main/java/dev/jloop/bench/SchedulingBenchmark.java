package dev.jloop.bench;

import dev.jloop.TimerHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The scheduler's hot paths, in callbacks per second. Each invocation schedules {@link #BATCH}
 * callbacks and runs the loop until they have all run (the last one stops it), exactly as
 * {@code python/micro.py} does with asyncio's {@code call_soon}, {@code call_later} and
 * {@code TimerHandle.cancel}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SchedulingBenchmark extends LoopBenchmark {
  /** A delay no benchmark iteration reaches: the cancelled timers never fire. */
  private static final double FAR_FUTURE = 3600;

  private final TimerHandle[] timers = new TimerHandle[BATCH];

  /** {@code callSoon} then run: the cost of one ready callback (Handle, queue, run). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void callSoon() {
    countDown.arm(BATCH);
    for (int i = 0; i < BATCH; i++) {
      eventLoop.callSoon(countDown);
    }
    runUntilCountedDown();
  }

  /** {@code callLater(0)} then run: a timer through the heap and the ready queue. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void callLater() {
    countDown.arm(BATCH);
    for (int i = 0; i < BATCH; i++) {
      eventLoop.callLater(0, countDown);
    }
    runUntilCountedDown();
  }

  /**
   * {@code callLater(1h)} then {@code cancel()}, then one pass of the loop, which drops the
   * cancelled timers (asyncio compacts a heap that is mostly cancelled).
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void timerCancel() {
    for (int i = 0; i < BATCH; i++) {
      timers[i] = eventLoop.callLater(FAR_FUTURE, countDown);
    }
    for (int i = 0; i < BATCH; i++) {
      timers[i].cancel();
      timers[i] = null;
    }
    countDown.arm(1);
    eventLoop.callSoon(countDown);
    runUntilCountedDown();
  }
}
