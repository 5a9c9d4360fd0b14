package dev.jloop;

import dev.jloop.internal.coro.CoroutineBackend;
import dev.jloop.internal.coro.CoroutineBackends;
import dev.jloop.internal.coro.Fiber;
import dev.jloop.spi.RunningLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * asyncio's {@code Task}: a {@link Coroutine} driven by its loop, itself a {@link Future} of the
 * coroutine's result.
 *
 * <p>The task starts in the loop's next pass (its first step is scheduled with
 * {@code callSoon}). Each {@link Async#await(Future)} on a pending future suspends the body and
 * registers a done callback that schedules the next step; so a task resumes one pass after the
 * future it awaits completes, as in asyncio.
 *
 * <p>{@link #cancel(String)} reaches the body at its current (or next) await point as a
 * {@link CancelledException} carrying the message. The body may catch it; if it lets it escape
 * the task ends cancelled. {@link #cancelling()} and {@link #uncancel()} follow Python 3.11.
 *
 * <p>Not thread-safe: use on the loop thread. Shared by every loop.
 *
 * @param <T> the result type
 */
@API(status = API.Status.STABLE, since = "0.1")
public class Task<T> extends Future<T> {
  private static final AtomicLong NAMES = new AtomicLong();
  /**
   * The running task of each thread, in a one-slot cell: a step reads the thread-local once and
   * then swaps plain fields, instead of two {@code ThreadLocal.set}s per step.
   */
  private static final ThreadLocal<Task<?>[]> CURRENT = ThreadLocal.withInitial(() -> new Task<?>[1]);
  /** asyncio's {@code _all_tasks}: weak, so a task nobody references can be collected. */
  private static final Set<Task<?>> ALL = Collections.newSetFromMap(new WeakHashMap<>());

  private final Coroutine<T> coroutine;
  private final CoroutineBackend backend;
  private final Fiber fiber;
  private final Runnable stepCallback = this::stepFromCallback;
  private final Consumer<Future<?>> wakeupCallback = this::wakeup;
  private String name;

  // outcome of the body, written by the fiber, read by step() after resume returns
  private T bodyResult;
  private Throwable bodyError;

  // set by the body when it suspends: the future it awaits, or null for a bare yield
  private Future<?> awaiting;
  // the exception to throw at the await point when the body resumes
  private Throwable injected;

  private Future<?> waitingOn;
  private boolean mustCancel;
  private String pendingCancelMessage;
  private int cancelRequests;

  /**
   * Creates the task and schedules its first step. Prefer {@link EventLoop#createTask}.
   *
   * @param name the name, or {@code null} for {@code Task-N}
   */
  public Task(EventLoop loop, Coroutine<T> coroutine, String name) {
    super(loop);
    this.coroutine = Objects.requireNonNull(coroutine, "coroutine");
    this.name = name != null ? name : "Task-" + NAMES.incrementAndGet();
    this.backend = CoroutineBackends.get();
    this.fiber = backend.newFiber(this::body);
    loop.callSoon(stepCallback);
    synchronized (ALL) {
      ALL.add(this);
    }
  }

  /** The task running on this thread, or {@code null}. asyncio: {@code current_task()}. */
  public static Task<?> current() {
    return CURRENT.get()[0];
  }

  /** The pending tasks of {@code loop}. asyncio: {@code all_tasks(loop)}. */
  public static Set<Task<?>> allTasks(EventLoop loop) {
    Objects.requireNonNull(loop, "loop");
    List<Task<?>> snapshot;
    synchronized (ALL) {
      snapshot = new ArrayList<>(ALL);
    }
    Set<Task<?>> out = new java.util.LinkedHashSet<>();
    for (Task<?> t : snapshot) {
      if (t.getLoop() == loop && !t.done()) {
        out.add(t);
      }
    }
    return out;
  }

  /** The task's name. */
  public String getName() {
    return name;
  }

  /** Renames the task. */
  public void setName(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The coroutine this task runs. asyncio: {@code get_coro}. */
  public Coroutine<T> getCoro() {
    return coroutine;
  }

  /** The name of the coroutine backend running this task: {@code continuation} or {@code virtual}. */
  public String backendName() {
    return backend.name();
  }

  /**
   * Requests cancellation: the body gets a {@link CancelledException} with {@code message} at
   * its await point. Returns {@code false} if the task is already done. If the task awaits
   * another future, that future is cancelled instead, which wakes the task.
   */
  @Override
  public boolean cancel(String message) {
    if (done()) {
      // A no-op that, as in asyncio, still counts as retrieving the task's exception.
      cancelFuture(message);
      return false;
    }
    cancelRequests++;
    if (waitingOn != null && waitingOn.cancel(message)) {
      // Keep waitingOn: it may be a task that swallows the cancel and must be cancelled again.
      return true;
    }
    mustCancel = true;
    pendingCancelMessage = message;
    return true;
  }

  /** How many cancel requests are pending. asyncio 3.11: {@code cancelling()}. */
  public int cancelling() {
    return cancelRequests;
  }

  /** Decrements the pending cancel requests and returns the new count. asyncio: {@code uncancel()}. */
  public int uncancel() {
    if (cancelRequests > 0) {
      cancelRequests--;
    }
    return cancelRequests;
  }

  /** Tasks complete from their body only. @throws IllegalStateException always */
  @Override
  public void setResult(T value) {
    throw new IllegalStateException("Task does not support setResult()");
  }

  /** Tasks complete from their body only. @throws IllegalStateException always */
  @Override
  public void setException(Throwable error) {
    throw new IllegalStateException("Task does not support setException()");
  }

  // ---- called from the body through Async ----

  /** Suspends the body until {@code future} is done (or cancellation is injected). */
  final void suspendOn(Future<?> future) {
    awaiting = future;
    suspendAndCheck();
  }

  /** Suspends the body for one pass of the loop: asyncio's bare {@code yield} (sleep(0)). */
  final void yieldOnce() {
    awaiting = null;
    suspendAndCheck();
  }

  private void suspendAndCheck() {
    backend.suspend();
    Throwable t = injected;
    if (t != null) {
      injected = null;
      throw dev.jloop.internal.Throwing.sneaky(t);
    }
  }

  // ---- the driver ----

  private void body() {
    try {
      CURRENT.get()[0] = this;
      RunningLoop.enter(getLoop());
      Throwable t = injected;
      if (t != null) {
        injected = null;
        throw t;
      }
      bodyResult = coroutine.run();
    } catch (Throwable t) {
      bodyError = t;
    }
  }

  private void stepFromCallback() {
    step(null);
  }

  private void wakeup(Future<?> future) {
    step(null);
  }

  /** One step: resume the body, then either finish the task or arrange its next step. */
  private void step(Throwable exc) {
    if (done()) {
      throw new InvalidStateException("step(): already done: " + this);
    }
    if (mustCancel) {
      if (!(exc instanceof CancelledException)) {
        exc = makeCancelledException();
      }
      mustCancel = false;
    }
    waitingOn = null;
    injected = exc;
    Task<?>[] current = CURRENT.get();
    Task<?> previous = current[0];
    current[0] = this;
    try {
      fiber.resume();
    } finally {
      current[0] = previous;
    }
    if (fiber.isDone()) {
      finish();
    } else {
      Future<?> f = awaiting;
      awaiting = null;
      if (f == null) {
        getLoop().callSoon(stepCallback);
      } else if (f.getLoop() != getLoop()) {
        getLoop().callSoon(() -> step(new IllegalStateException(
            "Task " + name + " got Future " + f + " attached to a different loop")));
      } else if (f == this) {
        getLoop().callSoon(() -> step(new IllegalStateException("Task cannot await on itself: " + this)));
      } else {
        f.addDoneCallback(wakeupCallback);
        waitingOn = f;
        if (mustCancel && f.cancel(pendingCancelMessage)) {
          mustCancel = false;
        }
      }
    }
  }

  private void finish() {
    synchronized (ALL) {
      ALL.remove(this);
    }
    Throwable err = bodyError;
    if (err == null) {
      if (mustCancel) {
        mustCancel = false;
        cancelFuture(pendingCancelMessage);
      } else {
        completeWithResult(bodyResult);
      }
    } else if (err instanceof CancelledException ce) {
      cancelFuture(ce.getMessage());
    } else {
      completeWithException(err);
    }
    bodyResult = null;
    bodyError = null;
  }

  @Override
  protected CancelledException makeCancelledException() {
    return new CancelledException(done() ? cancelMessage() : pendingCancelMessage);
  }

  @Override
  public String toString() {
    return "Task[" + name + ", " + describeState() + "]";
  }
}
