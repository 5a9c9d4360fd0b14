package dev.jloop.sync;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.Future;
import java.util.ArrayDeque;
import org.apiguardian.api.API;

/**
 * asyncio's {@code Event}: a flag that tasks can wait for. It starts clear.
 *
 * <p>Contract: not thread-safe, use it from tasks of one loop (it binds to the running loop the
 * first time a task waits on it). {@link #set()} wakes every waiter at once; they resume in the
 * order they started waiting. A waiter resumes even if the flag was cleared again before it ran.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Event {
  private final LoopBinding binding = new LoopBinding();
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
  private boolean value;

  /** Creates a clear event, bound to no loop yet. */
  public Event() {}

  /** Whether the flag is set. asyncio: {@code is_set()}. */
  public boolean isSet() {
    return value;
  }

  /** Sets the flag and wakes every waiting task. No effect if already set. asyncio: {@code set()}. */
  public void set() {
    if (value) {
      return;
    }
    value = true;
    for (Future<Boolean> w : waiters) {
      if (!w.done()) {
        w.setResult(true);
      }
    }
  }

  /** Clears the flag; later {@link #await()} calls wait again. asyncio: {@code clear()}. */
  public void clear() {
    value = false;
  }

  /**
   * Returns at once if the flag is set, else suspends the current task until {@link #set()}.
   * asyncio: {@code wait()} (renamed: {@code Object.wait()} is final in Java).
   *
   * @throws CancelledException if the task is cancelled while waiting
   * @throws IllegalStateException if it must wait outside a task, or on a different loop
   */
  public void await() {
    if (value) {
      return;
    }
    Future<Boolean> waiter = binding.newWaiter(this, "await");
    waiters.addLast(waiter);
    try {
      Async.await(waiter);
    } finally {
      waiters.remove(waiter);
    }
  }

  @Override
  public String toString() {
    String state = value ? "set" : "unset";
    return "Event[" + (waiters.isEmpty() ? state : state + ", waiters:" + waiters.size()) + "]";
  }
}
