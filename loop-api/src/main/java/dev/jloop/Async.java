package dev.jloop;

import dev.jloop.spi.RunningLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * asyncio's module-level functions: {@code await}, {@code sleep}, {@code current_task},
 * {@code get_running_loop}, {@code wrap_future}, {@code ensure_future}, the combinators
 * ({@code gather}, {@code wait_for}, {@code wait}, {@code shield}, {@code as_completed},
 * {@code timeout}) and {@code run}.
 *
 * <p>Methods that suspend ({@link #await}, {@link #sleep}, {@link #waitFor}, {@link #wait},
 * {@link AsCompleted#next()}, {@link Timeout#run}) must be called from the body of a
 * {@link Task}; elsewhere they throw {@link IllegalStateException}. They run on the task's loop.
 * The others are for the loop thread. Timeouts are seconds; {@link Double#POSITIVE_INFINITY}
 * stands for asyncio's {@code None} (no timeout) and NaN is rejected with
 * {@link IllegalArgumentException}.
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

  /**
   * {@code coroutine} as a task on the running loop: asyncio's {@code ensure_future(coro)}.
   *
   * @throws IllegalStateException if no loop is running
   */
  public static <T> Task<T> ensureFuture(Coroutine<T> coroutine) {
    Objects.requireNonNull(coroutine, "coroutine");
    return getRunningLoop().createTask(coroutine);
  }

  /**
   * {@code future} itself, checked to belong to {@code loop}: asyncio's
   * {@code ensure_future(fut, loop=loop)}.
   *
   * @throws IllegalArgumentException if it belongs to another loop
   */
  public static <T> Future<T> ensureFuture(Future<T> future, EventLoop loop) {
    Objects.requireNonNull(future, "future");
    Objects.requireNonNull(loop, "loop");
    if (future.getLoop() != loop) {
      throw new IllegalArgumentException(
          "The future belongs to a different loop than the one specified: " + future);
    }
    return future;
  }

  /**
   * A future of the results of {@code futures}, in argument order: asyncio's
   * {@code gather(*fs, return_exceptions=...)}. Does not suspend; await the returned future.
   *
   * <ul>
   *   <li>{@code returnExceptions == false}: the first child exception (a cancelled child counts
   *       as {@link CancelledException}) becomes the gather's exception at once; the other
   *       children keep running.
   *   <li>{@code returnExceptions == true}: exceptions and {@code CancelledException}s take their
   *       children's places in the list.
   *   <li>Cancelling the returned future cancels the children still pending; once they are all
   *       done it fails with {@link CancelledException} (either way). It is never itself marked
   *       cancelled: a cancelled child does not cancel its siblings through it.
   * </ul>
   *
   * With no futures the result is an empty list, on the running loop.
   *
   * @throws NullPointerException if a future is {@code null}
   * @throws IllegalArgumentException if the futures belong to different loops
   * @throws IllegalStateException if no future is given and no loop is running
   */
  public static Future<List<Object>> gather(boolean returnExceptions, List<? extends Future<?>> futures) {
    return GatheringFuture.gather(returnExceptions, futures);
  }

  /** {@link #gather(boolean, List)} with the futures as arguments. */
  public static Future<List<Object>> gather(boolean returnExceptions, Future<?>... futures) {
    Objects.requireNonNull(futures, "futures");
    return gather(returnExceptions, Arrays.asList(futures));
  }

  /**
   * {@link #gather(boolean, List)} without {@code returnExceptions}, typed: the list holds only
   * results, since any exception fails the gather.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> Future<List<T>> gather(List<? extends Future<? extends T>> futures) {
    return (Future) gather(false, (List<? extends Future<?>>) futures);
  }

  /** {@link #gather(List)} with the futures as arguments. */
  @SafeVarargs
  public static <T> Future<List<T>> gather(Future<? extends T>... futures) {
    Objects.requireNonNull(futures, "futures");
    List<Future<? extends T>> list = new ArrayList<>(futures.length);
    for (Future<? extends T> f : futures) {
      list.add(f); // copied, not wrapped, so that the varargs array does not escape
    }
    return gather(list);
  }

  /**
   * Waits for {@code future} for at most {@code timeout} seconds and returns its result:
   * asyncio's {@code wait_for}. On timeout the future is cancelled, this waits until it is done,
   * then throws {@link AsyncTimeoutException} (with the {@code CancelledException} as cause);
   * if the future finished some other way meanwhile, that outcome is returned or thrown. A
   * timeout {@code <= 0} returns at once if the future is done, else cancels it the same way.
   * {@link Double#POSITIVE_INFINITY} waits without limit. Cancelling the current task cancels
   * the future too, waits for it, and throws {@link CancelledException}. One deliberate
   * difference from 3.11: if the task is cancelled in the pass in which the future completes,
   * the cancellation wins (3.11 returned the result and lost it; fixed in 3.12).
   *
   * @throws IllegalArgumentException if {@code timeout} is NaN or the future belongs to another
   *     loop
   * @throws IllegalStateException if called outside a task
   */
  public static <T> T waitFor(Future<T> future, double timeout) {
    return Waiting.waitFor(future, timeout);
  }

  /** {@link #waitFor(Future, double)} on a new task running {@code coroutine}. */
  public static <T> T waitFor(Coroutine<T> coroutine, double timeout) {
    Objects.requireNonNull(coroutine, "coroutine");
    Waiting.checkTimeout(timeout);
    return waitFor(requireTask("waitFor").getLoop().createTask(coroutine), timeout);
  }

  /**
   * Waits until {@code returnWhen} is met or {@code timeout} seconds pass ({@code null} or
   * infinite: no limit), and returns which futures are done and which are pending: asyncio's
   * {@code wait}. Never throws on timeout and never cancels the futures. Always suspends at
   * least one pass, even if the condition holds already.
   *
   * @throws NullPointerException if an argument or an element is {@code null}
   * @throws IllegalArgumentException if {@code futures} is empty, {@code timeout} is NaN, or a
   *     future belongs to another loop
   * @throws IllegalStateException if called outside a task
   */
  public static <F extends Future<?>> WaitResult<F> wait(
      Collection<? extends F> futures, Double timeout, ReturnWhen returnWhen) {
    return Waiting.wait(futures, timeout, returnWhen);
  }

  /** {@link #wait(Collection, Double, ReturnWhen)} with no timeout and {@code ALL_COMPLETED}. */
  public static <F extends Future<?>> WaitResult<F> wait(Collection<? extends F> futures) {
    return wait(futures, null, ReturnWhen.ALL_COMPLETED);
  }

  /**
   * A future that follows {@code future} but whose cancellation does not reach it: asyncio's
   * {@code shield}. Cancelling the returned future (for instance because the task awaiting it
   * is cancelled) leaves {@code future} running; if {@code future} itself is cancelled, so is
   * the returned one. A done future is returned as it is.
   */
  public static <T> Future<T> shield(Future<T> future) {
    return Waiting.shield(future);
  }

  /**
   * The futures in the order they complete: asyncio's {@code as_completed}; see
   * {@link AsCompleted}. {@code timeout} ({@code null} or infinite: none) counts from now.
   *
   * @throws IllegalArgumentException if {@code timeout} is NaN or the futures belong to
   *     different loops
   */
  public static <T> AsCompleted<T> asCompleted(Collection<? extends Future<T>> futures, Double timeout) {
    return new AsCompleted<>(futures, timeout);
  }

  /** {@link #asCompleted(Collection, Double)} without a timeout. */
  public static <T> AsCompleted<T> asCompleted(Collection<? extends Future<T>> futures) {
    return asCompleted(futures, null);
  }

  /**
   * A {@link Timeout} that expires {@code delay} seconds from now (infinite: never): asyncio's
   * {@code timeout(delay)}. Run a block under it with {@link Timeout#run}.
   *
   * @throws IllegalArgumentException if {@code delay} is NaN
   * @throws IllegalStateException if no loop is running
   */
  public static Timeout timeout(double delay) {
    Waiting.checkTimeout(delay);
    return new Timeout(delay == Double.POSITIVE_INFINITY ? delay : getRunningLoop().time() + delay);
  }

  /**
   * Runs {@code body} in the current task with a {@code delay}-second deadline:
   * {@code Async.timeout(delay).run(body)}.
   */
  public static <T> T timeout(double delay, Coroutine<T> body) throws Exception {
    return timeout(delay).run(body);
  }

  /**
   * A {@link Timeout} that expires at loop time {@code when} (infinite: never): asyncio's
   * {@code timeout_at}.
   *
   * @throws IllegalArgumentException if {@code when} is NaN
   */
  public static Timeout timeoutAt(double when) {
    return new Timeout(when);
  }

  /**
   * Runs {@code main} on a new loop from {@code loopFactory}, then cancels what is left, shuts
   * the loop down and closes it: asyncio's {@code run(main, loop_factory=...)}, through a
   * {@link Runner}. Returns {@code main}'s result or rethrows its exception unchanged.
   *
   * @throws IllegalStateException if called where an event loop is running
   */
  public static <T> T run(Coroutine<T> main, Supplier<? extends EventLoop> loopFactory) {
    Objects.requireNonNull(main, "main");
    Objects.requireNonNull(loopFactory, "loopFactory");
    if (RunningLoop.get() != null) {
      throw new IllegalStateException("Async.run() cannot be called from a running event loop");
    }
    try (Runner runner = new Runner(loopFactory)) {
      return runner.run(main);
    }
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
