package dev.jloop.bench.echo;

/**
 * A log-linear histogram of positive durations in nanoseconds, in the spirit of HdrHistogram:
 * values below 128 ns are exact, above that each power of two is split into 64 equal buckets, so
 * a reported percentile is within 1/64 (1.6%) of a recorded value. Fixed memory, no allocation
 * per record. Single-threaded.
 */
final class LatencyHistogram {
  private static final int SUB_BITS = 6;
  private static final int SUB = 1 << SUB_BITS;
  /** Buckets up to 2^62 ns (146 years). */
  private final long[] counts = new long[(64 - SUB_BITS) * SUB + SUB];
  private long total;
  private long max;

  /** Adds one value (negative values count as 0). */
  void record(long nanos) {
    long v = Math.max(0, nanos);
    counts[index(v)]++;
    total++;
    max = Math.max(max, v);
  }

  void reset() {
    java.util.Arrays.fill(counts, 0);
    total = 0;
    max = 0;
  }

  long count() {
    return total;
  }

  long max() {
    return max;
  }

  /**
   * The value at quantile {@code q} (0..1): the upper end of the bucket holding the
   * {@code ceil(q * count)}-th smallest value, never above the largest value recorded; 0 when empty.
   */
  long percentile(double q) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(max, upperBound(i));
      }
    }
    return max;
  }

  static int index(long v) {
    if (v < 2 * SUB) {
      return (int) v;
    }
    int exp = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS + 1
    int shift = exp - SUB_BITS;
    int sub = (int) (v >>> shift) - SUB; // 0..SUB-1
    return (shift + 1) * SUB + sub;
  }

  /** The largest value that falls into bucket {@code i}. */
  static long upperBound(int i) {
    if (i < 2 * SUB) {
      return i;
    }
    int shift = i / SUB - 1;
    long sub = i % SUB + SUB;
    return ((sub + 1) << shift) - 1;
  }
}
