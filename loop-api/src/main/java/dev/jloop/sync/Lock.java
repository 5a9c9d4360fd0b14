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
 * asyncio's {@code Lock}: a mutual-exclusion lock for tasks, not owned by any task.
 *
 * <p>Contract:
 * <ul>
 *   <li>Not thread-safe: use it from tasks of one loop. It binds to the running loop the first
 *       time a task has to wait on it; waiting on it from another loop then throws
 *       {@link IllegalStateException}.
 *   <li>Fair: waiters acquire in FIFO order. A waiter that has been woken but has not run yet
 *       still holds its place, so {@link #acquire()} from a newcomer does not jump the queue;
 *       only when every waiter has been cancelled may a newcomer take the free lock at once.
 *   <li>Cancellation loses no wake-up: a waiter cancelled after being woken, while the lock is
 *       still free, passes the wake-up on to the next waiter (asyncio's handoff in
 *       {@code acquire}).
 * </ul>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Lock {
  private final LoopBinding binding = new LoopBinding();
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
  private boolean locked;

  /** Creates an unlocked lock, bound to no loop yet. */
  public Lock() {}

  /** Whether the lock is held. asyncio: {@code locked()}. */
  public boolean locked() {
    return locked;
  }

  /**
   * Acquires the lock, suspending the current task until it is free and its turn has come.
   * Returns without suspending if the lock is free and no live waiter is queued. asyncio:
   * {@code acquire()}.
   *
   * @throws CancelledException if the task is cancelled while waiting (it does not hold the lock)
   * @throws IllegalStateException if it must wait outside a task, or on a different loop
   */
  public void acquire() {
    if (!locked && allWaitersCancelled()) {
      locked = true;
      return;
    }
    Future<Boolean> waiter = binding.newWaiter(this, "acquire");
    waiters.addLast(waiter);
    try {
      try {
        Async.await(waiter);
      } finally {
        // Leave the queue first, so that the handoff below cannot wake this waiter itself.
        waiters.remove(waiter);
      }
    } catch (CancelledException e) {
      if (!locked) {
        wakeUpFirst();
      }
      throw e;
    }
    locked = true;
  }

  /**
   * Releases the lock and wakes the first waiter, if any. Any task may release it. asyncio:
   * {@code release()}.
   *
   * @throws IllegalStateException if the lock is not held (asyncio raises RuntimeError)
   */
  public void release() {
    if (!locked) {
      throw new IllegalStateException("Lock is not acquired: " + this);
    }
    locked = false;
    wakeUpFirst();
  }

  /**
   * Runs {@code body} holding the lock and releases it however the body ends: asyncio's
   * {@code async with lock:}. The body's exception is rethrown as it is (checked ones too).
   *
   * @return what {@code body} returned
   * @throws NullPointerException if {@code body} is {@code null}
   */
  public <T> T withLock(Coroutine<T> body) {
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

  /** Wakes the first waiter unless it is already done (then it will run and decide itself). */
  private void wakeUpFirst() {
    Future<Boolean> first = waiters.peekFirst();
    if (first != null && !first.done()) {
      first.setResult(true);
    }
  }

  private boolean allWaitersCancelled() {
    for (Future<Boolean> w : waiters) {
      if (!w.cancelled()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    String state = locked ? "locked" : "unlocked";
    return "Lock[" + (waiters.isEmpty() ? state : state + ", waiters:" + waiters.size()) + "]";
  }
}
