package dev.jloop.examples.minimal;

import dev.jloop.Coroutine;
import dev.jloop.EventLoop;
import dev.jloop.ExceptionHandler;
import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.TaskFactory;
import dev.jloop.TimerHandle;
import dev.jloop.spi.RunningLoop;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A small event loop written from scratch to show what a third-party loop needs to pass the
 * jloop TCK. No I/O: callbacks, timers, the threadsafe wake-up and executors. Futures and tasks
 * are jloop's shared {@link Future} and {@link dev.jloop.Task}, which only need
 * {@link #callSoon}. Networking (TCP, UDP, Unix sockets, TLS), pipes, subprocesses and signals
 * keep the {@link EventLoop} defaults, which throw {@link UnsupportedOperationException}, and so
 * does {@link #setSlowCallbackDuration}, which this loop does not implement.
 *
 * <p>Design: one lock guards the ready queue, which every thread appends to; the loop thread
 * waits on the lock's condition when nothing is ready, until its earliest timer is due or
 * {@link #callSoonThreadsafe} signals it. The timer heap is touched by the loop thread only.
 * asyncio's {@code _run_once} is {@link #runOnce()}.
 *
 * <p>Threading: confined to the thread that runs it, except {@link #callSoonThreadsafe},
 * {@link #time()}, {@link #isRunning()} and {@link #isClosed()}; debug mode checks it.
 */
public final class MinimalEventLoop implements EventLoop {
  private final long epochNanos = System.nanoTime();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  /** Guarded by {@link #lock}. */
  private final ArrayDeque<Handle> ready = new ArrayDeque<>();
  /** Loop thread only (or any thread while the loop is not running). */
  private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>(TimerHandle::compare);
  private final ExecutorBridge executors = new ExecutorBridge(this);

  private long timerSequence;
  private volatile Thread thread;
  /** Read anywhere; set under {@link #lock}, so that close() and an enqueue never interleave. */
  private volatile boolean closed;
  private volatile boolean stopping;
  private volatile boolean debug;
  private ExceptionHandler exceptionHandler;
  private TaskFactory taskFactory;

  // ---- running ----

  @Override
  public void runForever() {
    checkClosed();
    checkNotRunning();
    EventLoop previous = RunningLoop.enter(this);
    thread = Thread.currentThread();
    try {
      do {
        runOnce();
      } while (!stopping);
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
    checkNotRunning();
    if (future.getLoop() != this) {
      throw new IllegalArgumentException("The future belongs to another loop: " + future);
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

  /** Checks that the loop can run before it creates the task, as asyncio does. */
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
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      ready.clear();
    } finally {
      lock.unlock();
    }
    timers.clear();
    executors.closeDefault();
  }

  /**
   * One pass, asyncio's {@code _run_once}: drop cancelled timers at the head of the heap; wait
   * (only if nothing is ready and the loop is not stopping) until the earliest timer is due or
   * another thread schedules a callback; move the due timers to the ready queue; then run the
   * callbacks that are ready now, in order. Callbacks they schedule run in the next pass.
   */
  private void runOnce() {
    while (!timers.isEmpty() && timers.peek().cancelled()) {
      timers.poll().unschedule();
    }
    int n;
    lock.lock();
    try {
      waitForWork();
      double now = time();
      while (!timers.isEmpty() && timers.peek().when() <= now) {
        TimerHandle t = timers.poll();
        t.unschedule();
        ready.add(t);
      }
      n = ready.size();
    } finally {
      lock.unlock();
    }
    for (; n > 0; n--) {
      Handle h = takeReady();
      if (!h.cancelled()) {
        h.run();
      }
    }
  }

  /** Holding the lock: waits until something is ready, the first timer is due, or a stop. */
  private void waitForWork() {
    boolean interrupted = false;
    while (ready.isEmpty() && !stopping) {
      long nanos = Long.MAX_VALUE;
      if (!timers.isEmpty()) {
        double wait = timers.peek().when() - time();
        if (wait <= 0) {
          break;
        }
        nanos = (long) Math.ceil(wait * 1e9);
      }
      try {
        if (nanos == Long.MAX_VALUE) {
          wakeUp.await();
        } else {
          wakeUp.awaitNanos(nanos);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private Handle takeReady() {
    lock.lock();
    try {
      return ready.poll();
    } finally {
      lock.unlock();
    }
  }

  // ---- scheduling ----

  @Override
  public Handle callSoon(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkClosed();
    if (debug) {
      checkThread();
    }
    return enqueue(new Handle(this, callback), false);
  }

  @Override
  public Handle callSoonThreadsafe(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    return enqueue(new Handle(this, callback), true);
  }

  private Handle enqueue(Handle h, boolean wake) {
    lock.lock();
    try {
      checkClosed();
      ready.add(h);
      if (wake) {
        wakeUp.signal();
      }
    } finally {
      lock.unlock();
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
    TimerHandle t = new TimerHandle(this, when, timerSequence++, callback, null);
    timers.add(t);
    return t;
  }

  @Override
  public double time() {
    return (System.nanoTime() - epochNanos) / 1e9;
  }

  @Override
  public void setTaskFactory(TaskFactory factory) {
    taskFactory = factory;
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
    executors.setDefault(Objects.requireNonNull(executor, "executor"));
  }

  @Override
  public Future<Void> shutdownDefaultExecutor() {
    checkClosed();
    return executors.shutdownDefault();
  }

  // ---- errors and debug ----

  @Override
  public void setExceptionHandler(ExceptionHandler handler) {
    exceptionHandler = handler;
  }

  @Override
  public ExceptionHandler getExceptionHandler() {
    return exceptionHandler;
  }

  @Override
  public void setDebug(boolean enabled) {
    debug = enabled;
  }

  @Override
  public boolean isDebug() {
    return debug;
  }

  // ---- checks ----

  private void checkClosed() {
    if (closed) {
      throw new IllegalStateException("Event loop is closed");
    }
  }

  private void checkNotRunning() {
    if (thread != null) {
      throw new IllegalStateException("This event loop is already running");
    }
    if (RunningLoop.get() != null) {
      throw new IllegalStateException("Cannot run the event loop while another loop is running");
    }
  }

  /**
   * asyncio's {@code _check_thread}. A task body counts as the loop thread: with the
   * virtual-thread coroutine backend it runs on a thread of its own, marked by
   * {@link RunningLoop}.
   */
  private void checkThread() {
    Thread owner = thread;
    if (owner != null && owner != Thread.currentThread() && RunningLoop.get() != this) {
      throw new IllegalStateException("Non-thread-safe operation invoked on an event loop "
          + "other than the current one (loop thread " + owner.getName() + ")");
    }
  }

  private static void checkFinite(String what, double seconds) {
    if (!Double.isFinite(seconds)) {
      throw new IllegalArgumentException(what + " must be a finite number of seconds, not " + seconds);
    }
  }

  @Override
  public String toString() {
    return "MinimalEventLoop[running=" + isRunning() + ", closed=" + closed + ", debug=" + debug + "]";
  }
}
