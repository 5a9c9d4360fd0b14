package dev.jloop.reference.net;

import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.Transport;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;

/**
 * What every selector-driven stream transport shares, as asyncio's {@code _SelectorTransport}:
 * the write buffer and its flow control, closing (flush first), aborting, fatal errors, the one
 * {@code connectionLost} call, extra information, and the hooks {@code sendfile} needs.
 *
 * <p>States: {@code OPEN -> CLOSING} ({@link #close()} with data still buffered: the buffer is
 * flushed) {@code -> LOST} (connectionLost scheduled) {@code -> CLOSED} (connectionLost called,
 * socket closed). {@code OPEN -> LOST} directly on an empty close, an abort or an error.
 * Loop thread only.
 */
abstract class SelectorTransport implements Transport {
  enum State { OPEN, CLOSING, LOST, CLOSED }

  final NetContext ctx;
  final SocketChannel channel;
  final ChannelRegistration reg;
  final WriteQueue buffer = new WriteQueue();
  final FlowControl flow = new FlowControl();
  private final SocketAddress sockname;
  private final SocketAddress peername;
  BaseProtocol protocol;
  State state = State.OPEN;
  private ServerImpl server;
  private int lostWrites;
  private Future<Void> emptyWaiter;
  private Future<?> sendfileOp;

  /** Takes over {@code channel}: its registration, its addresses, the server's count. */
  SelectorTransport(NetContext ctx, SocketChannel channel, ServerImpl server) {
    this.ctx = ctx;
    this.channel = channel;
    this.sockname = address(channel, true);
    this.peername = address(channel, false);
    this.reg = ChannelRegistration.of(ctx, channel);
    reg.removeAndCancelReader();
    reg.removeAndCancelWriter();
    reg.setOwner(this);
    this.server = server;
    if (server != null) {
      server.attach(this);
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

  SocketAddress sockname() {
    return sockname;
  }

  boolean isProtocolPaused() {
    return flow.isPaused();
  }

  /**
   * asyncio drops writes on a lost connection and, from the 5th on, logs
   * "socket.send() raised exception."; this logs it once. True if the write must be dropped.
   */
  boolean dropLostWrite() {
    if (state != State.LOST && state != State.CLOSED) {
      return false;
    }
    if (++lostWrites == NetContext.LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
      NetContext.LOG.log(System.Logger.Level.WARNING, "socket.send() raised exception.");
    }
    return true;
  }

  // ---- flow control ----

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

  /** Drops the buffer, stops reading and schedules {@code connectionLost(exc)}. */
  void forceClose(Throwable exc) {
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

  /** An error ends the connection with {@code exc}; only non-I/O errors are reported. */
  void fatalError(Throwable exc, String message) {
    if (!(exc instanceof IOException)) {
      ctx.report(message, exc, this, protocol);
    } else if (ctx.loop.isDebug()) {
      NetContext.LOG.log(System.Logger.Level.DEBUG, this + ": " + message, exc);
    }
    forceClose(exc);
  }

  /** A protocol callback threw {@code t}: as {@link #fatalError}, unless the JVM is in trouble. */
  void protocolError(Throwable t, String message) {
    if (NetContext.isFatal(t)) {
      throw (VirtualMachineError) t;
    }
    fatalError(t, message);
  }

  /** asyncio's {@code _call_connection_lost}: tells the protocol, then closes the socket. */
  void callConnectionLost(Throwable exc) {
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

  /** Whether a sendfile owns the socket (writes are refused meanwhile). */
  boolean sendfileInProgress() {
    return emptyWaiter != null;
  }

  /** The write buffer drained: wakes the empty waiter. */
  void bufferEmptied() {
    if (emptyWaiter != null && !emptyWaiter.done()) {
      emptyWaiter.setResult(null);
    }
  }

  void resetEmptyWaiter() {
    emptyWaiter = null;
    sendfileOp = null;
  }

  /** A zero-copy send on this transport's socket, failed if the connection goes away. */
  void trackSendfile(Future<?> op) {
    sendfileOp = op;
  }

  void failEmptyWaiter(Throwable exc) {
    if (emptyWaiter != null && !emptyWaiter.done()) {
      emptyWaiter.setException(exc);
    }
    if (sendfileOp != null && !sendfileOp.done()) {
      sendfileOp.setException(exc);
    }
  }

  // ---- protocol and info ----

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
    return getClass().getSimpleName() + "[" + state + ", peer=" + peername + ", bufsize=" + buffer.size() + "]";
  }
}
