package dev.jloop.bench;

import dev.jloop.Async;
import dev.jloop.Coroutine;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.Task;
import java.io.IOException;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

/**
 * Task switches, in nanoseconds per switch, on the coroutine backend a subclass names (the
 * backend is chosen once per JVM, so each subclass forks with its own
 * {@code -Djloop.coroutine.backend}). The trial fails at set-up if the JVM chose another
 * backend, so a number is never filed under the wrong one.
 *
 * <p>{@code idleReaders} registers that many pipe read ends with {@code addReader}; they never
 * become readable. With none, a loop may skip polling for I/O between passes (the reference
 * loop does); with one, every pass polls, as asyncio's and uvloop's always do. Both are real
 * programs: a pure computation, and a server with a listening socket.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class AwaitSwitchBenchmark extends LoopBenchmark {
  private static final int HALF = BATCH / 2;

  /** Pipe read ends registered with {@code addReader} that never become readable. */
  @Param({"0", "1"})
  public int idleReaders;

  private final List<Pipe> pipes = new ArrayList<>();

  private final Coroutine<Integer> awaitLoop = this::awaitScheduledFutures;
  private final Coroutine<Integer> sleeper = AwaitSwitchBenchmark::sleepZeroHalfBatch;

  /** The backend this class measures: {@code continuation} or {@code virtual}. */
  protected abstract String backend();

  @Override
  protected void afterOpen() throws IOException {
    for (int i = 0; i < idleReaders; i++) {
      Pipe p = Pipe.open();
      pipes.add(p);
      p.source().configureBlocking(false);
      eventLoop.addReader(p.source(), () -> {
        throw new IllegalStateException("an idle pipe became readable");
      });
    }
    Task<String> probe = eventLoop.createTask(() -> Async.currentTask().backendName());
    String actual = eventLoop.runUntilComplete(probe);
    if (!actual.equals(backend())) {
      throw new IllegalStateException(getClass().getSimpleName() + " measures the " + backend()
          + " backend but this JVM runs tasks on '" + actual + "': run it in a fork with "
          + "-Djloop.coroutine.backend=" + backend());
    }
  }

  @Override
  protected void beforeClose() throws IOException {
    for (Pipe p : pipes) {
      eventLoop.removeReader(p.source());
      p.source().close();
      p.sink().close();
    }
    pipes.clear();
  }

  /**
   * One task awaits {@link #BATCH} futures in turn, each completed by a callback scheduled just
   * before the await: suspend, the callback sets the result, the done callback schedules the
   * task's step, resume. asyncio: {@code f = loop.create_future(); loop.call_soon(f.set_result,
   * None); await f}.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int awaitFuture() {
    int n = eventLoop.runUntilComplete(eventLoop.createTask(awaitLoop));
    return check(n, BATCH);
  }

  /**
   * Two tasks take turns through {@code sleep(0)}, {@link #BATCH} sleeps between them: each
   * sleep is one suspend and one resume a pass later. asyncio: {@code await asyncio.sleep(0)}.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int sleepZeroPingPong() {
    Task<Integer> first = eventLoop.createTask(sleeper);
    Task<Integer> second = eventLoop.createTask(sleeper);
    int n = eventLoop.runUntilComplete(second);
    if (!first.done()) {
      throw new IllegalStateException("loop '" + loop + "': the first sleeper is still pending "
          + "after the second finished: " + first);
    }
    return check(n + first.result(), BATCH);
  }

  private int awaitScheduledFutures() {
    EventLoop l = eventLoop;
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      Future<Integer> f = l.createFuture();
      l.callSoon(() -> f.setResult(1));
      sum += Async.await(f);
    }
    return sum;
  }

  private static Integer sleepZeroHalfBatch() {
    for (int i = 0; i < HALF; i++) {
      Async.sleep(0);
    }
    return HALF;
  }

  private int check(int got, int expected) {
    if (got != expected) {
      throw new IllegalStateException("loop '" + loop + "': " + got + " switches completed, expected "
          + expected);
    }
    return got;
  }
}
