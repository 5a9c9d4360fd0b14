package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jloop.EventLoop;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a loop's {@code runForever} on its own platform thread, for tests that need a running loop. */
final class LoopThread {
  /** Generous: tests wait this long for things that normally take microseconds. */
  static final long PATIENCE_MS = 30_000;

  private final EventLoop loop;
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private LoopThread(EventLoop loop) {
    this.loop = loop;
    this.thread = new Thread(() -> {
      try {
        loop.runForever();
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "test-loop");
    thread.setDaemon(true);
  }

  /** Starts {@code loop.runForever()} on a new thread. */
  static LoopThread start(EventLoop loop) {
    LoopThread lt = new LoopThread(loop);
    lt.thread.start();
    return lt;
  }

  Thread thread() {
    return thread;
  }

  /** Waits for runForever to return; fails the test if it does not within {@link #PATIENCE_MS}. */
  void join() throws InterruptedException {
    thread.join(PATIENCE_MS);
    assertFalse(thread.isAlive(), "the loop thread is still running after " + PATIENCE_MS + " ms");
  }

  /** What runForever threw, or null. */
  Throwable failure() {
    return failure.get();
  }

  /** Stops the loop (thread-safely) and waits for it. */
  void stopAndJoin() throws InterruptedException {
    if (thread.isAlive()) {
      loop.callSoonThreadsafe(loop::stop);
      join();
    }
  }
}
