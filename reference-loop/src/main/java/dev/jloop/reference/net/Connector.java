package dev.jloop.reference.net;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Transport;
import dev.jloop.io.UnixConnectionOptions;
import dev.jloop.tls.SslProtocol;
import dev.jloop.tls.SslSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * asyncio's {@code create_connection}, {@code create_unix_connection} and
 * {@code connect_accepted_socket}: each runs as a task on the loop (as the asyncio coroutine
 * does), so cancelling the returned future cancels the attempt and closes what it opened.
 * Loop thread only.
 */
final class Connector {
  private final NetContext ctx;
  private final SockOps ops;

  Connector(NetContext ctx, SockOps ops) {
    this.ctx = ctx;
    this.ops = ops;
  }

  <P extends BaseProtocol> Future<ConnectionResult<P>> createConnection(
      Supplier<? extends P> factory, ConnectionOptions o) {
    ctx.check();
    Objects.requireNonNull(factory, "protocolFactory");
    Objects.requireNonNull(o, "options");
    SslSettings ssl = SslSettings.forConnection(o);
    Integer interleave = o.interleave();
    if (o.happyEyeballsDelay() != null && interleave == null) {
      interleave = 1; // asyncio: happy eyeballs interleaves the families by default
    }
    if (o.host() != null || o.port() != null) {
      if (o.sock() != null) {
        throw new IllegalArgumentException("host/port and sock can not be specified at the same time");
      }
      int interleaveBy = interleave == null ? 0 : interleave;
      return ctx.loop.createTask(() -> {
        SocketChannel sock = connectAny(o, interleaveBy);
        return Async.await(transportFor(sock, factory, ssl));
      });
    }
    if (o.sock() == null) {
      throw new IllegalArgumentException("host and port was not specified and no sock specified");
    }
    return accepted(factory, o.sock(), ssl);
  }

  <P extends BaseProtocol> Future<ConnectionResult<P>> createUnixConnection(
      Supplier<? extends P> factory, UnixConnectionOptions o) {
    ctx.check();
    Objects.requireNonNull(factory, "protocolFactory");
    Objects.requireNonNull(o, "options");
    SslSettings ssl = SslSettings.forUnixConnection(o);
    if (o.path() != null) {
      if (o.sock() != null) {
        throw new IllegalArgumentException("path and sock can not be specified at the same time");
      }
      return ctx.loop.createTask(() -> {
        SocketChannel sock = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          sock.configureBlocking(false);
          Async.await(ops.connectResolved(sock, UnixDomainSocketAddress.of(o.path())));
        } catch (Throwable t) {
          sock.close();
          throw t;
        }
        return Async.await(transportFor(sock, factory, ssl));
      });
    }
    if (o.sock() == null) {
      throw new IllegalArgumentException("no path and sock were specified");
    }
    if (!(localAddress(o.sock()) instanceof UnixDomainSocketAddress)) {
      throw new IllegalArgumentException("A UNIX Domain Stream Socket was expected, got " + o.sock());
    }
    return accepted(factory, o.sock(), ssl);
  }

  /** asyncio's {@code connect_accepted_socket}, and the {@code sock=} form of the others. */
  <P extends BaseProtocol> Future<ConnectionResult<P>> accepted(
      Supplier<? extends P> factory, SocketChannel sock, SslSettings ssl) {
    ctx.check();
    Objects.requireNonNull(factory, "protocolFactory");
    Objects.requireNonNull(sock, "sock");
    if (!sock.isOpen() || !sock.isConnected()) {
      throw new IllegalArgumentException("a connected stream socket was expected, got " + sock);
    }
    return ctx.loop.createTask(() -> {
      sock.configureBlocking(false);
      return Async.await(transportFor(sock, factory, ssl));
    });
  }

  private static Object localAddress(SocketChannel sock) {
    try {
      return sock.getLocalAddress();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * asyncio's {@code _create_connection_transport}: makes the protocol and the transport and
   * completes once {@code connectionMade} ran; with {@code ssl}, the transport carries an
   * {@link SslProtocol} and the result, the TLS transport, comes after the handshake. Closes
   * the socket if that fails.
   */
  <P extends BaseProtocol> Future<ConnectionResult<P>> transportFor(
      SocketChannel sock, Supplier<? extends P> factory, SslSettings ssl) {
    Future<ConnectionResult<P>> result = ctx.loop.createFuture();
    P protocol;
    try {
      protocol = Objects.requireNonNull(factory.get(), "the protocol factory returned null");
      Future<Void> waiter = ctx.loop.createFuture();
      Transport transport;
      SocketTransport tcp;
      if (ssl == null) {
        tcp = new SocketTransport(ctx, sock, protocol, waiter, null);
        transport = tcp;
      } else {
        SslProtocol tls = new SslProtocol(ctx.loop, protocol, ssl, waiter, true);
        tcp = new SocketTransport(ctx, sock, tls, null, null);
        transport = tls.appTransport();
      }
      waiter.addDoneCallback(w -> {
        if (result.done()) {
          transport.close(); // cancelled meanwhile
        } else if (w.cancelled()) {
          tcp.abort();
          result.cancel();
        } else if (w.exception() != null) {
          tcp.abort(); // the TLS handshake failed: SslProtocol aborted it already
          result.setException(w.exception());
        } else {
          result.setResult(new ConnectionResult<>(transport, protocol));
        }
      });
      result.addDoneCallback(r -> {
        if (r.cancelled()) {
          transport.close();
        }
      });
    } catch (Throwable t) {
      if (NetContext.isFatal(t)) {
        throw t;
      }
      closeQuietly(sock);
      result.setException(t);
    }
    return result;
  }

  /** Resolves and connects to the first address that accepts, in order or raced. */
  private SocketChannel connectAny(ConnectionOptions o, int interleave) throws Exception {
    int port = o.port() == null ? 0 : o.port();
    List<InetSocketAddress> infos = Async.await(Resolver.resolve(ctx, o.host(), port, o.family()));
    List<InetSocketAddress> locals = null;
    InetSocketAddress local = o.localAddress();
    if (local != null) {
      locals = local.isUnresolved()
          ? Async.await(Resolver.resolve(ctx, local.getHostString(), local.getPort(), o.family()))
          : List.of(local);
    }
    if (interleave > 0) {
      infos = Resolver.interleave(infos, interleave);
    }
    List<Throwable> errors = new ArrayList<>();
    SocketChannel sock = null;
    if (o.happyEyeballsDelay() == null) {
      for (InetSocketAddress addr : infos) {
        try {
          sock = connectSock(errors, addr, locals);
          break;
        } catch (IOException e) {
          // recorded in errors; try the next address
        }
      }
    } else {
      List<InetSocketAddress> ls = locals;
      List<Supplier<Future<SocketChannel>>> attempts = new ArrayList<>();
      for (InetSocketAddress addr : infos) {
        attempts.add(() -> ctx.loop.createTask(() -> connectSock(errors, addr, ls)));
      }
      sock = Async.await(StaggeredRace.start(ctx, attempts, o.happyEyeballsDelay()));
    }
    if (sock == null) {
      throw ConnectErrors.combine(errors);
    }
    return sock;
  }

  /** asyncio's {@code _connect_sock}: create, bind, connect one socket; errors go to the list. */
  private SocketChannel connectSock(
      List<Throwable> errors, InetSocketAddress addr, List<InetSocketAddress> locals)
      throws IOException {
    ProtocolFamily family = Resolver.family(addr);
    SocketChannel sock = null;
    try {
      sock = SocketChannel.open(family);
      sock.configureBlocking(false);
      if (locals != null) {
        bindLocal(sock, family, locals, errors);
      }
      try {
        Async.await(ops.connectResolved(sock, addr));
      } catch (Exception e) {
        if (!(e instanceof ConnectException)) {
          throw e;
        }
        // asyncio names the address: "Connect call failed ('127.0.0.1', 1)"
        ConnectException wrapped = new ConnectException(
            "Connect call failed " + addr + ": " + e.getMessage());
        wrapped.initCause(e);
        throw wrapped;
      }
      return sock;
    } catch (Throwable t) {
      if (t instanceof IOException) {
        errors.add(t);
      }
      if (sock != null) {
        closeQuietly(sock);
      }
      throw t;
    }
  }

  private static void bindLocal(SocketChannel sock, ProtocolFamily family,
      List<InetSocketAddress> locals, List<Throwable> errors) throws IOException {
    IOException last = null;
    for (InetSocketAddress laddr : locals) {
      if (Resolver.family(laddr) != family) {
        continue; // skip local addresses of the other family
      }
      try {
        sock.bind(laddr);
        return;
      } catch (IOException e) {
        last = new SocketException(
            "error while attempting to bind on address " + laddr + ": " + e.getMessage());
        last.initCause(e);
        errors.add(last);
      }
    }
    if (last != null) {
      errors.remove(last);
      throw last;
    }
    throw new SocketException("no matching local address with family=" + family + " found");
  }

  static void closeQuietly(java.nio.channels.Channel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // closing is best effort here: the error that made us close matters more
    }
  }
}
