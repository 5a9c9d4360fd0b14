package dev.jloop.reference.internal;

import dev.jloop.EventLoop;
import dev.jloop.ExceptionContext;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.WriteTransport;

/**
 * Write flow control: asyncio's {@code _FlowControlMixin}. The transport calls
 * {@link #maybePause} whenever its buffer grows and {@link #maybeResume} whenever it shrinks;
 * the protocol gets {@code pauseWriting} above the high-water mark and {@code resumeWriting}
 * back at the low-water mark. Loop thread only.
 */
public final class WriteFlow {
  /** asyncio's default low-water mark: a quarter of the high one. */
  public static final int DEFAULT_LOW_WATER = WriteTransport.DEFAULT_HIGH_WATER / 4;

  private final EventLoop loop;
  private final BaseTransport transport;
  private long high = WriteTransport.DEFAULT_HIGH_WATER;
  private long low = DEFAULT_LOW_WATER;
  private boolean paused;

  public WriteFlow(EventLoop loop, BaseTransport transport) {
    this.loop = loop;
    this.transport = transport;
  }

  /**
   * Sets the marks as {@link WriteTransport#setWriteBufferLimits} describes, then pauses the
   * protocol if the buffer is already above the new high mark.
   */
  public void setLimits(int high, int low, long bufferSize) {
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
    maybePause(bufferSize);
  }

  public WriteTransport.WaterMarks limits() {
    return new WriteTransport.WaterMarks(low, high);
  }

  /** Whether the protocol was told to pause and not yet to resume. */
  public boolean isPaused() {
    return paused;
  }

  public void maybePause(long bufferSize) {
    if (bufferSize <= high || paused) {
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

  public void maybeResume(long bufferSize) {
    if (!paused || bufferSize > low) {
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
    if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
      throw (VirtualMachineError) e;
    }
    loop.callExceptionHandler(ExceptionContext.builder(message)
        .exception(e)
        .put(ExceptionContext.TRANSPORT, transport)
        .put(ExceptionContext.PROTOCOL, p)
        .build());
  }
}
