package dev.jloop.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void smallValuesAreExact() {
    LatencyHistogram h = new LatencyHistogram();
    for (long v = 1; v <= 100; v++) {
      h.record(v);
    }
    assertEquals(100, h.count());
    assertEquals(50, h.percentile(0.50));
    assertEquals(99, h.percentile(0.99));
    assertEquals(100, h.percentile(1.0));
    assertEquals(100, h.max());
  }

  @Test
  void percentilesOfSpreadValuesAreWithinOneSixtyFourth() {
    SplittableRandom random = new SplittableRandom(42);
    long[] values = new long[100_000];
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) Math.exp(random.nextDouble(3, 22)); // 20 ns .. 3.6 ms, log-uniform
      h.record(values[i]);
    }
    Arrays.sort(values);
    for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 0.999}) {
      long exact = values[(int) Math.ceil(q * values.length) - 1];
      long got = h.percentile(q);
      assertTrue(got >= exact && got <= exact + exact / 64 + 1,
          "q=" + q + ": exact " + exact + ", histogram " + got);
    }
  }

  @Test
  void bucketsAreContiguousAndBoundsAreTheirLargestValue() {
    for (long v = 0; v < 1 << 16; v++) {
      int i = LatencyHistogram.index(v);
      assertTrue(LatencyHistogram.upperBound(i) >= v, "bucket of " + v);
      if (i > 0) {
        assertTrue(LatencyHistogram.upperBound(i - 1) < v, "bucket below " + v);
      }
    }
    long big = 1L << 61;
    assertTrue(LatencyHistogram.upperBound(LatencyHistogram.index(big)) >= big);
  }

  @Test
  void emptyAndResetReportZero() {
    LatencyHistogram h = new LatencyHistogram();
    assertEquals(0, h.percentile(0.99));
    h.record(5000);
    h.reset();
    assertEquals(0, h.count());
    assertEquals(0, h.percentile(0.5));
  }
}
