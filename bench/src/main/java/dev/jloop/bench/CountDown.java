package dev.jloop.bench;

import dev.jloop.EventLoop;
import java.util.function.Consumer;

/**
 * A callback that counts down and stops its loop when it reaches zero: the benchmarks' way to
 * run the loop for exactly the callbacks they scheduled. Usable as a plain callback and as a
 * done callback. Loop thread only.
 */
final class CountDown implements Runnable, Consumer<Object> {
  private final EventLoop loop;
  private int remaining;

  CountDown(EventLoop loop) {
    this.loop = loop;
  }

  /** Expects {@code n} more calls. */
  CountDown arm(int n) {
    remaining = n;
    return this;
  }

  int remaining() {
    return remaining;
  }

  @Override
  public void run() {
    if (--remaining == 0) {
      loop.stop();
    }
  }

  @Override
  public void accept(Object future) {
    run();
  }
}
