package dev.jloop;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A scheduled callback: asyncio's {@code Handle}, returned by {@link EventLoop#callSoon}.
 *
 * <p>Shared by every loop: a loop creates one per scheduled callback and calls {@link #run()}
 * when its turn comes. Not thread-safe, like asyncio's: cancel it from the loop thread.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class Handle {
  private final EventLoop loop;
  private Runnable callback;
  private boolean cancelled;

  /**
   * Creates a handle for {@code callback} on {@code loop}.
   *
   * @throws NullPointerException if either is {@code null}
   */
  public Handle(EventLoop loop, Runnable callback) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.callback = Objects.requireNonNull(callback, "callback");
  }

  /** Cancels the callback: it will not run. Does nothing if it ran or was cancelled. */
  public void cancel() {
    if (!cancelled) {
      cancelled = true;
      callback = null;
    }
  }

  /** Whether {@link #cancel()} was called. */
  public boolean cancelled() {
    return cancelled;
  }

  /** The loop this handle belongs to. */
  public EventLoop getLoop() {
    return loop;
  }

  /** The callback, or {@code null} once cancelled. */
  public Runnable callback() {
    return callback;
  }

  /**
   * Runs the callback; called by the loop on its thread, never by users. An exception the
   * callback throws goes to the loop's exception handler with the keys {@code message}
   * ("Exception in callback ..."), {@code exception} and {@code handle}, as asyncio's
   * {@code Handle._run} does; the loop goes on. Errors that mean the JVM itself is in trouble
   * (other than stack overflow) propagate.
   */
  public void run() {
    Runnable cb = callback;
    if (cb == null) {
      return;
    }
    try {
      cb.run();
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
        throw (VirtualMachineError) t;
      }
      loop.callExceptionHandler(
          ExceptionContext.builder("Exception in callback " + cb)
              .exception(t)
              .put(ExceptionContext.HANDLE, this)
              .build());
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + (cancelled ? "[cancelled]" : "[" + callback + "]");
  }
}
