package dev.jloop.reference.net;

import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.UnixConnectionOptions;
import dev.jloop.io.UnixServerOptions;
import dev.jloop.io.WriteTransport;
import dev.jloop.reference.SelectorEventLoop;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The stream-networking engine of one {@link SelectorEventLoop}; {@link SelectorNetworking}
 * forwards the loop's {@code EventLoopNetworking} methods here. Internal: use the loop's
 * methods. Loop thread only.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Networking {
  private final NetContext ctx;
  private final SockOps ops;
  private final Connector connector;
  private final Listeners listeners;
  private final Sendfile sendfile;

  /**
   * The engine of {@code loop}.
   *
   * @throws UnsupportedOperationException if the loop does not run on a SelectorIoHandler
   */
  public Networking(SelectorEventLoop loop) {
    this.ctx = new NetContext(Objects.requireNonNull(loop, "loop"));
    this.ops = new SockOps(ctx);
    this.connector = new Connector(ctx, ops);
    this.listeners = new Listeners(ctx);
    this.sendfile = new Sendfile(ctx, ops);
  }

  // ---- readiness ----

  void addReader(SelectableChannel channel, Runnable callback) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(callback, "callback");
    ctx.check();
    ChannelRegistration reg = ChannelRegistration.of(ctx, channel);
    reg.ensureNoTransport();
    reg.setReader(new Handle(ctx.loop, callback));
  }

  boolean removeReader(SelectableChannel channel) {
    Objects.requireNonNull(channel, "channel");
    if (ctx.loop.isClosed()) {
      return false;
    }
    ChannelRegistration reg = ChannelRegistration.find(ctx, channel);
    if (reg == null) {
      return false;
    }
    reg.ensureNoTransport();
    return reg.removeAndCancelReader();
  }

  void addWriter(SelectableChannel channel, Runnable callback) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(callback, "callback");
    ctx.check();
    ChannelRegistration reg = ChannelRegistration.of(ctx, channel);
    reg.ensureNoTransport();
    reg.setWriter(new Handle(ctx.loop, callback));
  }

  boolean removeWriter(SelectableChannel channel) {
    Objects.requireNonNull(channel, "channel");
    if (ctx.loop.isClosed()) {
      return false;
    }
    ChannelRegistration reg = ChannelRegistration.find(ctx, channel);
    if (reg == null) {
      return false;
    }
    reg.ensureNoTransport();
    return reg.removeAndCancelWriter();
  }

  // ---- connections and servers ----

  <P extends BaseProtocol> Future<ConnectionResult<P>> createConnection(
      Supplier<? extends P> factory, ConnectionOptions options) {
    return connector.createConnection(factory, options);
  }

  <P extends BaseProtocol> Future<ConnectionResult<P>> createUnixConnection(
      Supplier<? extends P> factory, UnixConnectionOptions options) {
    return connector.createUnixConnection(factory, options);
  }

  <P extends BaseProtocol> Future<ConnectionResult<P>> connectAcceptedSocket(
      Supplier<? extends P> factory, SocketChannel sock) {
    return connector.accepted(factory, sock, null);
  }

  Future<Server> createServer(Supplier<? extends BaseProtocol> factory, ServerOptions options) {
    return listeners.createServer(factory, options);
  }

  Future<Server> createUnixServer(Supplier<? extends BaseProtocol> factory, UnixServerOptions options) {
    return listeners.createUnixServer(factory, options);
  }

  // ---- sock_* and sendfile ----

  Future<byte[]> sockRecv(SocketChannel sock, int n) {
    return ops.recv(sock, n);
  }

  Future<Integer> sockRecvInto(SocketChannel sock, ByteBuffer buffer) {
    return ops.recvInto(sock, buffer);
  }

  Future<Void> sockSendall(SocketChannel sock, ByteBuffer data) {
    return ops.sendall(sock, data);
  }

  Future<Void> sockConnect(SocketChannel sock, SocketAddress address) {
    return ops.connect(sock, address);
  }

  Future<SocketChannel> sockAccept(ServerSocketChannel sock) {
    return ops.accept(sock);
  }

  Future<Long> sockSendfile(SocketChannel sock, FileChannel file, long offset, Long count,
      boolean fallback) {
    return sendfile.sockSendfile(sock, file, offset, count, fallback);
  }

  Future<Long> sendfile(WriteTransport transport, FileChannel file, long offset, Long count,
      boolean fallback) {
    return sendfile.sendfile(transport, file, offset, count, fallback);
  }
}
