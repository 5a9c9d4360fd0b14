package dev.jloop.sync;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.Coroutine;
import dev.jloop.Future;
import dev.jloop.internal.Throwing;
import java.util.ArrayDeque;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * asyncio's {@code Semaphore}: a counter of permits that tasks acquire and release.
 *
 * <p>Contract:
 * <ul>
 *   <li>Not thread-safe: use it from tasks of one loop (it binds to the running loop the first
 *       time a task waits on it).
 *   <li>Fair: waiters get permits in FIFO order. {@link #release()} hands its permit straight to
 *       the first waiter; while a live waiter is queued, a newcomer waits too, even if permits
 *       are free.
 *   <li>Cancellation loses no permit: a waiter cancelled after a permit was handed to it gives
 *       the permit back and wakes the next waiter.
 * </ul>
 */
@API(status = API.Status.STABLE, since = "0.1")
public class Semaphore {
  private final LoopBinding binding = new LoopBinding();
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
  private int value;

  /** A semaphore with one permit. */
  public Semaphore() {
    this(1);
  }

  /**
   * A semaphore with {@code value} permits.
   *
   * @throws IllegalArgumentException if {@code value} is negative (asyncio raises ValueError)
   */
  public Semaphore(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("Semaphore initial value must be >= 0, got " + value);
    }
    this.value = value;
  }

  /**
   * Whether {@link #acquire()} would have to wait: no permit is free, or a live waiter is queued
   * ahead. asyncio: {@code locked()}.
   */
  public boolean locked() {
    if (value == 0) {
      return true;
    }
    for (Future<Boolean> w : waiters) {
      if (!w.cancelled()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes a permit, suspending the current task until one is handed to it. asyncio:
   * {@code acquire()}.
   *
   * @throws CancelledException if the task is cancelled while waiting (it holds no permit)
   * @throws IllegalStateException if it must wait outside a task, or on a different loop
   */
  public void acquire() {
    if (!locked()) {
      value--;
      return;
    }
    Future<Boolean> waiter = binding.newWaiter(this, "acquire");
    waiters.addLast(waiter);
    try {
      try {
        Async.await(waiter);
      } finally {
        waiters.remove(waiter);
      }
    } catch (CancelledException e) {
      if (waiter.done() && !waiter.cancelled()) {
        // A permit was handed over but will not be used: give it back to the next in line.
        value++;
        wakeUpNext();
      }
      throw e;
    }
    if (value > 0) {
      // Permits released while we waited for our turn go to those queued behind us.
      wakeUpNext();
    }
  }

  /** Returns a permit and hands it to the first waiter, if any. asyncio: {@code release()}. */
  public void release() {
    value++;
    wakeUpNext();
  }

  /**
   * Runs {@code body} holding a permit and releases it however the body ends: asyncio's
   * {@code async with semaphore:}. The body's exception is rethrown as it is.
   *
   * @throws NullPointerException if {@code body} is {@code null}
   */
  public <T> T withPermit(Coroutine<T> body) {
    Objects.requireNonNull(body, "body");
    acquire();
    try {
      return body.run();
    } catch (Exception e) {
      throw Throwing.sneaky(e);
    } finally {
      release();
    }
  }

  /** The free permits; for {@link BoundedSemaphore}. */
  final int permits() {
    return value;
  }

  /** Hands a permit to the first waiter that is not done yet. */
  private void wakeUpNext() {
    for (Future<Boolean> w : waiters) {
      if (!w.done()) {
        value--;
        w.setResult(true);
        return;
      }
    }
  }

  @Override
  public String toString() {
    String state = locked() ? "locked" : "unlocked, value:" + value;
    return getClass().getSimpleName() + "["
        + (waiters.isEmpty() ? state : state + ", waiters:" + waiters.size()) + "]";
  }
}
