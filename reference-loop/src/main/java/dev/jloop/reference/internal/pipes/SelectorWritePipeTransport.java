package dev.jloop.reference.internal.pipes;

import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.internal.ChannelWatch;
import dev.jloop.reference.internal.TransportErrors;
import dev.jloop.reference.internal.WritePipeTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;

/**
 * asyncio's {@code _UnixWritePipeTransport} on a non-blocking selectable channel: writes go out
 * at once while nothing is buffered; the rest is buffered, with the writer watching the channel
 * and the protocol paused above the high-water mark. {@code writeEof()} and {@code close()}
 * flush, close the channel and call {@code connectionLost(null)}; {@code abort()} drops the
 * buffer. A failed write (the reader went away: "Broken pipe") ends in
 * {@code connectionLost(exc)}.
 *
 * <p>Peer close: asyncio watches a write pipe for readability, which the OS reports when the
 * reader closes. A {@link java.nio.channels.Pipe.SinkChannel} cannot be watched for reading, so
 * there the close is noticed at the next write (or at once if data is buffered, since the
 * channel is then watched for writing and the failed write reports it). Channels that can be
 * read as well (sockets) get asyncio's watch. Loop thread only.
 */
public final class SelectorWritePipeTransport extends WritePipeTransport {
  private final WritableByteChannel out;
  private final ChannelWatch watch;
  private final ArrayDeque<ByteBuffer> buffer = new ArrayDeque<>();

  SelectorWritePipeTransport(SelectorEventLoop loop, SelectableChannel pipe, BaseProtocol protocol,
      Future<Void> waiter) {
    super(loop, pipe, protocol);
    this.out = (WritableByteChannel) pipe;
    this.watch = ChannelWatch.claim(loop, pipe, this);
    if ((pipe.validOps() & SelectionKey.OP_READ) != 0 && pipe instanceof ReadableByteChannel) {
      loop.callSoon(() -> {
        if (!isDone()) {
          watch.setReader(this::readerGone);
        }
      });
    }
    loop.callSoon(() -> {
      if (!waiter.done()) {
        waiter.setResult(null);
      }
    });
  }

  @Override
  protected long send(ByteBuffer data) {
    if (buffer.isEmpty()) {
      try {
        out.write(data);
      } catch (IOException | RuntimeException e) {
        data.position(data.limit());
        fatalError(e);
        return 0;
      }
      if (!data.hasRemaining()) {
        return 0;
      }
      watch.setWriter(this::writeReady);
    }
    ByteBuffer copy = ByteBuffer.allocate(data.remaining());
    copy.put(data).flip();
    buffer.add(copy);
    return copy.remaining();
  }

  private void writeReady() {
    try {
      while (!buffer.isEmpty()) {
        ByteBuffer head = buffer.peek();
        flow().shrink(out.write(head));
        if (head.hasRemaining()) {
          return;
        }
        buffer.poll();
      }
    } catch (IOException | RuntimeException e) {
      buffer.clear();
      flow().clear();
      watch.removeWriter();
      fatalError(e);
      return;
    }
    watch.removeWriter();
    flow().maybeResume();
    if (isClosing() && buffer.isEmpty()) {
      watch.removeReader();
      callConnectionLost(null);
    }
  }

  @Override
  protected void flushThenClose() {
    if (buffer.isEmpty()) {
      watch.removeReader();
      loop.callSoon(() -> callConnectionLost(null));
    }
  }

  private void fatalError(Throwable exc) {
    TransportErrors.rethrowFatal(exc);
    if (!(exc instanceof IOException)) {
      TransportErrors.report(loop, "Fatal write error on pipe transport", exc, this, getProtocol());
    }
    forceClose(exc);
  }

  @Override
  protected void dropBuffer() {
    if (!buffer.isEmpty()) {
      watch.removeWriter();
    }
    buffer.clear();
    watch.removeReader();
  }

  @Override
  protected void released() {
    watch.releaseAndClose(this);
  }
}
