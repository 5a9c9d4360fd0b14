package dev.jloop;

import dev.jloop.spi.RunningLoop;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Runs coroutines on a loop it creates and owns: asyncio 3.11's {@code asyncio.Runner}.
 *
 * <pre>{@code
 * try (Runner runner = new Runner(SelectorEventLoop::new)) {
 *   runner.run(() -> setUp());
 *   return runner.run(() -> work());
 * }
 * }</pre>
 *
 * <p>The loop is created by the factory on first use ({@link #run} or {@link #getLoop()}), and
 * {@link #run} may be called many times. {@link #close()} cancels the tasks still pending and
 * runs the loop until they are done, reports the exceptions those tasks ended with (other than
 * cancellation) to the loop's exception handler with the keys {@code message},
 * {@code exception} and {@code task}, waits for the default executor to shut down, and closes
 * the loop, as asyncio's {@code Runner.close} and {@code _cancel_all_tasks} do.
 *
 * <p>Differences from asyncio: no SIGINT handling (the JVM has no portable hook) and no
 * context-variable copy. Not thread-safe: use from one thread, which must not be running a loop.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Runner implements AutoCloseable {
  private enum State { CREATED, INITIALIZED, CLOSED }

  private final Supplier<? extends EventLoop> loopFactory;
  private final Boolean debug;
  private State state = State.CREATED;
  private EventLoop loop;

  /**
   * A runner whose loop comes from {@code loopFactory}, debug mode left as the loop sets it.
   *
   * @throws NullPointerException if {@code loopFactory} is {@code null}
   */
  public Runner(Supplier<? extends EventLoop> loopFactory) {
    this.loopFactory = Objects.requireNonNull(loopFactory, "loopFactory");
    this.debug = null;
  }

  /**
   * A runner whose loop comes from {@code loopFactory}, with debug mode set to {@code debug}.
   *
   * @throws NullPointerException if {@code loopFactory} is {@code null}
   */
  public Runner(Supplier<? extends EventLoop> loopFactory, boolean debug) {
    this.loopFactory = Objects.requireNonNull(loopFactory, "loopFactory");
    this.debug = debug;
  }

  /**
   * Runs {@code coroutine} as a task on the runner's loop until it is done and returns its
   * result. Its exception is rethrown unchanged, even a checked one; if the task was cancelled
   * this throws {@link CancelledException}. asyncio: {@code Runner.run}.
   *
   * @throws NullPointerException if {@code coroutine} is {@code null}
   * @throws IllegalStateException if called where an event loop is running (including from a
   *     task), or after {@link #close()}
   */
  public <T> T run(Coroutine<T> coroutine) {
    Objects.requireNonNull(coroutine, "coroutine");
    if (RunningLoop.get() != null) {
      throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
    }
    init();
    return loop.runUntilComplete(loop.createTask(coroutine));
  }

  /**
   * The runner's loop, created now if needed. asyncio: {@code Runner.get_loop}.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public EventLoop getLoop() {
    init();
    return loop;
  }

  /**
   * Shuts down and closes the loop (see the class comment). Does nothing if the loop was never
   * created or the runner is closed already.
   *
   * @throws IllegalStateException if called while the loop is running
   */
  @Override
  public void close() {
    if (state != State.INITIALIZED) {
      return;
    }
    if (loop.isRunning()) {
      throw new IllegalStateException("Cannot close a running event loop");
    }
    try {
      cancelAllTasks(loop);
      loop.runUntilComplete(loop.shutdownDefaultExecutor());
    } finally {
      loop.close();
      loop = null;
      state = State.CLOSED;
    }
  }

  /** asyncio's {@code runners._cancel_all_tasks}. */
  private static void cancelAllTasks(EventLoop loop) {
    List<Task<?>> toCancel = List.copyOf(Task.allTasks(loop));
    if (toCancel.isEmpty()) {
      return;
    }
    for (Task<?> t : toCancel) {
      t.cancel();
    }
    loop.runUntilComplete(GatheringFuture.gather(true, toCancel));
    for (Task<?> t : toCancel) {
      if (!t.cancelled() && t.exception() != null) {
        loop.callExceptionHandler(ExceptionContext.builder("unhandled exception during Runner shutdown")
            .exception(t.exception())
            .put(ExceptionContext.TASK, t)
            .build());
      }
    }
  }

  private void init() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("Runner is closed");
    }
    if (state == State.INITIALIZED) {
      return;
    }
    EventLoop created = Objects.requireNonNull(loopFactory.get(), "loopFactory returned null");
    if (debug != null) {
      created.setDebug(debug);
    }
    loop = created;
    state = State.INITIALIZED;
  }

  @Override
  public String toString() {
    return "Runner[" + state.name().toLowerCase(java.util.Locale.ROOT) + "]";
  }
}
