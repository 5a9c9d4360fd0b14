package dev.jloop;

import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * A timed callback: asyncio's {@code TimerHandle}, returned by {@link EventLoop#callLater} and
 * {@link EventLoop#callAt}.
 *
 * <p>{@link #when()} is the deadline in the loop's {@link EventLoop#time()} seconds. Loops order
 * timers by deadline; for equal deadlines asyncio promises no order, and jloop's loops use
 * {@link #sequence()} (the scheduling order). Not thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class TimerHandle extends Handle {
  private final double when;
  private final long sequence;
  private final Consumer<? super TimerHandle> onCancel;
  private boolean scheduled = true;

  /**
   * Creates a timer handle.
   *
   * @param loop the loop
   * @param when the deadline in loop time; must not be NaN
   * @param sequence the loop's scheduling counter, to break ties between equal deadlines
   * @param callback the callback
   * @param onCancel called once if the handle is cancelled while still scheduled (the loop's
   *     hook to count cancelled timers in its heap); may be {@code null}
   */
  public TimerHandle(
      EventLoop loop,
      double when,
      long sequence,
      Runnable callback,
      Consumer<? super TimerHandle> onCancel) {
    super(loop, callback);
    if (Double.isNaN(when)) {
      throw new IllegalArgumentException("when must not be NaN");
    }
    this.when = when;
    this.sequence = sequence;
    this.onCancel = onCancel;
  }

  /** The deadline, in loop time seconds. */
  public double when() {
    return when;
  }

  /** The scheduling sequence number given by the loop. */
  public long sequence() {
    return sequence;
  }

  /** Whether the timer is still in its loop's timer queue. */
  public boolean scheduled() {
    return scheduled;
  }

  /** Called by the loop when it takes the timer out of its queue (to run it or drop it). */
  public void unschedule() {
    scheduled = false;
  }

  @Override
  public void cancel() {
    if (!cancelled()) {
      super.cancel();
      if (scheduled && onCancel != null) {
        onCancel.accept(this);
      }
    }
  }

  /**
   * Orders timers by deadline, then by sequence: the loop's heap order.
   *
   * @return negative, zero or positive as {@code a} runs before, with or after {@code b}
   */
  public static int compare(TimerHandle a, TimerHandle b) {
    int c = Double.compare(a.when, b.when);
    return c != 0 ? c : Long.compare(a.sequence, b.sequence);
  }

  @Override
  public String toString() {
    return "TimerHandle[when=" + when + (cancelled() ? ", cancelled" : ", " + callback()) + "]";
  }
}
