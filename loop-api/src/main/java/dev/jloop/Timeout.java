package dev.jloop;

import dev.jloop.internal.Throwing;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A deadline for a block of code in a task: asyncio 3.11's {@code asyncio.Timeout}, made by
 * {@link Async#timeout(double)} and {@link Async#timeoutAt(double)}.
 *
 * <p>asyncio enters it with {@code async with}; here {@link #run(Coroutine)} is that block:
 * <pre>{@code
 * Timeout t = Async.timeout(10.0);
 * String page = t.run(() -> {
 *   t.reschedule(t.when() + 5);   // optional: move the deadline
 *   return Async.await(fetch());
 * });
 * }</pre>
 * When the deadline passes, the task is cancelled (a plain {@link Task#cancel()}, so the body
 * sees a {@link CancelledException} at its await point); when that cancellation leaves the body,
 * {@code run} turns it into an {@link AsyncTimeoutException} whose cause is the
 * {@code CancelledException}. It does so only if no other cancel request arrived meanwhile:
 * {@code run} calls {@link Task#uncancel()} and converts only if the task's
 * {@link Task#cancelling()} count is back at what it was on entry, as asyncio does; otherwise the
 * {@code CancelledException} propagates. A body that catches the cancellation and returns
 * normally returns normally, and {@link #expired()} tells what happened.
 *
 * <p>Why not try-with-resources: {@code close()} cannot see or replace the exception leaving the
 * block, and this conversion needs both.
 *
 * <p>Deadlines are loop times ({@link EventLoop#time()}); {@link Double#POSITIVE_INFINITY} means
 * none (asyncio's {@code None}); a deadline already past expires in the next pass. Use on the
 * loop thread, from the task that runs the block. States, as asyncio's: created, active,
 * expiring, expired, finished; a {@code Timeout} is entered once.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Timeout {
  private enum State { CREATED, ENTERED, EXPIRING, EXPIRED, EXITED }

  private State state = State.CREATED;
  private double when;
  private Handle handle;
  private Task<?> task;
  private int cancellingOnEntry;

  Timeout(double when) {
    checkWhen(when);
    this.when = when;
  }

  /** The deadline in loop time; {@link Double#POSITIVE_INFINITY} if there is none. */
  public double when() {
    return when;
  }

  /**
   * Moves the deadline to {@code when} (loop time; {@link Double#POSITIVE_INFINITY} for none).
   * A time already past expires in the next pass. asyncio: {@code Timeout.reschedule}.
   *
   * @throws IllegalArgumentException if {@code when} is NaN
   * @throws IllegalStateException if the block is not running (not entered yet, expiring,
   *     expired or finished)
   */
  public void reschedule(double when) {
    checkWhen(when);
    if (state != State.ENTERED) {
      throw new IllegalStateException(state == State.CREATED
          ? "Timeout has not been entered"
          : "Cannot change state of " + describe(state) + " Timeout");
    }
    this.when = when;
    if (handle != null) {
      handle.cancel();
      handle = null;
    }
    if (when == Double.POSITIVE_INFINITY) {
      return;
    }
    EventLoop loop = task.getLoop();
    if (when <= loop.time()) {
      handle = loop.callSoon(this::onTimeout);
    } else {
      handle = loop.callAt(when, this::onTimeout);
    }
  }

  /** Whether the deadline passed while the block ran. asyncio: {@code Timeout.expired}. */
  public boolean expired() {
    return state == State.EXPIRING || state == State.EXPIRED;
  }

  /**
   * Runs {@code body} under this deadline in the current task and returns its result:
   * asyncio's {@code async with timeout: ...}. Exceptions leave unchanged, except the
   * cancellation this timeout caused, which becomes {@link AsyncTimeoutException}.
   *
   * @throws NullPointerException if {@code body} is {@code null}
   * @throws IllegalStateException if called outside a task, or if this timeout was entered before
   * @throws AsyncTimeoutException if the deadline passed and its cancellation left the body
   * @throws Exception whatever {@code body} throws
   */
  public <T> T run(Coroutine<T> body) throws Exception {
    java.util.Objects.requireNonNull(body, "body");
    enter();
    T result;
    try {
      result = body.run();
    } catch (Throwable t) {
      throw Throwing.sneaky(exit(t));
    }
    exit(null);
    return result;
  }

  private void enter() {
    if (state != State.CREATED) {
      throw new IllegalStateException("Timeout has already been entered");
    }
    Task<?> current = Task.current();
    if (current == null) {
      throw new IllegalStateException("Timeout should be used inside a task");
    }
    state = State.ENTERED;
    task = current;
    cancellingOnEntry = current.cancelling();
    reschedule(when);
  }

  /** asyncio's {@code __aexit__}: returns what {@code run} throws, given what the body threw. */
  private Throwable exit(Throwable thrown) {
    if (handle != null) {
      handle.cancel();
      handle = null;
    }
    if (state == State.EXPIRING) {
      state = State.EXPIRED;
      if (task.uncancel() <= cancellingOnEntry && thrown instanceof CancelledException) {
        return new AsyncTimeoutException("Timeout expired", thrown);
      }
    } else if (state == State.ENTERED) {
      state = State.EXITED;
    }
    return thrown;
  }

  private void onTimeout() {
    task.cancel();
    state = State.EXPIRING;
    handle = null;
  }

  private static void checkWhen(double when) {
    if (Double.isNaN(when)) {
      throw new IllegalArgumentException("timeout deadline must not be NaN");
    }
  }

  private static String describe(State s) {
    return switch (s) {
      case ENTERED -> "active";
      case EXITED -> "finished";
      default -> s.name().toLowerCase(Locale.ROOT);
    };
  }

  @Override
  public String toString() {
    return "Timeout[" + describe(state)
        + (state == State.ENTERED && when != Double.POSITIVE_INFINITY
            ? String.format(Locale.ROOT, " when=%.3f", when) : "")
        + "]";
  }
}
