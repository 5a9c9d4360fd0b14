package dev.jloop;

import dev.jloop.internal.Throwing;
import dev.jloop.internal.UnretrievedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * asyncio's {@code Future}: a result that will be set later, on one loop.
 *
 * <p>Shared by every loop: it uses only {@link EventLoop#callSoon} and
 * {@link EventLoop#callExceptionHandler}, so any engine reuses it, as uvloop reuses CPython's.
 *
 * <p>Contract:
 * <ul>
 *   <li>Not thread-safe, like asyncio's: use it on its loop's thread. From other threads, go
 *       through {@link EventLoop#callSoonThreadsafe} or {@link #toCompletableFuture()}.
 *   <li>Done callbacks are never run synchronously: completing the future, or adding a callback
 *       to a done future, schedules each callback with {@code callSoon}, in registration order.
 *   <li>An exception that was set and never retrieved (through {@link #result()} or
 *       {@link #exception()}; a {@link #cancel} call on the done future also counts, as in
 *       asyncio) is reported to the loop's exception handler once the future becomes
 *       unreachable, with the keys {@code message} ("Future exception was never retrieved"),
 *       {@code exception} and {@code future} (the future's description, since the future itself
 *       is gone), as asyncio does from {@code __del__}.
 * </ul>
 *
 * @param <T> the result type
 */
@API(status = API.Status.STABLE, since = "0.1")
public class Future<T> {
  private enum State { PENDING, CANCELLED, FINISHED }

  private final EventLoop loop;
  private State state = State.PENDING;
  private T result;
  private Throwable exception;
  private String cancelMessage;
  /** null, one Consumer, or an ArrayList of them (most futures have at most one callback). */
  private Object callbacks;
  private UnretrievedException unretrieved;

  /**
   * Creates a pending future on {@code loop}. Usually called through
   * {@link EventLoop#createFuture()}.
   *
   * @throws NullPointerException if {@code loop} is {@code null}
   */
  public Future(EventLoop loop) {
    this.loop = Objects.requireNonNull(loop, "loop");
  }

  /** The loop this future belongs to. asyncio: {@code get_loop()}. */
  public final EventLoop getLoop() {
    return loop;
  }

  /** Whether the future has a result, an exception, or was cancelled. */
  public final boolean done() {
    return state != State.PENDING;
  }

  /** Whether the future was cancelled. */
  public final boolean cancelled() {
    return state == State.CANCELLED;
  }

  /**
   * The result. Rethrows the future's exception as it was set (the same object, even when
   * checked), throws a new {@link CancelledException} carrying the cancel message if the future
   * was cancelled, and {@link InvalidStateException} if it is not done yet.
   */
  public final T result() {
    if (state == State.CANCELLED) {
      throw makeCancelledException();
    }
    if (state != State.FINISHED) {
      throw new InvalidStateException("Result is not set: " + this);
    }
    markRetrieved();
    if (exception != null) {
      throw Throwing.sneaky(exception);
    }
    return result;
  }

  /**
   * The exception set on the future, or {@code null} if it has a result. Throws
   * {@link CancelledException} if cancelled and {@link InvalidStateException} if not done.
   */
  public final Throwable exception() {
    if (state == State.CANCELLED) {
      throw makeCancelledException();
    }
    if (state != State.FINISHED) {
      throw new InvalidStateException("Exception is not set: " + this);
    }
    markRetrieved();
    return exception;
  }

  /**
   * Marks the future done with {@code value} and schedules its callbacks.
   *
   * @throws InvalidStateException if it is already done
   */
  public void setResult(T value) {
    completeWithResult(value);
  }

  /**
   * Marks the future done with {@code error} and schedules its callbacks.
   *
   * @throws NullPointerException if {@code error} is {@code null}
   * @throws InvalidStateException if it is already done
   */
  public void setException(Throwable error) {
    completeWithException(error);
  }

  /** {@link #cancel(String)} with no message. */
  public final boolean cancel() {
    return cancel(null);
  }

  /**
   * Cancels the future and schedules its callbacks. Returns {@code false} if it was already
   * done. The message (nullable) reaches whoever awaits it, in the {@link CancelledException}.
   */
  public boolean cancel(String message) {
    return cancelFuture(message);
  }

  /**
   * Adds a callback to run, through {@code callSoon}, with this future once it is done. If it
   * is done already the callback is scheduled now. Never runs the callback synchronously.
   *
   * @throws NullPointerException if {@code callback} is {@code null}
   */
  @SuppressWarnings("unchecked")
  public final void addDoneCallback(Consumer<? super Future<T>> callback) {
    Objects.requireNonNull(callback, "callback");
    if (state != State.PENDING) {
      schedule(callback);
    } else if (callbacks == null) {
      callbacks = callback;
    } else if (callbacks instanceof ArrayList<?> list) {
      ((List<Object>) list).add(callback);
    } else {
      List<Object> list = new ArrayList<>(4);
      list.add(callbacks);
      list.add(callback);
      callbacks = list;
    }
  }

  /**
   * Removes every registration of {@code callback} (compared with {@code equals}) and returns
   * how many were removed. asyncio: {@code remove_done_callback}.
   */
  public final int removeDoneCallback(Consumer<? super Future<T>> callback) {
    Objects.requireNonNull(callback, "callback");
    if (callbacks == null) {
      return 0;
    }
    if (callbacks instanceof ArrayList<?> list) {
      int before = list.size();
      list.removeIf(callback::equals);
      return before - list.size();
    }
    if (callbacks.equals(callback)) {
      callbacks = null;
      return 1;
    }
    return 0;
  }

  /**
   * A {@link CompletableFuture} completed (on this loop's thread) when this future is done:
   * with its result, its exception, or cancelled. Cancelling the returned future from any thread
   * cancels this one, through {@code callSoonThreadsafe}. Call it on the loop thread.
   */
  public final CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> cf = new CompletableFuture<>();
    addDoneCallback(f -> {
      if (f.cancelled()) {
        cf.cancel(false);
      } else if (f.exception() != null) {
        cf.completeExceptionally(f.exception());
      } else {
        cf.complete(f.result());
      }
    });
    cf.whenComplete((v, e) -> {
      if (cf.isCancelled() && !loop.isClosed()) {
        try {
          loop.callSoonThreadsafe(() -> {
            if (!done()) {
              cancel();
            }
          });
        } catch (RuntimeException closed) {
          // the loop closed in between: nothing left to cancel
        }
      }
    });
    return cf;
  }

  // ---- for subclasses (Task) ----

  /** The message given to {@link #cancel(String)}, or {@code null}. */
  protected final String cancelMessage() {
    return cancelMessage;
  }

  /** Sets the result; the engine of {@link #setResult}. */
  protected final void completeWithResult(T value) {
    if (state != State.PENDING) {
      throw new InvalidStateException("invalid state " + state + " for setResult: " + this);
    }
    result = value;
    state = State.FINISHED;
    scheduleCallbacks();
  }

  /** Sets the exception; the engine of {@link #setException}. */
  protected final void completeWithException(Throwable error) {
    Objects.requireNonNull(error, "exception");
    if (state != State.PENDING) {
      throw new InvalidStateException("invalid state " + state + " for setException: " + this);
    }
    exception = error;
    state = State.FINISHED;
    unretrieved = UnretrievedException.watch(
        this, loop, error, getClass().getSimpleName() + " exception was never retrieved",
        toString());
    scheduleCallbacks();
  }

  /**
   * Cancels; the engine of {@link #cancel(String)}. Like asyncio's {@code Future.cancel}, a call
   * on a future that is already done returns {@code false} but still counts as retrieving its
   * exception: nobody will be told it was never retrieved.
   */
  protected final boolean cancelFuture(String message) {
    markRetrieved();
    if (state != State.PENDING) {
      return false;
    }
    state = State.CANCELLED;
    cancelMessage = message;
    scheduleCallbacks();
    return true;
  }

  /** A new {@link CancelledException} with this future's cancel message. */
  protected CancelledException makeCancelledException() {
    return new CancelledException(cancelMessage);
  }

  private void markRetrieved() {
    if (unretrieved != null) {
      unretrieved.retrieved();
      unretrieved = null;
    }
  }

  @SuppressWarnings("unchecked")
  private void scheduleCallbacks() {
    Object cbs = callbacks;
    callbacks = null;
    if (cbs == null) {
      return;
    }
    if (cbs instanceof ArrayList<?> list) {
      for (Object cb : list) {
        schedule((Consumer<? super Future<T>>) cb);
      }
    } else {
      schedule((Consumer<? super Future<T>>) cbs);
    }
  }

  private void schedule(Consumer<? super Future<T>> callback) {
    loop.callSoon(new DoneCallback<>(this, callback));
  }

  /** A scheduled done callback; its toString names the callback for error reports. */
  private record DoneCallback<T>(Future<T> future, Consumer<? super Future<T>> callback)
      implements Runnable {
    @Override
    public void run() {
      callback.accept(future);
    }

    @Override
    public String toString() {
      return "done callback " + callback + " of " + future;
    }
  }

  /** State description for logs: class, state, and result or exception. */
  protected String describeState() {
    return switch (state) {
      case PENDING -> "pending";
      case CANCELLED -> "cancelled";
      case FINISHED -> exception != null ? "finished exception=" + exception : "finished result=" + result;
    };
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + describeState() + "]";
  }
}
