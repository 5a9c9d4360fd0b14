package dev.jloop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engines of {@link Async#waitFor}, {@link Async#wait} and {@link Async#shield}, following
 * asyncio 3.11's {@code tasks.py}. Each suspending method runs in the body of the current task.
 */
final class Waiting {
  private Waiting() {}

  static <T> T waitFor(Future<T> fut, double timeout) {
    Objects.requireNonNull(fut, "future");
    checkTimeout(timeout);
    Task<?> task = Async.requireTask("waitFor");
    EventLoop loop = task.getLoop();
    requireLoop(fut, loop, "waitFor");
    if (timeout == Double.POSITIVE_INFINITY) {
      return Async.await(fut);
    }
    if (timeout <= 0) {
      if (fut.done()) {
        return fut.result();
      }
      cancelAndWait(fut, loop);
      return resultOrTimeout(fut);
    }
    Future<Void> waiter = loop.createFuture();
    TimerHandle timer = loop.callLater(timeout, () -> release(waiter));
    Consumer<Future<T>> onDone = f -> release(waiter);
    fut.addDoneCallback(onDone);
    try {
      try {
        Async.await(waiter);
      } catch (CancelledException cancelled) {
        // asyncio 3.11 returned fut's result here when fut happened to be done, swallowing the
        // cancellation (gh-86296); 3.12 propagates it, and so do we.
        fut.removeDoneCallback(onDone);
        if (!fut.done()) {
          cancelAndWait(fut, loop);
        }
        throw cancelled;
      }
      if (fut.done()) {
        return fut.result();
      }
      fut.removeDoneCallback(onDone);
      cancelAndWait(fut, loop);
      return resultOrTimeout(fut);
    } finally {
      timer.cancel();
    }
  }

  /** The result of a future we cancelled: its own outcome, or a timeout if it was cancelled. */
  private static <T> T resultOrTimeout(Future<T> fut) {
    try {
      return fut.result();
    } catch (CancelledException e) {
      throw new AsyncTimeoutException("waitFor() timed out", e);
    }
  }

  /** asyncio's {@code _cancel_and_wait}: cancels {@code fut} and waits until it is done. */
  private static void cancelAndWait(Future<?> fut, EventLoop loop) {
    Future<Void> waiter = loop.createFuture();
    Consumer<Future<?>> onDone = f -> release(waiter);
    fut.addDoneCallback(onDone);
    try {
      fut.cancel();
      // Wait on our own future, not on fut, so that this wait itself stays cancellable.
      Async.await(waiter);
    } finally {
      fut.removeDoneCallback(onDone);
    }
  }

  static <F extends Future<?>> WaitResult<F> wait(
      Collection<? extends F> futures, Double timeout, ReturnWhen returnWhen) {
    Objects.requireNonNull(futures, "futures");
    Objects.requireNonNull(returnWhen, "returnWhen");
    if (timeout != null) {
      checkTimeout(timeout);
    }
    if (futures.isEmpty()) {
      throw new IllegalArgumentException("wait(): the collection of futures is empty");
    }
    Task<?> task = Async.requireTask("wait");
    EventLoop loop = task.getLoop();
    List<F> fs = new ArrayList<>(futures.size());
    Set<F> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (F f : futures) {
      Objects.requireNonNull(f, "futures contains null");
      requireLoop(f, loop, "wait");
      if (seen.add(f)) {
        fs.add(f);
      }
    }
    Future<Void> waiter = loop.createFuture();
    TimerHandle timer = timeout == null || timeout == Double.POSITIVE_INFINITY
        ? null : loop.callLater(Math.max(0, timeout), () -> release(waiter));
    int[] remaining = {fs.size()};
    Consumer<Future<?>> onDone = f -> {
      remaining[0]--;
      if (remaining[0] <= 0
          || returnWhen == ReturnWhen.FIRST_COMPLETED
          || returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null) {
        if (timer != null) {
          timer.cancel();
        }
        release(waiter);
      }
    };
    for (F f : fs) {
      f.addDoneCallback(onDone);
    }
    try {
      Async.await(waiter);
    } finally {
      if (timer != null) {
        timer.cancel();
      }
      for (F f : fs) {
        f.removeDoneCallback(onDone);
      }
    }
    List<F> done = new ArrayList<>();
    List<F> pending = new ArrayList<>();
    for (F f : fs) {
      (f.done() ? done : pending).add(f);
    }
    return new WaitResult<>(new java.util.LinkedHashSet<>(done), new java.util.LinkedHashSet<>(pending));
  }

  static <T> Future<T> shield(Future<T> inner) {
    Objects.requireNonNull(inner, "future");
    if (inner.done()) {
      return inner;
    }
    Future<T> outer = inner.getLoop().createFuture();
    Consumer<Future<T>> onInnerDone = in -> {
      if (outer.cancelled()) {
        if (!in.cancelled()) {
          in.exception(); // nobody will look at it now: mark it retrieved
        }
      } else if (in.cancelled()) {
        outer.cancel();
      } else if (in.exception() != null) {
        outer.setException(in.exception());
      } else {
        outer.setResult(in.result());
      }
    };
    inner.addDoneCallback(onInnerDone);
    outer.addDoneCallback(out -> {
      if (!inner.done()) {
        inner.removeDoneCallback(onInnerDone);
      }
    });
    return outer;
  }

  /** asyncio's {@code _release_waiter}. */
  static void release(Future<Void> waiter) {
    if (!waiter.done()) {
      waiter.setResult(null);
    }
  }

  static void checkTimeout(double timeout) {
    if (Double.isNaN(timeout)) {
      throw new IllegalArgumentException("timeout must not be NaN");
    }
  }

  static void requireLoop(Future<?> f, EventLoop loop, String what) {
    if (f.getLoop() != loop) {
      throw new IllegalArgumentException(
          what + "(): the future belongs to a different loop than the running task: " + f);
    }
  }
}
