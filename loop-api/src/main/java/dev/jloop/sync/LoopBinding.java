package dev.jloop.sync;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;

/**
 * asyncio's {@code mixins._LoopBoundMixin}: a primitive is bound to the running loop the first
 * time it needs one (when a task first has to wait on it), and refuses any other loop after.
 *
 * <p>The binding is the only part of a primitive that may race between threads (two loops
 * touching the same primitive at once), so it alone is synchronized; everything else is
 * confined to the bound loop's thread.
 */
final class LoopBinding {
  private volatile EventLoop loop;

  /**
   * The running loop, binding it if nothing is bound yet. asyncio: {@code _get_loop()}.
   *
   * @throws IllegalStateException if no loop is running or {@code owner} is bound to another loop
   */
  EventLoop get(Object owner) {
    EventLoop running = Async.getRunningLoop();
    EventLoop bound = loop;
    if (bound == null) {
      synchronized (this) {
        if (loop == null) {
          loop = running;
        }
        bound = loop;
      }
    }
    if (bound != running) {
      throw new IllegalStateException(owner + " is bound to a different event loop");
    }
    return running;
  }

  /**
   * A new pending future for the current task to wait on. Checks that a task is running before
   * anything is registered, so that a misplaced call leaves no stale waiter behind.
   *
   * @throws IllegalStateException outside a task, or for the reasons of {@link #get}
   */
  <T> Future<T> newWaiter(Object owner, String operation) {
    if (Async.currentTask() == null) {
      throw new IllegalStateException(operation + "() on " + owner
          + " must wait, which only a task can do: call it from a Coroutine given to createTask()");
    }
    return get(owner).createFuture();
  }
}
