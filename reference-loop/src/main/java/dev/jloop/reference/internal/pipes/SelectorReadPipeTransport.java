package dev.jloop.reference.internal.pipes;

import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.Protocol;
import dev.jloop.io.ReadTransport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.internal.ChannelWatch;
import dev.jloop.reference.internal.TransportErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * asyncio's {@code _UnixReadPipeTransport} on a non-blocking selectable channel. Each readiness
 * event reads up to 256 KiB and hands it to {@code dataReceived}. At the end of the data:
 * {@code eofReceived}, then {@code connectionLost(null)}, each in its own callback. A read
 * error is reported to the exception handler and ends in {@code connectionLost(error)}. Loop
 * thread only.
 */
public final class SelectorReadPipeTransport implements ReadTransport {
  private final SelectorEventLoop loop;
  private final SelectableChannel pipe;
  private final ByteBuffer readBuffer;
  private final ChannelWatch watch;
  private Protocol protocol;
  private boolean closing;
  private boolean paused;
  private boolean lost;

  SelectorReadPipeTransport(SelectorEventLoop loop, SelectableChannel pipe, Protocol protocol,
      ByteBuffer readBuffer, Future<Void> waiter) {
    this.loop = loop;
    this.pipe = pipe;
    this.protocol = protocol;
    this.readBuffer = readBuffer;
    this.watch = ChannelWatch.claim(loop, pipe, this);
    loop.callSoon(() -> this.protocol.connectionMade(this));
    loop.callSoon(() -> {
      if (isReading()) {
        watch.setReader(this::readReady);
      }
    });
    loop.callSoon(() -> {
      if (!waiter.done()) {
        waiter.setResult(null);
      }
    });
  }

  private void readReady() {
    readBuffer.clear();
    int n;
    try {
      n = ((ReadableByteChannel) pipe).read(readBuffer);
    } catch (IOException | RuntimeException e) {
      TransportErrors.rethrowFatal(e);
      TransportErrors.report(loop, "Fatal read error on pipe transport", e, this, protocol);
      close(e);
      return;
    }
    if (n > 0) {
      protocol.dataReceived(Arrays.copyOf(readBuffer.array(), n));
    } else if (n < 0) {
      closing = true;
      watch.removeReader();
      loop.callSoon(() -> protocol.eofReceived());
      loop.callSoon(() -> callConnectionLost(null));
    }
  }

  @Override
  public boolean isReading() {
    return !paused && !closing;
  }

  @Override
  public void pauseReading() {
    if (!isReading()) {
      return;
    }
    paused = true;
    watch.removeReader();
  }

  @Override
  public void resumeReading() {
    if (closing || !paused) {
      return;
    }
    paused = false;
    watch.setReader(this::readReady);
  }

  @Override
  public void close() {
    if (!closing) {
      close(null);
    }
  }

  private void close(Throwable exc) {
    closing = true;
    watch.removeReader();
    loop.callSoon(() -> callConnectionLost(exc));
  }

  private void callConnectionLost(Throwable exc) {
    if (lost) {
      return;
    }
    lost = true;
    try {
      protocol.connectionLost(exc);
    } finally {
      watch.release(this);
      try {
        pipe.close();
      } catch (IOException ignored) {
        // the pipe is gone either way
      }
    }
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  @Override
  public Object getExtraInfo(String name) {
    return "pipe".equals(name) ? pipe : null;
  }

  @Override
  public void setProtocol(BaseProtocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    if (!(protocol instanceof Protocol p)) {
      throw new IllegalArgumentException("a read pipe needs a Protocol, not " + protocol);
    }
    this.protocol = p;
  }

  @Override
  public Protocol getProtocol() {
    return protocol;
  }

  @Override
  public String toString() {
    return "SelectorReadPipeTransport[" + (lost ? "closed" : closing ? "closing" : paused ? "paused" : "open")
        + ", " + pipe + "]";
  }
}
