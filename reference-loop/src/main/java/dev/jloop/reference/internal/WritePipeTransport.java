package dev.jloop.reference.internal;

import dev.jloop.EventLoop;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.WriteTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * asyncio's {@code _UnixWritePipeTransport} without the I/O: the write buffer's size and water
 * marks ({@link WriteFlow}), the states (open, closing, lost), close-after-flush, abort and the
 * single {@code connectionLost}. A subclass supplies how bytes reach the pipe: {@link #send}
 * buffers what cannot go out at once, reports what went out with {@link WriteFlow#shrink} on
 * {@link #flow()}, and ends with {@link #callConnectionLost} once {@link #flushThenClose} has
 * drained the buffer.
 *
 * <p>{@code close()} is {@code writeEof()}: both flush what is buffered, then close the pipe and
 * call {@code connectionLost(null)}. {@code abort()} and {@link #readerGone()} drop the buffer
 * and call {@code connectionLost} at once. Writes after closing are dropped and counted, with
 * asyncio's warning at the fifth. Loop thread only.
 */
public abstract class WritePipeTransport extends PipeTransport<BaseProtocol> implements WriteTransport {
  private final WriteFlow flow;
  private int writesAfterLoss;
  private boolean closing;
  private boolean dropped;

  /**
   * Schedules the protocol's {@code connectionMade}.
   *
   * @param pipe the {@code "pipe"} extra info
   */
  protected WritePipeTransport(EventLoop loop, Object pipe, BaseProtocol protocol) {
    super(loop, pipe, protocol);
    this.flow = new WriteFlow(loop, this);
  }

  /**
   * Writes what can go out now and keeps a copy of the rest (consuming all of {@code data});
   * returns the number of bytes kept. Called only while the transport is open.
   */
  protected abstract long send(ByteBuffer data);

  /**
   * Closing started with an open pipe: once everything buffered went out, close the pipe and
   * call {@link #callConnectionLost callConnectionLost(null)}.
   */
  protected abstract void flushThenClose();

  /** Forget the buffered bytes and stop writing: the transport is closing at once. */
  protected abstract void dropBuffer();

  protected final WriteFlow flow() {
    return flow;
  }

  /** Whether {@code connectionLost} was called or {@linkplain #forceClose scheduled}. */
  protected final boolean isDone() {
    return isLost() || dropped;
  }

  @Override
  public final void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    write(ByteBuffer.wrap(data));
  }

  @Override
  public final void write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    if (!data.hasRemaining()) {
      return;
    }
    if (closing) {
      data.position(data.limit());
      writesAfterLoss = TransportErrors.writeAfterLoss(writesAfterLoss,
          "pipe closed by peer or os.write(pipe, data) raised exception.");
      return;
    }
    flow.grow(send(data));
  }

  @Override
  public final boolean canWriteEof() {
    return true;
  }

  @Override
  public final void writeEof() {
    if (closing) {
      return;
    }
    closing = true;
    flushThenClose();
  }

  @Override
  public final void close() {
    writeEof();
  }

  @Override
  public final void abort() {
    forceClose(null);
  }

  /**
   * The reader of the pipe went away: asyncio's {@code _read_ready} of a write pipe, which closes
   * the transport, with a "Broken pipe" error if data was still buffered.
   */
  public final void readerGone() {
    forceClose(flow.size() > 0 ? new IOException("Broken pipe") : null);
  }

  /** asyncio's {@code _force_close}: drops the buffer and schedules {@code connectionLost(exc)}. */
  protected final void forceClose(Throwable exc) {
    if (isDone()) {
      return;
    }
    closing = true;
    dropped = true;
    dropBuffer();
    flow.clear();
    loop.callSoon(() -> callConnectionLost(exc));
  }

  @Override
  public final long getWriteBufferSize() {
    return flow.size();
  }

  @Override
  public final void setWriteBufferLimits(int high, int low) {
    flow.setLimits(high, low);
  }

  @Override
  public final WaterMarks getWriteBufferLimits() {
    return flow.limits();
  }

  @Override
  public final boolean isClosing() {
    return closing;
  }

  @Override
  public final void setProtocol(BaseProtocol protocol) {
    protocol(Objects.requireNonNull(protocol, "protocol"));
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "[" + (isLost() ? "closed" : closing ? "closing" : "open")
        + ", bufsize=" + flow.size() + ", " + describePipe() + "]";
  }
}
