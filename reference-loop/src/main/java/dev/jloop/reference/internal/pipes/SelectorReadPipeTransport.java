package dev.jloop.reference.internal.pipes;

import dev.jloop.Future;
import dev.jloop.io.Protocol;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.internal.ChannelWatch;
import dev.jloop.reference.internal.ReadPipeTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.util.Arrays;

/**
 * asyncio's {@code _UnixReadPipeTransport} on a non-blocking selectable channel. Each readiness
 * event reads up to 256 KiB and hands it to {@code dataReceived}. At the end of the data:
 * {@code eofReceived}, then {@code connectionLost(null)}, each in its own callback. A read
 * error is reported to the exception handler and ends in {@code connectionLost(error)}. Loop
 * thread only.
 */
public final class SelectorReadPipeTransport extends ReadPipeTransport {
  private final ReadableByteChannel in;
  private final ByteBuffer readBuffer;
  private final ChannelWatch watch;

  SelectorReadPipeTransport(SelectorEventLoop loop, SelectableChannel pipe, Protocol protocol,
      ByteBuffer readBuffer, Future<Void> waiter) {
    super(loop, pipe, protocol);
    this.in = (ReadableByteChannel) pipe;
    this.readBuffer = readBuffer;
    this.watch = ChannelWatch.claim(loop, pipe, this);
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
      n = in.read(readBuffer);
    } catch (IOException | RuntimeException e) {
      fatalError(e);
      return;
    }
    if (n > 0) {
      getProtocol().dataReceived(Arrays.copyOf(readBuffer.array(), n));
    } else if (n < 0) {
      eofReached();
    }
  }

  @Override
  protected void pauseInput() {
    watch.removeReader();
  }

  @Override
  protected void resumeInput() {
    watch.setReader(this::readReady);
  }

  @Override
  protected void stopInput() {
    watch.removeReader();
  }

  @Override
  protected void released() {
    watch.releaseAndClose(this);
  }
}
