package dev.jloop.reference;

import java.io.IOException;

/**
 * The multiplexer a {@link SelectorEventLoop} is given: it waits for I/O and turns ready I/O into
 * callbacks on the loop's ready queue. The scheduler knows nothing else about I/O, as asyncio's
 * {@code base_events} knows only {@code _process_events}.
 *
 * <p>{@link #poll} and {@link #close} are called on the loop thread only; {@link #wakeup} from
 * any thread.
 */
public interface IoHandler extends AutoCloseable {
  /**
   * Waits for I/O up to {@code timeoutNanos} ({@code 0}: do not wait; negative: until I/O or a
   * {@link #wakeup}) and dispatches what is ready.
   *
   * @return the number of I/O events dispatched
   */
  int poll(long timeoutNanos) throws IOException;

  /**
   * Whether a poll could report anything: {@code false} lets the loop leave out a poll that
   * would not wait (no system call, no clock read). Loop thread only. The default,
   * {@code true}, always polls.
   */
  default boolean hasRegistrations() {
    return true;
  }

  /**
   * Finishes closing the channels that were closed or cancelled since the last poll, without
   * waiting and without reporting I/O; it may consume a pending {@link #wakeup}. The loop calls
   * it when a run ends on passes that left out their poll. Loop thread only. The default does
   * nothing.
   */
  default void releaseClosed() throws IOException {}

  /** Makes a poll in progress (or the next one) return at once. Safe from any thread. */
  void wakeup();

  /** Releases the multiplexer. Idempotent. */
  @Override
  void close();
}
