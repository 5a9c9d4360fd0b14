package dev.jloop.spi;

import dev.jloop.EventLoop;
import org.apiguardian.api.API;

/**
 * The per-thread record of the running loop, which loops keep up to date: asyncio's
 * {@code _set_running_loop} / {@code _get_running_loop}. {@link dev.jloop.Async#getRunningLoop()}
 * reads it.
 *
 * <p>A loop calls {@link #enter} when {@code runForever} starts on the current thread and
 * {@link #exit} with the returned value when it returns.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class RunningLoop {
  private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();

  private RunningLoop() {}

  /** The loop running on this thread, or {@code null}. */
  public static EventLoop get() {
    return CURRENT.get();
  }

  /**
   * Marks {@code loop} as running on this thread and returns the previous value, to be given
   * back to {@link #exit}.
   *
   * @throws IllegalStateException if another loop is already running on this thread
   */
  public static EventLoop enter(EventLoop loop) {
    EventLoop prev = CURRENT.get();
    if (prev != null && prev != loop) {
      throw new IllegalStateException("Cannot run the event loop while another loop is running");
    }
    CURRENT.set(loop);
    return prev;
  }

  /** Restores the value {@link #enter} returned. */
  public static void exit(EventLoop previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
