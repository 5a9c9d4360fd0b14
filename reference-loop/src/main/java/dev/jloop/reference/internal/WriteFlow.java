package dev.jloop.reference.internal;

import dev.jloop.EventLoop;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.WriteTransport;

/**
 * A transport's write buffer size and its flow control: asyncio's {@code _FlowControlMixin}.
 * The transport reports what it buffers with {@link #grow} and what went out with
 * {@link #shrink}; the protocol gets {@code pauseWriting} when the size goes above the
 * high-water mark and {@code resumeWriting} from {@link #maybeResume} once it is back at the
 * low-water mark. The buffered bytes themselves stay with the transport. Loop thread only.
 */
public final class WriteFlow {
  /** asyncio's default low-water mark: a quarter of the high one. */
  public static final int DEFAULT_LOW_WATER = WriteTransport.DEFAULT_HIGH_WATER / 4;

  private final EventLoop loop;
  private final BaseTransport transport;
  private long high = WriteTransport.DEFAULT_HIGH_WATER;
  private long low = DEFAULT_LOW_WATER;
  private long size;
  private boolean paused;

  public WriteFlow(EventLoop loop, BaseTransport transport) {
    this.loop = loop;
    this.transport = transport;
  }

  /** The buffered size: {@code getWriteBufferSize()}. */
  public long size() {
    return size;
  }

  /** Counts {@code n} more buffered bytes and pauses the protocol if that crossed the high mark. */
  public void grow(long n) {
    size += n;
    maybePause();
  }

  /** Counts {@code n} bytes as gone out; resuming is left to {@link #maybeResume}. */
  public void shrink(long n) {
    size -= n;
  }

  /** The buffer was dropped: the size is 0 and the protocol is not resumed (asyncio's force-close). */
  public void clear() {
    size = 0;
  }

  /**
   * Sets the marks as {@link WriteTransport#setWriteBufferLimits} describes, then pauses the
   * protocol if the buffer is already above the new high mark.
   */
  public void setLimits(int high, int low) {
    long h;
    long l;
    if (high < 0) {
      h = low < 0 ? WriteTransport.DEFAULT_HIGH_WATER : 4L * low;
    } else {
      h = high;
    }
    l = low < 0 ? h / 4 : low;
    if (l > h) {
      throw new IllegalArgumentException(
          "high (" + h + ") must be >= low (" + l + ") must be >= 0");
    }
    this.high = h;
    this.low = l;
    maybePause();
  }

  public WriteTransport.WaterMarks limits() {
    return new WriteTransport.WaterMarks(low, high);
  }

  private void maybePause() {
    if (size <= high || paused) {
      return;
    }
    paused = true;
    BaseProtocol p = transport.getProtocol();
    try {
      p.pauseWriting();
    } catch (RuntimeException | Error e) {
      report("protocol.pause_writing() failed", e, p);
    }
  }

  /** Calls {@code resumeWriting} if the protocol is paused and the size is at the low mark or below. */
  public void maybeResume() {
    if (!paused || size > low) {
      return;
    }
    paused = false;
    BaseProtocol p = transport.getProtocol();
    try {
      p.resumeWriting();
    } catch (RuntimeException | Error e) {
      report("protocol.resume_writing() failed", e, p);
    }
  }

  private void report(String message, Throwable e, BaseProtocol p) {
    TransportErrors.rethrowFatal(e);
    TransportErrors.report(loop, message, e, transport, p);
  }
}
