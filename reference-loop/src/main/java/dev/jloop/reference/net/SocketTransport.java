package dev.jloop.reference.net;

import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.BufferedProtocol;
import dev.jloop.io.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A stream transport on a connected {@link SocketChannel} (TCP or Unix domain): asyncio's
 * {@code _SelectorSocketTransport}.
 *
 * <p>Call order, as asyncio's: {@code connectionMade} in the pass after construction, then
 * reading starts; data callbacks; {@code eofReceived} at most once (returning {@code true}
 * keeps the write side open); {@code connectionLost} exactly once, {@code null} after a clean
 * close or EOF, else the error. A {@link Protocol} gets a new array per read (up to 256 KiB,
 * read through one buffer shared by the loop); a {@link BufferedProtocol} gets the bytes in its
 * own buffer. Writes go straight to the socket while nothing is buffered; the rest is buffered
 * with asyncio's flow control. Loop thread only.
 */
final class SocketTransport extends SelectorTransport {
  private final Handle readHandle;
  private final Handle writeHandle;
  private Protocol dataProtocol;
  private BufferedProtocol bufferedProtocol;
  private boolean readingPaused;
  private boolean eofReceived;
  private boolean eofWritten;

  /**
   * Takes over {@code channel} (connected, non-blocking) and schedules, in order:
   * {@code connectionMade}, the start of reading, and the result of {@code waiter}.
   *
   * @param waiter completed once {@code connectionMade} ran, or {@code null}
   * @param server the server that accepted the connection, or {@code null}
   */
  SocketTransport(NetContext ctx, SocketChannel channel, BaseProtocol protocol,
      Future<Void> waiter, ServerImpl server) {
    super(ctx, channel, server);
    setProtocol(protocol);
    if (sockname() instanceof InetSocketAddress) {
      try {
        // asyncio's _set_nodelay: small writes go out without waiting for an ACK.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      } catch (IOException | UnsupportedOperationException ignored) {
        // not fatal: the connection works with Nagle's algorithm too
      }
    }
    this.readHandle = new Handle(ctx.loop, this::readReady);
    this.writeHandle = new Handle(ctx.loop, this::writeReady);
    ctx.loop.callSoon(() -> protocol.connectionMade(this));
    ctx.loop.callSoon(this::startReading);
    if (waiter != null) {
      ctx.loop.callSoon(() -> {
        if (!waiter.done()) {
          waiter.setResult(null);
        }
      });
    }
  }

  private void startReading() {
    if (isReading() && !eofReceived) {
      reg.setReader(readHandle);
    }
  }

  // ---- reading ----

  private void readReady() {
    if (state == State.LOST || state == State.CLOSED || readingPaused || eofReceived) {
      return; // a read event queued before the transport paused, closed or saw EOF
    }
    if (bufferedProtocol != null) {
      readIntoProtocolBuffer();
    } else {
      readData();
    }
  }

  private void readData() {
    ByteBuffer buf = ctx.ioBuffer();
    int n;
    try {
      n = channel.read(buf);
    } catch (IOException e) {
      fatalError(e, "Fatal read error on socket transport");
      return;
    }
    if (n <= 0) {
      if (n < 0) {
        onEof();
      }
      return;
    }
    byte[] data = new byte[n];
    buf.flip().get(data);
    try {
      dataProtocol.dataReceived(data);
    } catch (Throwable t) {
      protocolError(t, "Fatal error: protocol.data_received() call failed.");
    }
  }

  private void readIntoProtocolBuffer() {
    BufferedProtocol p = bufferedProtocol;
    ByteBuffer buf;
    try {
      buf = p.getBuffer(-1);
      if (buf == null || !buf.hasRemaining()) {
        throw new IllegalStateException("getBuffer() returned an empty buffer");
      }
    } catch (Throwable t) {
      protocolError(t, "Fatal error: protocol.get_buffer() call failed.");
      return;
    }
    int pos = buf.position();
    int n;
    try {
      n = channel.read(buf);
    } catch (IOException e) {
      fatalError(e, "Fatal read error on socket transport");
      return;
    } catch (RuntimeException e) { // e.g. a read-only buffer
      protocolError(e, "Fatal error: protocol.get_buffer() call failed.");
      return;
    } finally {
      buf.position(pos); // the bytes are at position..position+n, as the contract says
    }
    if (n <= 0) {
      if (n < 0) {
        onEof();
      }
      return;
    }
    try {
      p.bufferUpdated(n);
    } catch (Throwable t) {
      protocolError(t, "Fatal error: protocol.buffer_updated() call failed.");
    }
  }

  private void onEof() {
    eofReceived = true;
    boolean keepOpen;
    try {
      keepOpen = bufferedProtocol != null ? bufferedProtocol.eofReceived() : dataProtocol.eofReceived();
    } catch (Throwable t) {
      protocolError(t, "Fatal error: protocol.eof_received() call failed.");
      return;
    }
    if (keepOpen) {
      reg.removeReader(); // half-open: the protocol may still write
    } else {
      close();
    }
  }

  @Override
  public boolean isReading() {
    return state == State.OPEN && !readingPaused;
  }

  @Override
  public void pauseReading() {
    if (!isReading()) {
      return;
    }
    readingPaused = true;
    reg.removeReader();
  }

  @Override
  public void resumeReading() {
    if (state != State.OPEN || !readingPaused) {
      return;
    }
    readingPaused = false;
    startReading();
  }

  // ---- writing ----

  @Override
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    if (!checkWritable(data.length)) {
      return;
    }
    int off = 0;
    if (buffer.isEmpty()) {
      try {
        off = sendNow(data); // try to send now, as asyncio does
      } catch (IOException e) {
        fatalError(e, "Fatal write error on socket transport");
        return;
      }
      if (off == data.length) {
        return;
      }
      reg.setWriter(writeHandle);
    }
    buffer.add(data, off, data.length - off);
    flow.maybePause(buffer.size(), protocol, ctx, this);
  }

  @Override
  public void write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    if (!checkWritable(data.remaining())) {
      data.position(data.limit());
      return;
    }
    if (buffer.isEmpty()) {
      try {
        channel.write(data);
      } catch (IOException e) {
        fatalError(e, "Fatal write error on socket transport");
        return;
      }
      if (!data.hasRemaining()) {
        return;
      }
      reg.setWriter(writeHandle);
    }
    buffer.add(data);
    flow.maybePause(buffer.size(), protocol, ctx, this);
  }

  /**
   * Sends what the socket takes now, through the loop's direct buffer (the one the last read
   * used: its bytes were copied out before the protocol was called); returns the count.
   */
  private int sendNow(byte[] data) throws IOException {
    int off = 0;
    while (off < data.length) {
      ByteBuffer direct = ctx.ioBuffer();
      int chunk = Math.min(direct.capacity(), data.length - off);
      direct.put(data, off, chunk).flip();
      int n = channel.write(direct);
      off += n;
      if (n < chunk) {
        break; // the socket is full
      }
    }
    return off;
  }

  /** The checks of asyncio's {@code write}; false when the data must be dropped. */
  private boolean checkWritable(int length) {
    if (eofWritten) {
      throw new IllegalStateException("Cannot call write() after write_eof()");
    }
    if (sendfileInProgress()) {
      throw new IllegalStateException("unable to write; sendfile is in progress");
    }
    return length > 0 && !dropLostWrite();
  }

  private void writeReady() {
    if (state == State.LOST || state == State.CLOSED || buffer.isEmpty()) {
      return;
    }
    try {
      buffer.writeTo(channel);
    } catch (IOException e) {
      reg.removeWriter();
      buffer.clear();
      fatalError(e, "Fatal write error on socket transport");
      failEmptyWaiter(e);
      return;
    }
    flow.maybeResume(buffer.size(), protocol, ctx, this); // may write more
    if (!buffer.isEmpty() || state == State.LOST || state == State.CLOSED) {
      return;
    }
    reg.removeWriter();
    bufferEmptied();
    if (state == State.CLOSING) {
      state = State.LOST;
      callConnectionLost(null);
    } else if (eofWritten) {
      shutdownOutput();
    }
  }

  private void shutdownOutput() {
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      fatalError(e, "Fatal error on socket transport: shutdown failed");
    }
  }

  @Override
  public void writeEof() {
    if (state != State.OPEN || eofWritten) {
      return;
    }
    eofWritten = true;
    if (buffer.isEmpty()) {
      shutdownOutput();
    }
  }

  @Override
  public boolean canWriteEof() {
    return true;
  }

  // ---- protocol ----

  @Override
  public void setProtocol(BaseProtocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    if (protocol instanceof BufferedProtocol b) {
      bufferedProtocol = b;
      dataProtocol = null;
    } else if (protocol instanceof Protocol p) {
      dataProtocol = p;
      bufferedProtocol = null;
    } else {
      throw new IllegalArgumentException(
          "a stream transport needs a Protocol or a BufferedProtocol, not " + protocol);
    }
    this.protocol = protocol;
  }

  @Override
  public String toString() {
    return super.toString() + (readingPaused ? "[reading paused]" : "");
  }
}
