package dev.jloop.reference.net;

import dev.jloop.io.BaseProtocol;
import dev.jloop.io.WriteTransport;

/**
 * A write buffer's water marks and the protocol's paused flag: asyncio's
 * {@code _FlowControlMixin}. The protocol is paused when the buffer grows above {@code high} and
 * resumed when it drains to {@code low} or below. Loop thread only.
 */
final class FlowControl {
  private long high = WriteTransport.DEFAULT_HIGH_WATER;
  private long low = WriteTransport.DEFAULT_HIGH_WATER / 4;
  private boolean paused;

  /**
   * asyncio's {@code _set_write_buffer_limits}: negative means "not given"; without high it is
   * 4 x low (or 64 KiB), without low it is high / 4.
   */
  void setLimits(int high, int low) {
    long h = high >= 0 ? high : low >= 0 ? 4L * low : WriteTransport.DEFAULT_HIGH_WATER;
    long l = low >= 0 ? low : h / 4;
    if (l > h) {
      throw new IllegalArgumentException("high (" + h + ") must be >= low (" + l + ")");
    }
    this.high = h;
    this.low = l;
  }

  WriteTransport.WaterMarks limits() {
    return new WriteTransport.WaterMarks(low, high);
  }

  boolean isPaused() {
    return paused;
  }

  /** Calls {@code pauseWriting} if the buffer went above the high mark and it is not paused. */
  void maybePause(long size, BaseProtocol protocol, NetContext ctx, Object transport) {
    if (size <= high || paused) {
      return;
    }
    paused = true;
    try {
      protocol.pauseWriting();
    } catch (Throwable t) {
      if (NetContext.isFatal(t)) {
        throw t;
      }
      ctx.report("protocol.pause_writing() failed", t, transport, protocol);
    }
  }

  /** Calls {@code resumeWriting} if paused and the buffer is at or below the low mark. */
  void maybeResume(long size, BaseProtocol protocol, NetContext ctx, Object transport) {
    if (!paused || size > low) {
      return;
    }
    paused = false;
    try {
      protocol.resumeWriting();
    } catch (Throwable t) {
      if (NetContext.isFatal(t)) {
        throw t;
      }
      ctx.report("protocol.resume_writing() failed", t, transport, protocol);
    }
  }
}
