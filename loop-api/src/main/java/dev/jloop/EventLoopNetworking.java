package dev.jloop;

import dev.jloop.io.BaseProtocol;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.Transport;
import dev.jloop.io.UnixConnectionOptions;
import dev.jloop.io.UnixServerOptions;
import dev.jloop.io.WriteTransport;
import dev.jloop.tls.SslProtocol;
import dev.jloop.tls.SslSettings;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apiguardian.api.API;

/**
 * The part of {@link EventLoop} that covers asyncio's stream networking: readiness callbacks
 * (add_reader/add_writer), create_connection, create_server, the Unix-socket variants,
 * connect_accepted_socket, the stream sock_* helpers and sendfile.
 *
 * <p>Every method has a default that throws {@link UnsupportedOperationException} naming the
 * asyncio method, so that a loop without this feature still compiles; the TCK reports such a
 * method as "not implemented". The convenience overloads delegate to the full ones, so a loop
 * implements only those. Loop thread only, like the rest of {@link EventLoop}.
 *
 * <p>Errors: bad arguments throw at once ({@link NullPointerException} naming the parameter,
 * {@link IllegalArgumentException}); a closed loop throws {@link IllegalStateException}; I/O
 * errors (refused, reset, unreachable, ...) complete the returned future exceptionally with the
 * {@link java.io.IOException} the JDK reported. Channels must be in non-blocking mode.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface EventLoopNetworking {

  // ---- readiness ----

  /**
   * Calls {@code callback} on the loop thread whenever {@code channel} is readable (for a
   * {@link ServerSocketChannel}: has a connection to accept), until {@link #removeReader}.
   * Replaces the reader callback already registered for the channel. asyncio:
   * {@code add_reader}.
   *
   * @throws IllegalArgumentException if the channel is closed or in blocking mode
   * @throws IllegalStateException if a transport of this loop uses the channel, or the loop is
   *     closed
   */
  default void addReader(SelectableChannel channel, Runnable callback) {
    throw new UnsupportedOperationException("add_reader");
  }

  /**
   * Stops watching {@code channel} for reading. asyncio: {@code remove_reader}.
   *
   * @return whether a reader callback was registered
   */
  default boolean removeReader(SelectableChannel channel) {
    throw new UnsupportedOperationException("remove_reader");
  }

  /**
   * Calls {@code callback} whenever {@code channel} is writable (for a {@link SocketChannel}
   * whose connect is pending: when the connect finished or failed), until
   * {@link #removeWriter}. Replaces the writer callback already registered. asyncio:
   * {@code add_writer}.
   *
   * @throws IllegalArgumentException if the channel is closed or in blocking mode
   * @throws IllegalStateException if a transport of this loop uses the channel, or the loop is
   *     closed
   */
  default void addWriter(SelectableChannel channel, Runnable callback) {
    throw new UnsupportedOperationException("add_writer");
  }

  /**
   * Stops watching {@code channel} for writing. asyncio: {@code remove_writer}.
   *
   * @return whether a writer callback was registered
   */
  default boolean removeWriter(SelectableChannel channel) {
    throw new UnsupportedOperationException("remove_writer");
  }

  // ---- connections and servers ----

  /** {@link #createConnection(Supplier, ConnectionOptions)} with a host and a port. */
  default <P extends BaseProtocol> Future<ConnectionResult<P>> createConnection(
      Supplier<? extends P> protocolFactory, String host, int port) {
    return createConnection(protocolFactory, ConnectionOptions.of(host, port));
  }

  /**
   * Opens a stream connection and binds a new protocol to it. Every address the host resolves
   * to is tried in order (raced, with {@code happyEyeballsDelay}); if all fail, the future
   * fails with the one error, or with a {@link java.net.ConnectException} listing them all (the
   * others attached as suppressed) when they differ. The protocol gets {@code connectionMade}
   * before the future completes. asyncio: {@code create_connection}.
   *
   * @throws IllegalArgumentException for options asyncio rejects (host/port together with sock,
   *     neither of them, server_hostname without ssl, ...)
   */
  default <P extends BaseProtocol> Future<ConnectionResult<P>> createConnection(
      Supplier<? extends P> protocolFactory, ConnectionOptions options) {
    throw new UnsupportedOperationException("create_connection");
  }

  /** {@link #createServer(Supplier, ServerOptions)} on one host (null: every interface). */
  default Future<Server> createServer(
      Supplier<? extends BaseProtocol> protocolFactory, String host, int port) {
    return createServer(protocolFactory, ServerOptions.of(host, port));
  }

  /**
   * Listens on every address of the given hosts (each bound once) and serves each accepted
   * connection with a new protocol from the factory. The future completes with the server once
   * it listens (and, with {@code startServing}, one pass after it accepts). asyncio:
   * {@code create_server}.
   *
   * @throws IllegalArgumentException for options asyncio rejects
   */
  default Future<Server> createServer(
      Supplier<? extends BaseProtocol> protocolFactory, ServerOptions options) {
    throw new UnsupportedOperationException("create_server");
  }

  /** {@link #createUnixConnection(Supplier, UnixConnectionOptions)} to a socket file. */
  default <P extends BaseProtocol> Future<ConnectionResult<P>> createUnixConnection(
      Supplier<? extends P> protocolFactory, Path path) {
    return createUnixConnection(protocolFactory, UnixConnectionOptions.builder().path(path).build());
  }

  /**
   * Opens a Unix-domain stream connection. asyncio: {@code create_unix_connection}. The
   * transport's {@code peername} and {@code sockname} are
   * {@link java.net.UnixDomainSocketAddress}es.
   */
  default <P extends BaseProtocol> Future<ConnectionResult<P>> createUnixConnection(
      Supplier<? extends P> protocolFactory, UnixConnectionOptions options) {
    throw new UnsupportedOperationException("create_unix_connection");
  }

  /** {@link #createUnixServer(Supplier, UnixServerOptions)} on a socket file. */
  default Future<Server> createUnixServer(
      Supplier<? extends BaseProtocol> protocolFactory, Path path) {
    return createUnixServer(protocolFactory, UnixServerOptions.builder().path(path).build());
  }

  /** Listens on a Unix-domain socket. asyncio: {@code create_unix_server}. */
  default Future<Server> createUnixServer(
      Supplier<? extends BaseProtocol> protocolFactory, UnixServerOptions options) {
    throw new UnsupportedOperationException("create_unix_server");
  }

  /**
   * Wraps a connection accepted elsewhere in a transport and a new protocol. asyncio:
   * {@code connect_accepted_socket}.
   */
  default <P extends BaseProtocol> Future<ConnectionResult<P>> connectAcceptedSocket(
      Supplier<? extends P> protocolFactory, SocketChannel sock) {
    throw new UnsupportedOperationException("connect_accepted_socket");
  }

  // ---- TLS ----

  /**
   * Upgrades a live connection to TLS: asyncio's {@code start_tls}. The future completes, once
   * the handshake is done, with the new transport {@code protocol} must use from then on (the
   * old one now carries ciphertext). On failure (an {@link javax.net.ssl.SSLException}) or
   * cancellation, {@code transport} is closed. {@code protocol} gets no second
   * {@code connectionMade}; it gets {@code connectionLost} when the TLS connection ends.
   *
   * <p>The default implementation runs the shared TLS layer ({@link SslProtocol}) over any
   * {@link Transport} of this loop, so a loop gets TLS by implementing plain TCP.
   *
   * @param context the TLS context
   * @param serverSide whether this end is the TLS server
   * @param serverHostname client side: the name the certificate must match, sent as SNI
   *     ({@code null} or {@code ""}: no check); must be {@code null} on the server side
   * @param handshakeTimeout seconds, or {@code null} for asyncio's 60
   * @param shutdownTimeout seconds, or {@code null} for asyncio's 30
   * @throws NullPointerException if {@code transport}, {@code protocol} or {@code context} is
   *     {@code null}
   * @throws IllegalArgumentException for a timeout that is not a positive finite number
   * @throws IllegalStateException if the loop is closed
   */
  default Future<Transport> startTls(Transport transport, BaseProtocol protocol,
      SSLContext context, boolean serverSide, String serverHostname, Double handshakeTimeout,
      Double shutdownTimeout) {
    Objects.requireNonNull(context, "sslcontext");
    SslSettings s = serverSide ? SslSettings.server(context)
        : SslSettings.client(context, serverHostname == null ? "" : serverHostname);
    return startTls(transport, protocol, s.withTimeouts(handshakeTimeout, shutdownTimeout));
  }

  /**
   * {@link #startTls(Transport, BaseProtocol, SSLContext, boolean, String, Double, Double)}
   * with every setting, engine parameters included.
   */
  default Future<Transport> startTls(Transport transport, BaseProtocol protocol, SslSettings settings) {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(settings, "settings");
    if (!(this instanceof EventLoop loop)) {
      throw new UnsupportedOperationException("start_tls");
    }
    if (loop.isClosed()) {
      throw new IllegalStateException("Event loop is closed");
    }
    return SslProtocol.startTls(loop, transport, protocol, settings);
  }

  // ---- sock_* ----

  /**
   * Receives up to {@code n} bytes; an empty array means end of stream. asyncio:
   * {@code sock_recv}.
   */
  default Future<byte[]> sockRecv(SocketChannel sock, int n) {
    throw new UnsupportedOperationException("sock_recv");
  }

  /**
   * Receives into the remaining space of {@code buffer} (its position advances); the result is
   * the count, 0 at end of stream. asyncio: {@code sock_recv_into}.
   */
  default Future<Integer> sockRecvInto(SocketChannel sock, ByteBuffer buffer) {
    throw new UnsupportedOperationException("sock_recv_into");
  }

  /** {@link #sockSendall(SocketChannel, ByteBuffer)} of a whole array. */
  default Future<Void> sockSendall(SocketChannel sock, byte[] data) {
    return sockSendall(sock, ByteBuffer.wrap(data));
  }

  /**
   * Sends every remaining byte of {@code data}; the buffer belongs to the call until the future
   * is done. On error nothing tells how much was sent, as in asyncio. asyncio:
   * {@code sock_sendall}.
   */
  default Future<Void> sockSendall(SocketChannel sock, ByteBuffer data) {
    throw new UnsupportedOperationException("sock_sendall");
  }

  /**
   * Connects {@code sock} to {@code address}; an unresolved {@link java.net.InetSocketAddress}
   * is resolved on the executor first. asyncio: {@code sock_connect}.
   */
  default Future<Void> sockConnect(SocketChannel sock, SocketAddress address) {
    throw new UnsupportedOperationException("sock_connect");
  }

  /**
   * Accepts one connection; the new channel is in non-blocking mode and its peer is
   * {@link SocketChannel#getRemoteAddress()}. asyncio: {@code sock_accept}.
   */
  default Future<SocketChannel> sockAccept(ServerSocketChannel sock) {
    throw new UnsupportedOperationException("sock_accept");
  }

  /** {@link #sockSendfile(SocketChannel, FileChannel, long, Long, boolean)} of a whole file. */
  default Future<Long> sockSendfile(SocketChannel sock, FileChannel file) {
    return sockSendfile(sock, file, 0, null, true);
  }

  /**
   * Sends {@code count} bytes of {@code file} from {@code offset} ({@code null}: to the end of
   * the file) with the zero-copy path when available, else, if {@code fallback}, by reading
   * and sending chunks. Completes with the number of bytes sent; the file's position is left
   * after the last byte sent. asyncio: {@code sock_sendfile}.
   *
   * @throws IllegalArgumentException if {@code offset} is negative or {@code count} not positive
   */
  default Future<Long> sockSendfile(
      SocketChannel sock, FileChannel file, long offset, Long count, boolean fallback) {
    throw new UnsupportedOperationException("sock_sendfile");
  }

  /** {@link #sendfile(WriteTransport, FileChannel, long, Long, boolean)} of a whole file. */
  default Future<Long> sendfile(WriteTransport transport, FileChannel file) {
    return sendfile(transport, file, 0, null, true);
  }

  /**
   * Sends part of a file over a transport: zero-copy once the transport's write buffer is
   * flushed (reading paused meanwhile), or, with {@code fallback}, by chunks through
   * {@code write} honouring the transport's flow control. Completes with the number of bytes
   * sent. asyncio: {@code sendfile}.
   *
   * @throws IllegalStateException if the transport is closing
   * @throws IllegalArgumentException if {@code offset} is negative or {@code count} not positive
   */
  default Future<Long> sendfile(
      WriteTransport transport, FileChannel file, long offset, Long count, boolean fallback) {
    throw new UnsupportedOperationException("sendfile");
  }
}
