package dev.jloop.sync;

import dev.jloop.CancelledException;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * asyncio's {@code Barrier}: {@code parties} tasks wait until all of them have arrived, then all
 * go on together; the barrier can be used again after that.
 *
 * <p>The barrier cycles through asyncio's states: FILLING (tasks arrive) -> DRAINING (the last
 * arrival released everyone; newcomers wait until all have left) -> FILLING. {@link #reset()}
 * passes through RESETTING (waiters get {@link BarrierBrokenException}, then FILLING once they
 * have left); {@link #abort()} makes it BROKEN until a reset.
 *
 * <p>Not thread-safe: use it from tasks of one loop. All methods that wait, including
 * {@link #reset()} and {@link #abort()} (they take an internal {@link Condition}'s lock, as in
 * asyncio), must run in a task.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Barrier {
  private enum State { FILLING, DRAINING, RESETTING, BROKEN }

  private final Condition cond = new Condition();
  private final int parties;
  private State state = State.FILLING;
  private int count;

  /**
   * A barrier for {@code parties} tasks.
   *
   * @throws IllegalArgumentException if {@code parties} is less than 1
   */
  public Barrier(int parties) {
    if (parties < 1) {
      throw new IllegalArgumentException("parties must be > 0, got " + parties);
    }
    this.parties = parties;
  }

  /**
   * Waits until {@code parties} tasks have called it, then returns this task's arrival index,
   * from 0 to {@code parties - 1} (the last to arrive gets {@code parties - 1}). asyncio:
   * {@code wait()}.
   *
   * @throws BarrierBrokenException if the barrier is broken, or is aborted or reset meanwhile
   * @throws CancelledException if the task is cancelled while waiting
   */
  public int await() {
    return cond.withLock(() -> {
      awaitFillingOrBroken();
      int index = count;
      count++;
      try {
        if (index + 1 == parties) {
          state = State.DRAINING;
          cond.notifyAllWaiters();
        } else {
          awaitReleased();
        }
        return index;
      } finally {
        count--;
        leave();
      }
    });
  }

  /**
   * Puts the barrier back to FILLING. Tasks waiting in it get {@link BarrierBrokenException}; a
   * broken barrier becomes usable again. asyncio: {@code reset()}.
   */
  public void reset() {
    cond.withLock(() -> {
      if (count > 0) {
        state = State.RESETTING;
      } else {
        state = State.FILLING;
      }
      cond.notifyAllWaiters();
      return null;
    });
  }

  /**
   * Breaks the barrier: tasks waiting in it and every later {@link #await()} get
   * {@link BarrierBrokenException}, until {@link #reset()}. asyncio: {@code abort()}.
   */
  public void abort() {
    cond.withLock(() -> {
      state = State.BROKEN;
      cond.notifyAllWaiters();
      return null;
    });
  }

  /** The number of tasks needed to pass the barrier. asyncio: {@code parties}. */
  public int parties() {
    return parties;
  }

  /** The number of tasks waiting while the barrier fills; 0 in other states. asyncio: {@code n_waiting}. */
  public int nWaiting() {
    return state == State.FILLING ? count : 0;
  }

  /** Whether the barrier is broken. asyncio: {@code broken}. */
  public boolean broken() {
    return state == State.BROKEN;
  }

  /** Waits while the barrier drains or resets; asyncio's {@code _block}. */
  private void awaitFillingOrBroken() {
    cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING);
    if (state == State.BROKEN) {
      throw new BarrierBrokenException("Barrier aborted");
    }
  }

  /** Waits until the barrier stops filling; asyncio's {@code _wait}. */
  private void awaitReleased() {
    cond.waitFor(() -> state != State.FILLING);
    if (state == State.BROKEN || state == State.RESETTING) {
      throw new BarrierBrokenException("Abort or reset of barrier");
    }
  }

  /** The last task to leave ends the draining or resetting; asyncio's {@code _exit}. */
  private void leave() {
    if (count == 0) {
      if (state == State.RESETTING || state == State.DRAINING) {
        state = State.FILLING;
      }
      cond.notifyAllWaiters();
    }
  }

  @Override
  public String toString() {
    String extra = state.name().toLowerCase(Locale.ROOT);
    return "Barrier[" + (broken() ? extra : extra + ", waiters:" + nWaiting() + "/" + parties) + "]";
  }
}
