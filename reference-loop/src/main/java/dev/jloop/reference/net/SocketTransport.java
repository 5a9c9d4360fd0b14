package dev.jloop.reference.net;

import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.BufferedProtocol;
import dev.jloop.io.Protocol;
import dev.jloop.io.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
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
 * close or EOF, else the error. Writes go straight to the socket while nothing is buffered;
 * the rest is buffered with asyncio's flow control. Loop thread only.
 *
 * <p>States: {@code OPEN -> CLOSING} ({@link #close()} with data still buffered: the buffer is
 * flushed) {@code -> LOST} (connectionLost scheduled) {@code -> CLOSED} (connectionLost called,
 * socket closed). {@code OPEN -> LOST} directly on an empty close, an abort or an error.
 */
final class SocketTransport implements Transport {
  enum State { OPEN, CLOSING, LOST, CLOSED }

  private final NetContext ctx;
  private final SocketChannel channel;
  private final ChannelRegistration reg;
  private final Handle readHandle;
  private final Handle writeHandle;
  private final SocketAddress sockname;
  private final SocketAddress peername;
  private final WriteQueue buffer = new WriteQueue();
  private final FlowControl flow = new FlowControl();
  private BaseProtocol protocol;
  private Protocol dataProtocol;
  private BufferedProtocol bufferedProtocol;
  private ServerImpl server;
  private State state = State.OPEN;
  private boolean readingPaused;
  private boolean eofReceived;
  private boolean eofWritten;
  private int lostWrites;
  private Future<Void> emptyWaiter;
  private Future<?> sendfileOp;

  /**
   * Takes over {@code channel} (connected, non-blocking) and schedules, in order:
   * {@code connectionMade}, the start of reading, and the result of {@code waiter}.
   *
   * @param waiter completed once {@code connectionMade} ran, or {@code null}
   * @param server the server that accepted the connection, or {@code null}
   */
  SocketTransport(NetContext ctx, SocketChannel channel, BaseProtocol protocol,
      Future<Void> waiter, ServerImpl server) {
    this.ctx = ctx;
    this.channel = channel;
    setProtocol(protocol);
    this.sockname = address(channel, true);
    this.peername = address(channel, false);
    if (sockname instanceof InetSocketAddress) {
      try {
        // asyncio's _set_nodelay: small writes go out without waiting for an ACK.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      } catch (IOException | UnsupportedOperationException ignored) {
        // not fatal: the connection works with Nagle's algorithm too
      }
    }
    this.reg = ChannelRegistration.of(ctx, channel);
    reg.removeAndCancelReader();
    reg.removeAndCancelWriter();
    reg.setOwner(this);
    this.readHandle = new Handle(ctx.loop, this::readReady);
    this.writeHandle = new Handle(ctx.loop, this::writeReady);
    this.server = server;
    if (server != null) {
      server.attach(this);
    }
    BaseProtocol first = protocol;
    ctx.loop.callSoon(() -> first.connectionMade(this));
    ctx.loop.callSoon(this::startReading);
    if (waiter != null) {
      ctx.loop.callSoon(() -> {
        if (!waiter.done()) {
          waiter.setResult(null);
        }
      });
    }
  }

  private static SocketAddress address(SocketChannel ch, boolean local) {
    try {
      return local ? ch.getLocalAddress() : ch.getRemoteAddress();
    } catch (IOException e) {
      return null;
    }
  }

  SocketChannel channel() {
    return channel;
  }

  State state() {
    return state;
  }

  boolean isProtocolPaused() {
    return flow.isPaused();
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
    ByteBuffer buf = ctx.readBuffer();
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
      buf.position(pos);
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
        off = channel.write(ByteBuffer.wrap(data)); // try to send now, as asyncio does
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

  /** The checks of asyncio's {@code write}; false when the data must be dropped. */
  private boolean checkWritable(int length) {
    if (eofWritten) {
      throw new IllegalStateException("Cannot call write() after write_eof()");
    }
    if (emptyWaiter != null) {
      throw new IllegalStateException("unable to write; sendfile is in progress");
    }
    if (length == 0) {
      return false;
    }
    if (state == State.LOST || state == State.CLOSED) {
      // asyncio drops such writes and, from the 5th on, logs that the socket is gone.
      if (++lostWrites == NetContext.LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        NetContext.LOG.log(System.Logger.Level.WARNING, "socket.send() raised exception.");
      }
      return false;
    }
    return true;
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
    if (emptyWaiter != null && !emptyWaiter.done()) {
      emptyWaiter.setResult(null);
    }
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

  @Override
  public long getWriteBufferSize() {
    return buffer.size();
  }

  @Override
  public void setWriteBufferLimits(int high, int low) {
    flow.setLimits(high, low);
    flow.maybePause(buffer.size(), protocol, ctx, this);
  }

  @Override
  public WaterMarks getWriteBufferLimits() {
    return flow.limits();
  }

  // ---- closing ----

  @Override
  public boolean isClosing() {
    return state != State.OPEN;
  }

  @Override
  public void close() {
    if (state != State.OPEN) {
      return;
    }
    state = State.CLOSING;
    reg.removeReader();
    if (buffer.isEmpty()) {
      state = State.LOST;
      reg.removeWriter();
      ctx.loop.callSoon(() -> callConnectionLost(null));
    }
  }

  @Override
  public void abort() {
    forceClose(null);
  }

  private void forceClose(Throwable exc) {
    if (state == State.LOST || state == State.CLOSED) {
      return;
    }
    if (!buffer.isEmpty()) {
      buffer.clear();
      reg.removeWriter();
    }
    reg.removeReader();
    state = State.LOST;
    ctx.loop.callSoon(() -> callConnectionLost(exc));
  }

  /** An OS error: the connection is lost with {@code exc}; only non-I/O errors are reported. */
  private void fatalError(Throwable exc, String message) {
    if (!(exc instanceof IOException)) {
      ctx.report(message, exc, this, protocol);
    } else if (ctx.loop.isDebug()) {
      NetContext.LOG.log(System.Logger.Level.DEBUG, this + ": " + message, exc);
    }
    forceClose(exc);
  }

  private void protocolError(Throwable t, String message) {
    if (NetContext.isFatal(t)) {
      throw (VirtualMachineError) t;
    }
    fatalError(t, message);
  }

  private void callConnectionLost(Throwable exc) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    try {
      protocol.connectionLost(exc);
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        NetContext.LOG.log(System.Logger.Level.DEBUG, "closing " + channel, e);
      }
      if (server != null) {
        server.detach(this);
        server = null;
      }
      failEmptyWaiter(new SocketException("Connection is closed by peer"));
    }
  }

  // ---- sendfile support ----

  /** asyncio's {@code _make_empty_waiter}: done once the write buffer is empty. */
  Future<Void> makeEmptyWaiter() {
    if (emptyWaiter != null) {
      throw new IllegalStateException("Empty waiter is already set");
    }
    emptyWaiter = ctx.loop.createFuture();
    if (buffer.isEmpty()) {
      emptyWaiter.setResult(null);
    }
    return emptyWaiter;
  }

  void resetEmptyWaiter() {
    emptyWaiter = null;
    sendfileOp = null;
  }

  /** A zero-copy send on this transport's socket, failed if the connection goes away. */
  void trackSendfile(Future<?> op) {
    sendfileOp = op;
  }

  private void failEmptyWaiter(Throwable exc) {
    if (emptyWaiter != null && !emptyWaiter.done()) {
      emptyWaiter.setException(exc);
    }
    if (sendfileOp != null && !sendfileOp.done()) {
      sendfileOp.setException(exc);
    }
  }

  // ---- protocol and info ----

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
  public BaseProtocol getProtocol() {
    return protocol;
  }

  @Override
  public Object getExtraInfo(String name) {
    return switch (name) {
      case "peername" -> peername;
      case "sockname" -> sockname;
      case "socket" -> channel;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return "SocketTransport[" + state + (readingPaused ? " paused" : "")
        + ", peer=" + peername + ", bufsize=" + buffer.size() + "]";
  }
}
