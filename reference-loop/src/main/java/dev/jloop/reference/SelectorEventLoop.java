package dev.jloop.reference;

import dev.jloop.Coroutine;
import dev.jloop.EventLoop;
import dev.jloop.ExceptionContext;
import dev.jloop.ExceptionHandler;
import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.TaskFactory;
import dev.jloop.TimerHandle;
import dev.jloop.reference.net.Networking;
import dev.jloop.reference.net.SelectorNetworking;
import dev.jloop.reference.internal.ProcServices;
import dev.jloop.reference.internal.SelectorProcesses;
import dev.jloop.spi.RunningLoop;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * jloop's reference event loop: asyncio's {@code BaseSelectorEventLoop} on a JDK NIO
 * {@link java.nio.channels.Selector}.
 *
 * <p>The scheduler (ready queue, timer heap, {@link #runOnce()}) lives here; the multiplexer is
 * the {@link IoHandler} it is given. Confined to the thread that runs it, except
 * {@link #callSoonThreadsafe}, {@link #time()}, {@link #isRunning()} and {@link #isClosed()}. In
 * debug mode ({@link #setDebug}, or {@code -Djloop.debug=true}) calls of the other scheduling
 * methods from another thread while the loop runs throw {@link IllegalStateException}, as
 * asyncio's {@code _check_thread} does, and callbacks slower than
 * {@link #getSlowCallbackDuration()} are logged (logger {@code dev.jloop}, level WARNING).
 *
 * <p>Timers run in deadline order, equal deadlines in scheduling order (asyncio leaves that
 * order undefined; jloop promises it). The loop never holds a lock while it polls, so other
 * threads (executor jobs in particular) can call {@link #callSoonThreadsafe} at any time.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class SelectorEventLoop implements EventLoop, SelectorNetworking, SelectorProcesses {
  private static final System.Logger LOG = System.getLogger("dev.jloop");
  /** Resolution of {@link System#nanoTime()}, asyncio's {@code _clock_resolution}: 1 ns. */
  private static final double CLOCK_RESOLUTION = 1e-9;
  /** asyncio's {@code MAXIMUM_SELECT_TIMEOUT}: a poll waits at most one day. */
  private static final double MAXIMUM_SELECT_TIMEOUT = 24 * 3600;

  private final IoHandler io;
  private final PollSkipping pollSkipping;
  private final long epochNanos = System.nanoTime();
  private final ArrayDeque<Handle> ready = new ArrayDeque<>();
  private final TimerQueue timers = new TimerQueue();
  private final Consumer<TimerHandle> timerCancelled = timers::onCancelled;
  private final ThreadsafeInbox fromOtherThreads = new ThreadsafeInbox();
  private final ExecutorSupport executors = new ExecutorSupport(this);
  private final ProcServices proc = new ProcServices(this);

  private long timerSequence;
  private volatile Thread thread;
  private volatile boolean closed;
  private boolean stopping;
  private boolean debug = Boolean.getBoolean("jloop.debug");
  private double slowCallbackDuration = 0.1;
  private ExceptionHandler exceptionHandler;
  private TaskFactory taskFactory;
  private Networking networking;

  /** A loop on a new {@link SelectorIoHandler}. */
  public SelectorEventLoop() {
    this(new SelectorIoHandler());
  }

  /** A loop on the given multiplexer, which the loop closes when it closes. */
  @SuppressWarnings("this-escape") // its parts (ExecutorSupport, ...) keep a reference, nothing more
  public SelectorEventLoop(IoHandler io) {
    this(io, PollSkipping.fromSystemProperties());
  }

  /** A loop on {@code io} with the given poll-skipping bounds (tests). */
  SelectorEventLoop(IoHandler io, PollSkipping pollSkipping) {
    this.io = Objects.requireNonNull(io, "io");
    this.pollSkipping = pollSkipping;
  }

  /** The multiplexer. */
  public IoHandler ioHandler() {
    return io;
  }

  /** The stream-networking engine (internal), made on first use. */
  @Override
  @API(status = API.Status.INTERNAL, since = "0.1")
  public final Networking networking() {
    if (networking == null) {
      networking = new Networking(this);
    }
    return networking;
  }

  /**
   * The datagram, resolver, pipe, subprocess and signal engine (internal), after checking that
   * the loop is open and, in debug mode, the thread.
   */
  @Override
  @API(status = API.Status.INTERNAL, since = "0.1")
  public final ProcServices procServices() {
    checkClosed();
    if (debug) {
      checkThread();
    }
    return proc;
  }

  // ---- running ----

  @Override
  public void runForever() {
    checkClosed();
    checkNotRunning();
    EventLoop previous = RunningLoop.enter(this);
    thread = Thread.currentThread();
    pollSkipping.pollNext();
    try {
      do {
        runOnce();
      } while (!stopping);
    } finally {
      stopping = false;
      settleSkippedPoll();
      thread = null;
      RunningLoop.exit(previous);
    }
  }

  @Override
  public <T> T runUntilComplete(Future<T> future) {
    Objects.requireNonNull(future, "future");
    checkClosed();
    checkNotRunning();
    if (future.getLoop() != this) {
      throw new IllegalArgumentException(
          "The future belongs to a different loop than the one running it: " + future);
    }
    Consumer<Future<T>> stopWhenDone = f -> stop();
    future.addDoneCallback(stopWhenDone);
    try {
      runForever();
    } finally {
      future.removeDoneCallback(stopWhenDone);
    }
    if (!future.done()) {
      throw new IllegalStateException("Event loop stopped before Future completed.");
    }
    return future.result();
  }

  /** Checks the loop can run before creating the task, as asyncio checks before ensure_future. */
  @Override
  public <T> T runUntilComplete(Coroutine<T> coroutine) {
    Objects.requireNonNull(coroutine, "coroutine");
    checkClosed();
    checkNotRunning();
    return runUntilComplete(createTask(coroutine));
  }

  @Override
  public void stop() {
    stopping = true;
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (thread != null) {
      throw new IllegalStateException("Cannot close a running event loop");
    }
    if (closed) {
      return;
    }
    if (debug) {
      LOG.log(System.Logger.Level.DEBUG, "Close " + this);
    }
    closed = true;
    ready.clear();
    timers.clear();
    fromOtherThreads.clear();
    executors.closeNoWait();
    proc.close();
    io.close();
  }

  /**
   * One pass of the loop, asyncio's {@code _run_once}, and the only place callbacks run:
   * <ol>
   *   <li>take in the callbacks other threads scheduled;
   *   <li>drop cancelled timers: rebuild the heap if it holds more than 100 timers and more than
   *       half are cancelled, else pop the cancelled ones at its top;
   *   <li>poll for I/O: without waiting if callbacks are ready or the loop is stopping, else
   *       until the earliest timer (at most a day), else until I/O or a wake-up; the
   *       {@link IoHandler} queues the callbacks of ready I/O with {@link #addReady}. Unlike
   *       asyncio, a pass with callbacks ready skips that non-blocking poll (a system call) if
   *       the last poll ended less than 50 us ago and fewer than 64 passes in a row skipped it;
   *       the first pass of a run and a stopping loop's always poll ({@link PollSkipping});
   *   <li>take in the callbacks other threads scheduled during the poll;
   *   <li>move the timers due within the clock resolution to the ready queue, in heap order;
   *   <li>run exactly the callbacks that are ready now, skipping cancelled ones; those they
   *       schedule run in the next pass (after the next poll, if that pass polls).
   * </ol>
   */
  protected void runOnce() {
    fromOtherThreads.drainTo(ready);
    timers.compactIfMostlyCancelled();
    boolean polled = true;
    try {
      polled = pollSkipping.poll(io, pollTimeoutNanos(), stopping);
    } catch (IOException e) {
      callExceptionHandler(ExceptionContext.of("I/O poll failed", e));
    }
    if (polled) {
      fromOtherThreads.polled();
    }
    fromOtherThreads.drainTo(ready);
    moveDueTimersToReady();
    for (int n = ready.size(); n > 0; n--) {
      Handle h = ready.poll();
      if (h.cancelled()) {
        continue;
      }
      if (debug) {
        runTimed(h);
      } else {
        h.run();
      }
    }
  }

  /** 0 if work is ready or the loop is stopping; else until the first timer; else -1 (no limit). */
  private long pollTimeoutNanos() {
    if (!ready.isEmpty() || stopping) {
      return 0;
    }
    if (timers.isEmpty()) {
      return -1;
    }
    double wait = Math.min(timers.peek().when() - time(), MAXIMUM_SELECT_TIMEOUT);
    return wait > 0 ? (long) Math.ceil(wait * 1e9) : 0;
  }

  private void moveDueTimersToReady() {
    if (timers.isEmpty()) {
      return;
    }
    double end = time() + CLOCK_RESOLUTION;
    for (TimerHandle t = timers.peek(); t != null && t.when() < end; t = timers.peek()) {
      timers.poll();
      if (!t.cancelled()) {
        ready.add(t);
      }
    }
  }

  private void runTimed(Handle h) {
    long t0 = System.nanoTime();
    h.run();
    double took = (System.nanoTime() - t0) / 1e9;
    if (took >= slowCallbackDuration) {
      LOG.log(System.Logger.Level.WARNING,
          String.format(Locale.ROOT, "Executing %s took %.3f seconds", h, took));
    }
  }

  /** A run that ended on skipped polls leaves no closed channel half open ({@link PollSkipping}). */
  private void settleSkippedPoll() {
    try {
      if (pollSkipping.settle(io)) {
        fromOtherThreads.polled();
      }
    } catch (IOException e) {
      callExceptionHandler(ExceptionContext.of("I/O poll failed", e));
    }
  }

  /**
   * Queues a handle to run in the next pass, after the callbacks already queued: the
   * multiplexer's way to deliver ready I/O (asyncio's {@code _add_callback}). Loop thread only.
   */
  public void addReady(Handle handle) {
    assert thread == null || onLoopThread() : "addReady from " + Thread.currentThread();
    ready.add(handle);
  }

  // ---- scheduling ----

  @Override
  public Handle callSoon(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkClosed();
    if (debug) {
      checkThread();
    }
    if (!fromOtherThreads.isEmpty()) {
      // callSoonThreadsafe then callSoon on one thread keep their order (asyncio:
      // test_call_soon_threadsafe_same_thread).
      fromOtherThreads.drainTo(ready);
    }
    Handle h = new Handle(this, callback);
    ready.add(h);
    return h;
  }

  @Override
  public Handle callSoonThreadsafe(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkClosed();
    Handle h = new Handle(this, callback);
    if (onLoopThread()) {
      ready.add(h);
      return h;
    }
    fromOtherThreads.post(h, io);
    return h;
  }

  @Override
  public TimerHandle callLater(double delaySeconds, Runnable callback) {
    checkFinite("delay", delaySeconds);
    return callAt(time() + delaySeconds, callback);
  }

  @Override
  public TimerHandle callAt(double when, Runnable callback) {
    checkFinite("when", when);
    Objects.requireNonNull(callback, "callback");
    checkClosed();
    if (debug) {
      checkThread();
    }
    TimerHandle t = new TimerHandle(this, when, timerSequence++, callback, timerCancelled);
    timers.add(t);
    return t;
  }

  @Override
  public double time() {
    return (System.nanoTime() - epochNanos) / 1e9;
  }

  @Override
  public void setTaskFactory(TaskFactory factory) {
    this.taskFactory = factory;
  }

  @Override
  public TaskFactory getTaskFactory() {
    return taskFactory;
  }

  // ---- threads ----

  @Override
  public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
    Objects.requireNonNull(fn, "fn");
    checkClosed();
    if (debug) {
      checkThread();
    }
    return executors.submit(executor, fn);
  }

  @Override
  public void setDefaultExecutor(ExecutorService executor) {
    executors.setDefaultExecutor(executor);
  }

  @Override
  public Future<Void> shutdownDefaultExecutor() {
    checkClosed();
    return executors.shutdownDefault();
  }

  // ---- errors and debug ----

  @Override
  public void setExceptionHandler(ExceptionHandler handler) {
    this.exceptionHandler = handler;
  }

  @Override
  public ExceptionHandler getExceptionHandler() {
    return exceptionHandler;
  }

  @Override
  public void setDebug(boolean enabled) {
    this.debug = enabled;
  }

  @Override
  public boolean isDebug() {
    return debug;
  }

  @Override
  public double getSlowCallbackDuration() {
    return slowCallbackDuration;
  }

  @Override
  public void setSlowCallbackDuration(double seconds) {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException(
          "slowCallbackDuration must be positive and finite, not " + seconds);
    }
    this.slowCallbackDuration = seconds;
  }

  // ---- checks ----

  /** Throws {@link IllegalStateException} if the loop is closed. */
  protected final void checkClosed() {
    if (closed) {
      throw new IllegalStateException("Event loop is closed");
    }
  }

  /** asyncio's {@code _check_running}: this loop, or another loop on this thread, is running. */
  private void checkNotRunning() {
    if (thread != null) {
      throw new IllegalStateException("This event loop is already running");
    }
    if (RunningLoop.get() != null) {
      throw new IllegalStateException("Cannot run the event loop while another loop is running");
    }
  }

  /**
   * Throws if the loop is running on another thread (asyncio's {@code _check_thread}); a task
   * body on the virtual-thread backend counts as the loop thread while it holds the baton.
   */
  protected final void checkThread() {
    Thread owner = thread;
    if (owner != null && !onLoopThread()) {
      throw new IllegalStateException(
          "Non-thread-safe operation invoked on an event loop other than the current one "
              + "(loop thread " + owner.getName() + ", called from "
              + Thread.currentThread().getName() + ")");
    }
  }

  /** Whether the caller is the running loop's thread (or a task body holding its baton). */
  private boolean onLoopThread() {
    Thread owner = thread;
    return owner != null && (owner == Thread.currentThread() || RunningLoop.get() == this);
  }

  private static void checkFinite(String what, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          what + " must be a finite number of seconds, not " + value);
    }
  }

  // ---- for tests in this package ----

  /** Timers in the heap, cancelled ones included. */
  int scheduledTimerCount() {
    return timers.size();
  }

  /** Cancelled timers still in the heap. */
  int cancelledTimerCount() {
    return timers.cancelledCount();
  }

  /** The default executor, or {@code null} if none was created or set. */
  ExecutorService defaultExecutorIfAny() {
    return executors.currentDefault();
  }

  @Override
  public String toString() {
    return "SelectorEventLoop[running=" + isRunning() + ", closed=" + closed
        + ", debug=" + debug + "]";
  }
}
