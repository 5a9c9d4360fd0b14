package dev.jloop.reference;

import dev.jloop.EventLoop;
import dev.jloop.ExceptionContext;
import dev.jloop.ExceptionHandler;
import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.TaskFactory;
import dev.jloop.TimerHandle;
import dev.jloop.spi.RunningLoop;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * jloop's reference event loop: asyncio's {@code BaseSelectorEventLoop} on a JDK NIO
 * {@link java.nio.channels.Selector}.
 *
 * <p>The scheduler (ready queue, timer heap, {@link #runOnce()}) lives here; the multiplexer is
 * the {@link IoHandler} it is given. Confined to the thread that runs it, except
 * {@link #callSoonThreadsafe}, {@link #time()}, {@link #isRunning()} and {@link #isClosed()}. In
 * debug mode ({@link #setDebug}, or {@code -Djloop.debug=true}) calls from other threads throw
 * {@link IllegalStateException}, as asyncio's {@code _check_thread} does.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class SelectorEventLoop implements EventLoop {
  private static final System.Logger LOG = System.getLogger("dev.jloop");
  /** Resolution of {@link System#nanoTime()} as asyncio's {@code _clock_resolution}: 1 ns. */
  private static final double CLOCK_RESOLUTION = 1e-9;

  private final IoHandler io;
  private final long epochNanos = System.nanoTime();
  private final ArrayDeque<Handle> ready = new ArrayDeque<>();
  private final TimerQueue timers = new TimerQueue();
  private final Consumer<TimerHandle> timerCancelled = timers::onCancelled;
  private final ConcurrentLinkedQueue<Handle> fromOtherThreads = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final ExecutorSupport executors = new ExecutorSupport(this);

  private long timerSequence;
  private volatile Thread thread;
  private volatile boolean closed;
  private boolean stopping;
  private boolean debug = Boolean.getBoolean("jloop.debug");
  private double slowCallbackDuration = 0.1;
  private ExceptionHandler exceptionHandler;
  private TaskFactory taskFactory;

  /** A loop on a new {@link SelectorIoHandler}. */
  public SelectorEventLoop() {
    this(new SelectorIoHandler());
  }

  /** A loop on the given multiplexer, which the loop closes when it closes. */
  public SelectorEventLoop(IoHandler io) {
    this.io = Objects.requireNonNull(io, "io");
  }

  /** The multiplexer. */
  public IoHandler ioHandler() {
    return io;
  }

  // ---- running ----

  @Override
  public void runForever() {
    checkClosed();
    if (thread != null) {
      throw new IllegalStateException("This event loop is already running");
    }
    EventLoop previous = RunningLoop.enter(this);
    thread = Thread.currentThread();
    try {
      while (true) {
        runOnce();
        if (stopping) {
          break;
        }
      }
    } finally {
      stopping = false;
      thread = null;
      RunningLoop.exit(previous);
    }
  }

  @Override
  public <T> T runUntilComplete(Future<T> future) {
    Objects.requireNonNull(future, "future");
    checkClosed();
    if (thread != null) {
      throw new IllegalStateException("This event loop is already running");
    }
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
    closed = true;
    if (debug) {
      LOG.log(System.Logger.Level.DEBUG, "Close " + this);
    }
    ready.clear();
    timers.clear();
    fromOtherThreads.clear();
    executors.closeNoWait();
    io.close();
  }

  /**
   * One pass of the loop, asyncio's {@code _run_once}:
   * <ol>
   *   <li>take in the callbacks other threads scheduled;
   *   <li>drop cancelled timers (rebuilding the heap when most of a large heap is cancelled);
   *   <li>poll for I/O: without waiting if callbacks are ready or the loop is stopping, else
   *       until the earliest timer, else until I/O or a wake-up; ready I/O queues callbacks;
   *   <li>take in the callbacks other threads scheduled meanwhile;
   *   <li>move the timers due within the clock resolution to the ready queue, in heap order;
   *   <li>run exactly the callbacks that are ready now; those they schedule run next pass.
   * </ol>
   */
  protected void runOnce() {
    drainOtherThreads();
    timers.compactIfMostlyCancelled();
    long timeout;
    if (!ready.isEmpty() || stopping) {
      timeout = 0;
    } else if (!timers.isEmpty()) {
      timeout = Math.max(0, (long) ((timers.peek().when() - time()) * 1e9));
    } else {
      timeout = -1;
    }
    try {
      io.poll(timeout);
    } catch (IOException e) {
      callExceptionHandler(ExceptionContext.of("I/O poll failed", e));
    }
    wakeupPending.set(false);
    drainOtherThreads();
    double end = time() + CLOCK_RESOLUTION;
    for (TimerHandle t = timers.peek(); t != null && t.when() < end; t = timers.peek()) {
      timers.poll();
      if (!t.cancelled()) {
        ready.add(t);
      }
    }
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

  private void runTimed(Handle h) {
    long t0 = System.nanoTime();
    h.run();
    double took = (System.nanoTime() - t0) / 1e9;
    if (took >= slowCallbackDuration) {
      LOG.log(System.Logger.Level.WARNING,
          String.format("Executing %s took %.3f seconds", h, took));
    }
  }

  private void drainOtherThreads() {
    for (Handle h = fromOtherThreads.poll(); h != null; h = fromOtherThreads.poll()) {
      ready.add(h);
    }
  }

  /** Queues a callback for this pass's successor; for the multiplexer, on the loop thread. */
  public void addReady(Handle handle) {
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
      // Same thread as the running loop: keep FIFO order with callSoon, as asyncio does.
      ready.add(h);
      return h;
    }
    fromOtherThreads.add(h);
    if (wakeupPending.compareAndSet(false, true)) {
      io.wakeup();
    }
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
      throw new IllegalArgumentException("slowCallbackDuration must be positive and finite, not " + seconds);
    }
    this.slowCallbackDuration = seconds;
  }

  // ---- checks ----

  /** Throws if the loop is closed. */
  protected final void checkClosed() {
    if (closed) {
      throw new IllegalStateException("Event loop is closed");
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
              + "(loop thread " + owner.getName() + ", called from " + Thread.currentThread().getName() + ")");
    }
  }

  /** Whether the caller is the running loop's thread (or a task body holding its baton). */
  private boolean onLoopThread() {
    Thread owner = thread;
    return owner != null && (owner == Thread.currentThread() || RunningLoop.get() == this);
  }

  private static void checkFinite(String what, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(what + " must be a finite number of seconds, not " + value);
    }
  }

  @Override
  public String toString() {
    return "SelectorEventLoop[running=" + isRunning() + ", closed=" + closed + ", debug=" + debug + "]";
  }
}
