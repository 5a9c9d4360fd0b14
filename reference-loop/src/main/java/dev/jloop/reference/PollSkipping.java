package dev.jloop.reference;

/**
 * When a pass of {@link SelectorEventLoop} that has callbacks ready may leave out its
 * non-blocking poll for I/O, and where jloop differs from asyncio, which polls (with timeout 0)
 * in every such pass.
 *
 * <p>A pass may skip the poll only while both bounds hold: the last poll ended less than
 * {@code jloop.poll.skipMicros} microseconds ago (default 50), and fewer than
 * {@code jloop.poll.skipPasses} passes in a row have skipped (default 64). So I/O that is ready
 * is noticed at most that much later than asyncio would notice it, and a callback chain that
 * reschedules itself forever still lets I/O in at least every 50 us and every 65th pass; a pass
 * that runs longer than the time bound always polls next, exactly as in asyncio. Either
 * property set to 0 restores asyncio's rule. The first pass of each run and every pass while the
 * loop is stopping always poll (the {@code call_soon(stop); run_forever()} idiom sees all ready
 * I/O, as in asyncio). A poll costs a system call, 1.3-1.9 us of CPU on the machine the
 * benchmarks ran on; a pass of two task switches costs about 0.4 us.
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
    this.maxNanos = maxMicros * 1000;
    this.maxPasses = maxMicros == 0 ? 0 : maxPasses;
    this.skipped = this.maxPasses; // the first pass polls
  }

  /** The bounds from the system properties, or the defaults (50 us, 64 passes). */
  static PollSkipping fromSystemProperties() {
    return new PollSkipping(Long.getLong(MICROS_PROPERTY, 50), Integer.getInteger(PASSES_PROPERTY, 64));
  }

  /** Asyncio's rule: every pass polls. */
  static PollSkipping never() {
    return new PollSkipping(0, 0);
  }

  /** Whether this pass, which would poll without waiting, may skip that poll; counts it if so. */
  boolean skipNonBlockingPoll() {
    if (skipped >= maxPasses || System.nanoTime() - lastPollEnd >= maxNanos) {
      return false;
    }
    skipped++;
    return true;
  }

  /** Records a poll that just ended. */
  void polled() {
    if (maxPasses != 0) {
      lastPollEnd = System.nanoTime();
      skipped = 0;
    }
  }

  /** Makes the next pass poll (a new run of the loop starts). */
  void pollNext() {
    skipped = maxPasses;
  }

  @Override
  public String toString() {
    return maxPasses == 0 ? "PollSkipping[never]"
        : "PollSkipping[" + maxNanos / 1000 + " us, " + maxPasses + " passes]";
  }
}
