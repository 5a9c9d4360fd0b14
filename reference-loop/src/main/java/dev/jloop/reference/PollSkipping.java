package dev.jloop.reference;

import java.io.IOException;

/**
 * When a pass of {@link SelectorEventLoop} that has callbacks ready may leave out its
 * non-blocking poll for I/O, and where jloop differs from asyncio, which polls (with timeout 0)
 * in every such pass.
 *
 * <p>A pass may skip the poll only while both bounds hold: the last poll ended less than
 * {@code jloop.poll.skipMicros} microseconds ago (default 50), and fewer than
 * {@code jloop.poll.skipPasses} passes in a row have skipped (default 64). So I/O that is ready
 * is noticed at most that much later than asyncio would notice it, and a callback chain that
 * reschedules itself forever still lets I/O in, at the latest in the first pass that starts 50 us
 * after the last poll and at least every 65th pass; a pass that runs longer than the time bound
 * always polls next, exactly as in asyncio. Either property set to 0 restores asyncio's rule.
 * The first pass of each run and every pass while the loop is stopping always poll (the
 * {@code call_soon(stop); run_forever()} idiom sees all ready I/O, as in asyncio). The loop asks
 * nothing while no channel is registered ({@link IoHandler#hasRegistrations()}). A JDK selector
 * closes the descriptor of a channel closed while registered only at its next selection, so a
 * run that ends on skipped polls lets the handler finish that ({@link #settle}): after a run, as
 * when every pass polled, no closed channel is left half open. A poll costs a system call,
 * 1.3-1.9 us of CPU on the machine the benchmarks ran on; a pass of two task switches costs
 * about 0.3 us.
 *
 * <p>Loop thread only.
 */
final class PollSkipping {
  /** The system property with the time bound, in microseconds. */
  static final String MICROS_PROPERTY = "jloop.poll.skipMicros";
  /** The system property with the bound on consecutive passes without a poll. */
  static final String PASSES_PROPERTY = "jloop.poll.skipPasses";

  private final long maxNanos;
  private final int maxPasses;
  private long lastPollEnd;
  private int skipped;
  private boolean pollNext = true; // the first pass polls

  /**
   * Skips while the last poll ended less than {@code maxMicros} ago and fewer than
   * {@code maxPasses} passes in a row skipped; either 0 never skips.
   *
   * @throws IllegalArgumentException if either is negative
   */
  PollSkipping(long maxMicros, int maxPasses) {
    if (maxMicros < 0 || maxPasses < 0) {
      throw new IllegalArgumentException(
          "poll skipping bounds must be >= 0, not " + maxMicros + " us and " + maxPasses + " passes");
    }
    this.maxNanos = Math.min(maxMicros, Long.MAX_VALUE / 1000) * 1000;
    this.maxPasses = maxMicros == 0 ? 0 : maxPasses;
  }

  /** The bounds from the system properties, or the defaults (50 us, 64 passes). */
  static PollSkipping fromSystemProperties() {
    return new PollSkipping(Long.getLong(MICROS_PROPERTY, 50), Integer.getInteger(PASSES_PROPERTY, 64));
  }

  /**
   * One pass's poll: waits up to {@code timeoutNanos} (0: not at all, negative: no limit) unless
   * the poll would not wait, the loop is not stopping, and it may be skipped (nothing registered,
   * or within both bounds). Returns whether it polled.
   */
  boolean poll(IoHandler io, long timeoutNanos, boolean stopping) throws IOException {
    if (timeoutNanos == 0 && !stopping && (!io.hasRegistrations() || skipNonBlockingPoll())) {
      return false;
    }
    try {
      io.poll(timeoutNanos);
    } finally {
      polled();
    }
    return true;
  }

  /** Whether this pass, which would poll without waiting, may skip that poll; counts it if so. */
  boolean skipNonBlockingPoll() {
    if (pollNext || skipped >= maxPasses || System.nanoTime() - lastPollEnd >= maxNanos) {
      return false;
    }
    skipped++;
    return true;
  }

  /** Records a poll that just ended. */
  void polled() {
    pollNext = false;
    if (maxPasses != 0) {
      lastPollEnd = System.nanoTime();
      skipped = 0;
    }
  }

  /** Makes the next pass poll (a new run of the loop starts). */
  void pollNext() {
    pollNext = true;
  }

  /**
   * At the end of a run: if passes skipped their poll since the last one, lets {@code io}
   * release what channels closed since then still hold ({@link IoHandler#releaseClosed}).
   * Returns whether it did (which may have consumed a pending wake-up).
   */
  boolean settle(IoHandler io) throws IOException {
    if (skipped == 0) {
      return false;
    }
    skipped = 0;
    io.releaseClosed();
    return true;
  }

  @Override
  public String toString() {
    return maxPasses == 0 ? "PollSkipping[never]"
        : "PollSkipping[" + maxNanos / 1000 + " us, " + maxPasses + " passes]";
  }
}
