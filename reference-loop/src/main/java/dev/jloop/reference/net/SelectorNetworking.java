package dev.jloop.reference.net;

import dev.jloop.EventLoopNetworking;
import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.UnixConnectionOptions;
import dev.jloop.io.UnixServerOptions;
import dev.jloop.io.WriteTransport;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Implements {@link EventLoopNetworking} for a loop by forwarding every method to its
 * {@link Networking} engine, so that the scheduler class only has to say where the engine is.
 * The contracts are those of {@link EventLoopNetworking}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface SelectorNetworking extends EventLoopNetworking {
  /** The loop's networking engine, created on first use. */
  Networking networking();

  @Override
  default void addReader(SelectableChannel channel, Runnable callback) {
    networking().addReader(channel, callback);
  }

  @Override
  default boolean removeReader(SelectableChannel channel) {
    return networking().removeReader(channel);
  }

  @Override
  default void addWriter(SelectableChannel channel, Runnable callback) {
    networking().addWriter(channel, callback);
  }

  @Override
  default boolean removeWriter(SelectableChannel channel) {
    return networking().removeWriter(channel);
  }

  @Override
  default <P extends BaseProtocol> Future<ConnectionResult<P>> createConnection(
      Supplier<? extends P> protocolFactory, ConnectionOptions options) {
    return networking().createConnection(protocolFactory, options);
  }

  @Override
  default Future<Server> createServer(
      Supplier<? extends BaseProtocol> protocolFactory, ServerOptions options) {
    return networking().createServer(protocolFactory, options);
  }

  @Override
  default <P extends BaseProtocol> Future<ConnectionResult<P>> createUnixConnection(
      Supplier<? extends P> protocolFactory, UnixConnectionOptions options) {
    return networking().createUnixConnection(protocolFactory, options);
  }

  @Override
  default Future<Server> createUnixServer(
      Supplier<? extends BaseProtocol> protocolFactory, UnixServerOptions options) {
    return networking().createUnixServer(protocolFactory, options);
  }

  @Override
  default <P extends BaseProtocol> Future<ConnectionResult<P>> connectAcceptedSocket(
      Supplier<? extends P> protocolFactory, SocketChannel sock) {
    return networking().connectAcceptedSocket(protocolFactory, sock);
  }

  @Override
  default Future<byte[]> sockRecv(SocketChannel sock, int n) {
    return networking().sockRecv(sock, n);
  }

  @Override
  default Future<Integer> sockRecvInto(SocketChannel sock, ByteBuffer buffer) {
    return networking().sockRecvInto(sock, buffer);
  }

  @Override
  default Future<Void> sockSendall(SocketChannel sock, ByteBuffer data) {
    return networking().sockSendall(sock, data);
  }

  @Override
  default Future<Void> sockConnect(SocketChannel sock, SocketAddress address) {
    return networking().sockConnect(sock, address);
  }

  @Override
  default Future<SocketChannel> sockAccept(ServerSocketChannel sock) {
    return networking().sockAccept(sock);
  }

  @Override
  default Future<Long> sockSendfile(
      SocketChannel sock, FileChannel file, long offset, Long count, boolean fallback) {
    return networking().sockSendfile(sock, file, offset, count, fallback);
  }

  @Override
  default Future<Long> sendfile(
      WriteTransport transport, FileChannel file, long offset, Long count, boolean fallback) {
    return networking().sendfile(transport, file, offset, count, fallback);
  }
}
