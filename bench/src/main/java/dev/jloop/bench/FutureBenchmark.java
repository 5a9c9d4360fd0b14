package dev.jloop.bench;

import dev.jloop.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Futures in futures per second: create one, add a done callback, set its result, and let the
 * loop run the callback (which {@code setResult} schedules with {@code callSoon}). asyncio:
 * {@code loop.create_future()}, {@code add_done_callback}, {@code set_result}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FutureBenchmark extends LoopBenchmark {
  private static final Object RESULT = "result";

  /** One future, one done callback, per operation. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void futureDoneCallbacks() {
    countDown.arm(BATCH);
    for (int i = 0; i < BATCH; i++) {
      Future<Object> f = eventLoop.createFuture();
      f.addDoneCallback(countDown);
      f.setResult(RESULT);
    }
    runUntilCountedDown();
  }
}
