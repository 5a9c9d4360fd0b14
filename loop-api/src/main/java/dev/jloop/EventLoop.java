package dev.jloop;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.apiguardian.api.API;

/**
 * An event loop: asyncio's {@code AbstractEventLoop}, with its method names in lowerCamelCase.
 *
 * <p>Threading: a loop runs on one thread at a time, the one that called {@link #runForever()}
 * or {@link #runUntilComplete}. Every method is for that thread (or for any thread while the
 * loop is not running), except {@link #callSoonThreadsafe}, {@link #stop()} when called through
 * {@code callSoonThreadsafe}, {@link #isRunning()}, {@link #isClosed()} and {@link #time()}.
 * In debug mode a loop checks this and throws {@link IllegalStateException} on the wrong thread.
 *
 * <p>Ordering: callbacks scheduled with {@link #callSoon} run in FIFO order; a callback
 * scheduled while the loop runs a pass runs in the next pass; timers never run before their
 * deadline and run in deadline order (equal deadlines: see {@link TimerHandle}).
 *
 * <p>A method a loop does not implement throws {@link UnsupportedOperationException}; the TCK
 * reports that as "not implemented". The default methods here build on the abstract ones, so a
 * loop gets futures, tasks and the exception-handler protocol for free.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface EventLoop
    extends AutoCloseable, EventLoopNetworking, EventLoopDatagrams, EventLoopResolver,
        EventLoopProcesses {

  // ---- running and stopping ----

  /**
   * Runs until {@link #stop()} is called. asyncio: {@code run_forever}.
   *
   * @throws IllegalStateException if the loop is closed, already running, or another loop is
   *     running on this thread
   */
  void runForever();

  /**
   * Runs until {@code future} is done and returns its result (or rethrows its exception).
   * asyncio: {@code run_until_complete}.
   *
   * @throws IllegalStateException if the loop stopped before the future was done, or for the
   *     reasons of {@link #runForever()}
   */
  <T> T runUntilComplete(Future<T> future);

  /** Wraps {@code coroutine} in a task on this loop and runs until it is done. */
  default <T> T runUntilComplete(Coroutine<T> coroutine) {
    return runUntilComplete(createTask(coroutine));
  }

  /**
   * Stops the loop after the current pass: the callbacks already ready at this pass run, then
   * {@code runForever} returns. If the loop is not running, the next {@code runForever} runs one
   * pass and returns. asyncio: {@code stop}.
   */
  void stop();

  /** Whether the loop is running. Safe from any thread. */
  boolean isRunning();

  /** Whether the loop was closed. Safe from any thread. */
  boolean isClosed();

  /**
   * Closes the loop: drops pending callbacks and shuts the default executor down without
   * waiting. Idempotent. asyncio: {@code close}.
   *
   * @throws IllegalStateException if the loop is running
   */
  @Override
  void close();

  // ---- scheduling ----

  /**
   * Schedules {@code callback} to run in a later pass, after those scheduled before it.
   * asyncio: {@code call_soon}.
   *
   * @throws NullPointerException if {@code callback} is {@code null}
   * @throws IllegalStateException if the loop is closed
   */
  Handle callSoon(Runnable callback);

  /**
   * {@link #callSoon} from any thread; wakes the loop if it is blocked waiting for I/O.
   * asyncio: {@code call_soon_threadsafe}.
   */
  Handle callSoonThreadsafe(Runnable callback);

  /**
   * Schedules {@code callback} to run {@code delaySeconds} from now. A negative delay means as
   * soon as possible. asyncio: {@code call_later}.
   *
   * @throws IllegalArgumentException if the delay is NaN or infinite
   */
  TimerHandle callLater(double delaySeconds, Runnable callback);

  /** {@link #callLater(double, Runnable)} with a {@link Duration}. */
  default TimerHandle callLater(Duration delay, Runnable callback) {
    Objects.requireNonNull(delay, "delay");
    return callLater(delay.toNanos() / 1e9, callback);
  }

  /**
   * Schedules {@code callback} at the loop time {@code when} (see {@link #time()}); a time in
   * the past means as soon as possible. asyncio: {@code call_at}.
   *
   * @throws IllegalArgumentException if {@code when} is NaN or infinite
   */
  TimerHandle callAt(double when, Runnable callback);

  /** The loop's monotonic clock, in seconds. asyncio: {@code time}. Safe from any thread. */
  double time();

  // ---- futures and tasks ----

  /** A new pending {@link Future} on this loop. asyncio: {@code create_future}. */
  default <T> Future<T> createFuture() {
    return new Future<>(this);
  }

  /** {@link #createTask(Coroutine, String)} with a generated name. */
  default <T> Task<T> createTask(Coroutine<T> coroutine) {
    return createTask(coroutine, null);
  }

  /**
   * Wraps {@code coroutine} in a {@link Task} scheduled to start in the next pass, through the
   * task factory if one is set. asyncio: {@code create_task}.
   *
   * @param name the task's name, or {@code null} for a generated one
   * @throws IllegalStateException if the loop is closed
   */
  default <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
    Objects.requireNonNull(coroutine, "coroutine");
    if (isClosed()) {
      throw new IllegalStateException("Event loop is closed");
    }
    TaskFactory factory = getTaskFactory();
    return factory == null ? new Task<>(this, coroutine, name) : factory.create(this, coroutine, name);
  }

  /** Sets the task factory; {@code null} restores the default. */
  void setTaskFactory(TaskFactory factory);

  /** The task factory, or {@code null} for the default. */
  TaskFactory getTaskFactory();

  // ---- threads ----

  /**
   * Runs {@code fn} on {@code executor} (the default executor if {@code null}); the returned
   * future gets its result or exception on the loop thread. Cancelling the future cancels the
   * job if it has not started. asyncio: {@code run_in_executor}.
   *
   * @throws IllegalStateException if the loop is closed or the default executor shut down
   */
  <T> Future<T> runInExecutor(Executor executor, Callable<T> fn);

  /**
   * Replaces the default executor used by {@code runInExecutor(null, ...)}. asyncio:
   * {@code set_default_executor}.
   */
  void setDefaultExecutor(ExecutorService executor);

  /**
   * Shuts the default executor down and returns a future done when all its threads have
   * finished. asyncio: {@code shutdown_default_executor}.
   */
  Future<Void> shutdownDefaultExecutor();

  // ---- errors ----

  /** Sets the exception handler; {@code null} restores the default. */
  void setExceptionHandler(ExceptionHandler handler);

  /** The exception handler, or {@code null} when the default one is in use. */
  ExceptionHandler getExceptionHandler();

  /**
   * The default handler: logs the context through {@link System.Logger} (logger
   * {@code dev.jloop}) at level ERROR. asyncio: {@code default_exception_handler}.
   */
  default void defaultExceptionHandler(ExceptionContext context) {
    System.getLogger("dev.jloop")
        .log(System.Logger.Level.ERROR, context.format(), context.exception());
  }

  /**
   * Reports an error: calls the exception handler (or the default one). An exception thrown by
   * the handler is logged by the default handler with the message
   * "Unhandled error in exception handler"; it never propagates. asyncio:
   * {@code call_exception_handler}.
   */
  default void callExceptionHandler(ExceptionContext context) {
    Objects.requireNonNull(context, "context");
    ExceptionHandler handler = getExceptionHandler();
    if (handler == null) {
      try {
        defaultExceptionHandler(context);
      } catch (Throwable t) {
        System.getLogger("dev.jloop").log(
            System.Logger.Level.ERROR, "Exception in default exception handler", t);
      }
      return;
    }
    try {
      handler.handle(this, context);
    } catch (Throwable t) {
      try {
        defaultExceptionHandler(ExceptionContext.builder("Unhandled error in exception handler")
            .exception(t)
            .put("context", context)
            .build());
      } catch (Throwable t2) {
        System.getLogger("dev.jloop").log(
            System.Logger.Level.ERROR, "Exception in default exception handler", t2);
      }
    }
  }

  // ---- debug ----

  /** Turns debug mode on or off. asyncio: {@code set_debug}. */
  void setDebug(boolean enabled);

  /** Whether debug mode is on. asyncio: {@code get_debug}. */
  boolean isDebug();

  /**
   * In debug mode, callbacks that run longer than this many seconds are logged. Default 0.1.
   * asyncio: {@code slow_callback_duration}.
   */
  default double getSlowCallbackDuration() {
    return 0.1;
  }

  /** Sets the slow-callback threshold in seconds; must be positive and finite. */
  default void setSlowCallbackDuration(double seconds) {
    throw new UnsupportedOperationException("setSlowCallbackDuration");
  }
}
