package dev.jloop.reference.internal;

import dev.jloop.EventLoop;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.Protocol;
import dev.jloop.io.ReadTransport;
import java.util.Objects;

/**
 * asyncio's {@code _UnixReadPipeTransport} without the I/O: the states (reading, paused,
 * closing, lost), the end of the data ({@code eofReceived}, then {@code connectionLost(null)},
 * each in its own callback), fatal read errors (reported to the exception handler, then
 * {@code connectionLost(error)}) and the single {@code connectionLost}. A subclass supplies how
 * bytes come in: it starts and stops reading when told, hands data to the protocol while
 * {@link #isReading()}, and calls {@link #eofReached} or {@link #fatalError}. Loop thread only.
 */
public abstract class ReadPipeTransport extends PipeTransport<Protocol> implements ReadTransport {
  private boolean closing;
  private boolean paused;

  /**
   * Schedules the protocol's {@code connectionMade}.
   *
   * @param pipe the {@code "pipe"} extra info
   */
  protected ReadPipeTransport(EventLoop loop, Object pipe, Protocol protocol) {
    super(loop, pipe, protocol);
  }

  /** Reading was paused and now resumes. */
  protected abstract void resumeInput();

  /** Reading pauses: no data until {@link #resumeInput}. */
  protected abstract void pauseInput();

  /** The transport is closing: stop reading for good and drop what was not delivered. */
  protected abstract void stopInput();

  @Override
  public final boolean isReading() {
    return !paused && !closing;
  }

  @Override
  public final void pauseReading() {
    if (!isReading()) {
      return;
    }
    paused = true;
    pauseInput();
  }

  @Override
  public final void resumeReading() {
    if (closing || !paused) {
      return;
    }
    paused = false;
    resumeInput();
  }

  @Override
  public final void close() {
    if (!closing) {
      close(null);
    }
  }

  private void close(Throwable exc) {
    closing = true;
    stopInput();
    loop.callSoon(() -> callConnectionLost(exc));
  }

  /** The end of the data: asyncio's {@code eofReceived}, then {@code connectionLost(null)}. */
  protected final void eofReached() {
    closing = true;
    stopInput();
    loop.callSoon(() -> getProtocol().eofReceived());
    loop.callSoon(() -> callConnectionLost(null));
  }

  /** A read failed: reports it and closes with it, unless the transport is closing already. */
  protected final void fatalError(Throwable exc) {
    TransportErrors.rethrowFatal(exc);
    if (closing) {
      return;
    }
    TransportErrors.report(loop, "Fatal read error on pipe transport", exc, this, getProtocol());
    close(exc);
  }

  @Override
  public final boolean isClosing() {
    return closing;
  }

  @Override
  public final void setProtocol(BaseProtocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    if (!(protocol instanceof Protocol p)) {
      throw new IllegalArgumentException("a read pipe needs a Protocol, not " + protocol);
    }
    protocol(p);
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "["
        + (isLost() ? "closed" : closing ? "closing" : paused ? "paused" : "open")
        + ", " + describePipe() + "]";
  }
}
