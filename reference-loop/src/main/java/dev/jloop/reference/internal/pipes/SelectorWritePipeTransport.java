package dev.jloop.reference.internal.pipes;

import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.WriteTransport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.internal.ChannelWatch;
import dev.jloop.reference.internal.TransportErrors;
import dev.jloop.reference.internal.WriteFlow;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.Objects;

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
public final class SelectorWritePipeTransport implements WriteTransport {
  private final SelectorEventLoop loop;
  private final SelectableChannel pipe;
  private final WritableByteChannel out;
  private final ChannelWatch watch;
  private final WriteFlow flow;
  private final ArrayDeque<ByteBuffer> buffer = new ArrayDeque<>();
  private BaseProtocol protocol;
  private long bufferSize;
  private int connLost;
  private int writesAfterLoss;
  private boolean closing;
  private boolean lost;

  SelectorWritePipeTransport(SelectorEventLoop loop, SelectableChannel pipe, BaseProtocol protocol,
      Future<Void> waiter) {
    this.loop = loop;
    this.pipe = pipe;
    this.out = (WritableByteChannel) pipe;
    this.protocol = protocol;
    this.watch = ChannelWatch.claim(loop, pipe, this);
    this.flow = new WriteFlow(loop, this);
    loop.callSoon(() -> this.protocol.connectionMade(this));
    if ((pipe.validOps() & SelectionKey.OP_READ) != 0 && pipe instanceof ReadableByteChannel) {
      loop.callSoon(() -> {
        if (!lost) {
          watch.setReader(this::peerClosed);
        }
      });
    }
    loop.callSoon(() -> {
      if (!waiter.done()) {
        waiter.setResult(null);
      }
    });
  }

  private void peerClosed() {
    close(buffer.isEmpty() ? null : new IOException("Broken pipe"));
  }

  @Override
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    write(ByteBuffer.wrap(data));
  }

  @Override
  public void write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    if (!data.hasRemaining()) {
      return;
    }
    if (connLost > 0 || closing) {
      data.position(data.limit());
      writesAfterLoss = TransportErrors.writeAfterLoss(writesAfterLoss,
          "pipe closed by peer or os.write(pipe, data) raised exception.");
      return;
    }
    if (buffer.isEmpty()) {
      try {
        out.write(data);
      } catch (IOException | RuntimeException e) {
        data.position(data.limit());
        connLost++;
        fatalError(e, "Fatal write error on pipe transport");
        return;
      }
      if (!data.hasRemaining()) {
        return;
      }
      watch.setWriter(this::writeReady);
    }
    ByteBuffer copy = ByteBuffer.allocate(data.remaining());
    copy.put(data).flip();
    buffer.add(copy);
    bufferSize += copy.remaining();
    flow.maybePause(bufferSize);
  }

  private void writeReady() {
    try {
      while (!buffer.isEmpty()) {
        ByteBuffer head = buffer.peek();
        int n = out.write(head);
        bufferSize -= n;
        if (head.hasRemaining()) {
          return;
        }
        buffer.poll();
      }
    } catch (IOException | RuntimeException e) {
      buffer.clear();
      bufferSize = 0;
      connLost++;
      watch.removeWriter();
      fatalError(e, "Fatal write error on pipe transport");
      return;
    }
    watch.removeWriter();
    flow.maybeResume(bufferSize);
    if (closing && buffer.isEmpty()) {
      watch.removeReader();
      callConnectionLost(null);
    }
  }

  @Override
  public boolean canWriteEof() {
    return true;
  }

  @Override
  public void writeEof() {
    if (closing) {
      return;
    }
    closing = true;
    if (buffer.isEmpty()) {
      watch.removeReader();
      loop.callSoon(() -> callConnectionLost(null));
    }
  }

  @Override
  public void close() {
    if (!lost && !closing) {
      writeEof();
    }
  }

  @Override
  public void abort() {
    close(null);
  }

  private void fatalError(Throwable exc, String message) {
    TransportErrors.rethrowFatal(exc);
    if (!(exc instanceof IOException)) {
      TransportErrors.report(loop, message, exc, this, protocol);
    }
    close(exc);
  }

  private void close(Throwable exc) {
    closing = true;
    if (!buffer.isEmpty()) {
      watch.removeWriter();
    }
    buffer.clear();
    bufferSize = 0;
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
  public long getWriteBufferSize() {
    return bufferSize;
  }

  @Override
  public void setWriteBufferLimits(int high, int low) {
    flow.setLimits(high, low, bufferSize);
  }

  @Override
  public WaterMarks getWriteBufferLimits() {
    return flow.limits();
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
    this.protocol = Objects.requireNonNull(protocol, "protocol");
  }

  @Override
  public BaseProtocol getProtocol() {
    return protocol;
  }

  @Override
  public String toString() {
    return "SelectorWritePipeTransport[" + (lost ? "closed" : closing ? "closing" : "open")
        + ", bufsize=" + bufferSize + ", " + pipe + "]";
  }
}
