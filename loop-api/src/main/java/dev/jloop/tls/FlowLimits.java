package dev.jloop.tls;

import dev.jloop.io.WriteTransport;

/**
 * A pair of water marks with asyncio's defaults rule ({@code add_flowcontrol_defaults}):
 * without high it is 4 x low (or the default), without low it is high / 4. Loop thread only.
 */
final class FlowLimits {
  private final int defaultHigh;
  private int high;
  private int low;

  FlowLimits(int defaultHigh) {
    this.defaultHigh = defaultHigh;
    set(-1, -1);
  }

  /**
   * Negative means "not given".
   *
   * @throws IllegalArgumentException if low &gt; high once the defaults are applied
   */
  void set(int high, int low) {
    int h = high >= 0 ? high : low >= 0 ? 4 * low : defaultHigh;
    int l = low >= 0 ? low : h / 4;
    if (l > h) {
      throw new IllegalArgumentException("high (" + h + ") must be >= low (" + l + ") must be >= 0");
    }
    this.high = h;
    this.low = l;
  }

  int high() {
    return high;
  }

  int low() {
    return low;
  }

  WriteTransport.WaterMarks marks() {
    return new WriteTransport.WaterMarks(low, high);
  }
}
