package dev.jloop;

import dev.jloop.spi.RunningLoop;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apiguardian.api.API;

/**
 * asyncio's module-level functions: {@code await}, {@code sleep}, {@code current_task},
 * {@code get_running_loop}, {@code wrap_future}, and the combinators.
 *
 * <p>Methods that suspend ({@link #await}, {@link #sleep}, ...) must be called from the body of a
 * {@link Task}; elsewhere they throw {@link IllegalStateException}. They run on the task's loop.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Async {
  private Async() {}

  /**
   * Waits for {@code future} and returns its result: asyncio's {@code await future}. If the
   * future is done already it returns at once without suspending; otherwise the current task
   * suspends and resumes in the pass after the future completes. The future's exception is
   * rethrown as it was set; a cancelled future, or a cancel of the current task, throws
   * {@link CancelledException}.
   *
   * @throws IllegalStateException if called outside a task
   * @throws NullPointerException if {@code future} is {@code null}
   */
  public static <T> T await(Future<T> future) {
    Objects.requireNonNull(future, "future");
    Task<?> task = requireTask("await");
    if (!future.done()) {
      task.suspendOn(future);
    }
    return future.result();
  }

  /**
   * Suspends the current task for {@code seconds}. {@code sleep(0)} (or any delay {@code <= 0})
   * yields for exactly one pass, as asyncio's bare {@code yield}. asyncio: {@code sleep}.
   *
   * @throws IllegalArgumentException if {@code seconds} is NaN
   * @throws IllegalStateException if called outside a task
   */
  public static void sleep(double seconds) {
    if (Double.isNaN(seconds)) {
      throw new IllegalArgumentException("sleep: seconds must not be NaN");
    }
    Task<?> task = requireTask("sleep");
    if (seconds <= 0) {
      task.yieldOnce();
      return;
    }
    EventLoop loop = task.getLoop();
    Future<Void> f = loop.createFuture();
    TimerHandle h = loop.callLater(seconds, () -> {
      if (!f.done()) {
        f.setResult(null);
      }
    });
    try {
      await(f);
    } finally {
      h.cancel();
    }
  }

  /** {@link #sleep(double)} with a {@link java.time.Duration}. */
  public static void sleep(java.time.Duration duration) {
    Objects.requireNonNull(duration, "duration");
    sleep(duration.toNanos() / 1e9);
  }

  /** The task running on this thread, or {@code null}. asyncio: {@code current_task()}. */
  public static Task<?> currentTask() {
    return Task.current();
  }

  /** The pending tasks of the running loop. asyncio: {@code all_tasks()}. */
  public static Set<Task<?>> allTasks() {
    return Task.allTasks(getRunningLoop());
  }

  /** The pending tasks of {@code loop}. asyncio: {@code all_tasks(loop)}. */
  public static Set<Task<?>> allTasks(EventLoop loop) {
    return Task.allTasks(loop);
  }

  /**
   * The loop running on this thread (or running the current task). asyncio:
   * {@code get_running_loop}.
   *
   * @throws IllegalStateException if no loop is running
   */
  public static EventLoop getRunningLoop() {
    EventLoop loop = RunningLoop.get();
    if (loop == null) {
      throw new IllegalStateException("no running event loop");
    }
    return loop;
  }

  /**
   * A future on {@code loop} that completes like {@code source}, on the loop thread; cancelling
   * it cancels {@code source}. Safe to call from the loop thread. asyncio: {@code wrap_future}.
   */
  public static <T> Future<T> wrapFuture(CompletableFuture<T> source, EventLoop loop) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(loop, "loop");
    Future<T> f = loop.createFuture();
    f.addDoneCallback(done -> {
      if (done.cancelled()) {
        source.cancel(false);
      }
    });
    source.whenComplete((value, error) -> {
      try {
        loop.callSoonThreadsafe(() -> {
          if (f.done()) {
            return;
          }
          if (source.isCancelled()) {
            f.cancel();
          } else if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
            if (cause instanceof CancellationException) {
              f.cancel();
            } else {
              f.setException(cause);
            }
          } else {
            f.setResult(value);
          }
        });
      } catch (IllegalStateException closed) {
        // the loop is closed: nobody can observe the wrapper any more
      }
    });
    return f;
  }

  /** {@link #wrapFuture(CompletableFuture, EventLoop)} on the running loop. */
  public static <T> Future<T> wrapFuture(CompletableFuture<T> source) {
    return wrapFuture(source, getRunningLoop());
  }

  static Task<?> requireTask(String what) {
    Task<?> task = Task.current();
    if (task == null) {
      throw new IllegalStateException(
          "Async." + what + "() called outside a task: run it in a Coroutine given to createTask()");
    }
    return task;
  }
}
