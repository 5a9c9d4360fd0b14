package dev.jloop.sync;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.Coroutine;
import dev.jloop.Future;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.apiguardian.api.API;

/**
 * asyncio's {@code Condition}: tasks wait, holding a {@link Lock}, until another task notifies
 * them.
 *
 * <p>Contract:
 * <ul>
 *   <li>Not thread-safe: use it from tasks of one loop (it binds to the running loop the first
 *       time a task waits on it).
 *   <li>{@link #await()}, {@link #waitFor}, {@link #notify(int)} and friends require the lock to
 *       be held, as in asyncio (which checks that it is locked, not who locked it).
 *   <li>Waiters are notified in FIFO order. A woken waiter re-acquires the lock before
 *       {@code await()} returns, also when it is cancelled.
 *   <li>A notification is never lost: if a waiter leaves {@code await()} with an exception
 *       (cancelled) after it may have been notified, it passes one notification on. This is
 *       CPython 3.13's fix (gh-112202) of a lost wake-up in 3.11; the price is that
 *       {@code await()} may return spuriously, so always re-check the state or use
 *       {@link #waitFor}.
 * </ul>
 *
 * <p>Java's {@code Object} declares final {@code wait()}, {@code notify()} and
 * {@code notifyAll()}, so asyncio's {@code wait}, {@code notify()} and {@code notify_all} are
 * named {@link #await()}, {@link #notifyOne()} and {@link #notifyAllWaiters()} here.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Condition {
  private final LoopBinding binding = new LoopBinding();
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
  private final Lock lock;

  /** A condition on a new {@link Lock}. */
  public Condition() {
    this(new Lock());
  }

  /**
   * A condition on {@code lock}, which may be shared with other conditions.
   *
   * @throws NullPointerException if {@code lock} is {@code null}
   */
  public Condition(Lock lock) {
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /** Whether the underlying lock is held. */
  public boolean locked() {
    return lock.locked();
  }

  /** Acquires the underlying lock; see {@link Lock#acquire()}. */
  public void acquire() {
    lock.acquire();
  }

  /** Releases the underlying lock; see {@link Lock#release()}. */
  public void release() {
    lock.release();
  }

  /** Runs {@code body} holding the underlying lock: asyncio's {@code async with condition:}. */
  public <T> T withLock(Coroutine<T> body) {
    return lock.withLock(body);
  }

  /**
   * Releases the lock, suspends the current task until notified, then re-acquires the lock and
   * returns. asyncio: {@code wait()}. May return spuriously (see the class comment).
   *
   * @throws IllegalStateException if the lock is not held, or it is called outside a task or on
   *     a different loop
   * @throws CancelledException if the task is cancelled; the lock is held again when it is thrown
   */
  public void await() {
    if (!locked()) {
      throw new IllegalStateException("cannot wait on un-acquired lock: " + this);
    }
    Future<Boolean> waiter = binding.newWaiter(this, "await");
    release();
    try {
      try {
        waiters.addLast(waiter);
        try {
          Async.await(waiter);
        } finally {
          waiters.remove(waiter);
        }
      } finally {
        reacquire();
      }
    } catch (Throwable t) {
      // We may have been notified before the exception: hand that notification to another waiter.
      wake(1);
      throw t;
    }
  }

  /**
   * Waits, as {@link #await()} in a loop, until {@code predicate} is true; returns at once if it
   * is true already. The predicate runs with the lock held. asyncio: {@code wait_for(predicate)}.
   *
   * @throws NullPointerException if {@code predicate} is {@code null}
   */
  public void waitFor(BooleanSupplier predicate) {
    Objects.requireNonNull(predicate, "predicate");
    while (!predicate.getAsBoolean()) {
      await();
    }
  }

  /**
   * Wakes up to {@code n} waiting tasks, first come first served. They return from
   * {@link #await()} only once they get the lock, so the caller should release it. asyncio:
   * {@code notify(n)}.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws IllegalStateException if the lock is not held
   */
  public void notify(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    if (!locked()) {
      throw new IllegalStateException("cannot notify on un-acquired lock: " + this);
    }
    wake(n);
  }

  /** {@link #notify(int) notify(1)}: asyncio's {@code notify()}. */
  public void notifyOne() {
    notify(1);
  }

  /** Wakes every waiting task. asyncio: {@code notify_all()}. */
  public void notifyAllWaiters() {
    notify(waiters.size());
  }

  private void wake(int n) {
    int woken = 0;
    for (Future<Boolean> w : waiters) {
      if (woken >= n) {
        break;
      }
      if (!w.done()) {
        woken++;
        w.setResult(false);
      }
    }
  }

  /** Takes the lock back however often the task is cancelled meanwhile; rethrows the last cancel. */
  private void reacquire() {
    CancelledException cancelled = null;
    while (true) {
      try {
        lock.acquire();
        break;
      } catch (CancelledException e) {
        cancelled = e;
      }
    }
    if (cancelled != null) {
      throw cancelled;
    }
  }

  @Override
  public String toString() {
    String state = locked() ? "locked" : "unlocked";
    return "Condition[" + (waiters.isEmpty() ? state : state + ", waiters:" + waiters.size()) + "]";
  }
}
