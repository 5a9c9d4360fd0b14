package dev.jloop.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@code callSoonThreadsafe} wake-up latency, as a round trip: the benchmark thread posts a
 * callback to a loop that idles in its poll on another thread, and parks until the callback
 * answers by unparking it. Covers the wake-up of a blocked poll, the hand-over queue and the
 * answer. asyncio: {@code loop.call_soon_threadsafe(lock.release); lock.acquire()}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThreadsafeBenchmark extends LoopBenchmark {
  private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Runnable answer = this::answer;
  private Thread loopThread;
  private volatile Thread waiter;
  private volatile boolean answered;

  @Override
  protected void afterOpen() {
    loopThread = Thread.ofPlatform().name("jloop-bench-loop").daemon().start(eventLoop::runForever);
  }

  @Override
  protected void beforeClose() throws InterruptedException {
    if (loopThread == null) {
      return;
    }
    eventLoop.callSoonThreadsafe(eventLoop::stop);
    loopThread.join(TimeUnit.SECONDS.toMillis(10));
    if (loopThread.isAlive()) {
      throw new IllegalStateException("loop '" + loop + "' did not stop within 10 s");
    }
  }

  /** One post and one answer. */
  @Benchmark
  public void threadsafeRoundTrip() {
    waiter = Thread.currentThread();
    answered = false;
    eventLoop.callSoonThreadsafe(answer);
    while (!answered) {
      LockSupport.parkNanos(this, PATIENCE_NANOS);
      if (!answered && !loopThread.isAlive()) {
        throw new IllegalStateException("loop '" + loop + "' thread died before answering");
      }
    }
  }

  private void answer() {
    answered = true;
    LockSupport.unpark(waiter);
  }
}
