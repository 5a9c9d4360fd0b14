package dev.jloop.reference.net;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.UnixServerOptions;
import dev.jloop.tls.SslSettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * asyncio's {@code create_server} and {@code create_unix_server}: resolve, bind, listen, and
 * hand the sockets to a {@link ServerImpl}. Loop thread only.
 *
 * <p>One difference the JDK imposes: binding a {@link ServerSocketChannel} also listens, so
 * with {@code startServing=false} clients can already connect (they wait in the backlog until
 * {@link Server#startServing()}), where asyncio's socket would refuse them. With no host the
 * server binds one dual-stack wildcard socket where asyncio binds one per family.
 */
final class Listeners {
  private final NetContext ctx;

  Listeners(NetContext ctx) {
    this.ctx = ctx;
  }

  Future<Server> createServer(Supplier<? extends BaseProtocol> factory, ServerOptions o) {
    ctx.check();
    Objects.requireNonNull(factory, "protocolFactory");
    Objects.requireNonNull(o, "options");
    SslSettings ssl = SslSettings.forServer(o);
    if (!o.hosts().isEmpty() || o.port() != null) {
      if (o.sock() != null) {
        throw new IllegalArgumentException("host/port and sock can not be specified at the same time");
      }
      if (o.reusePort() && !reusePortSupported()) {
        throw new IllegalArgumentException("reuse_port not supported by socket module");
      }
      return ctx.loop.createTask(() -> {
        List<ServerSocketChannel> sockets = bindAll(o, resolveAll(o));
        return Async.await(serve(factory, ssl, sockets, o.backlog(), o.startServing(), () -> {}));
      });
    }
    if (o.sock() == null) {
      throw new IllegalArgumentException("Neither host/port nor sock were specified");
    }
    checkBound(o.sock(), false);
    return serve(factory, ssl, List.of(o.sock()), o.backlog(), o.startServing(), () -> {});
  }

  Future<Server> createUnixServer(Supplier<? extends BaseProtocol> factory, UnixServerOptions o) {
    ctx.check();
    Objects.requireNonNull(factory, "protocolFactory");
    Objects.requireNonNull(o, "options");
    SslSettings ssl = SslSettings.forUnixServer(o);
    if (o.path() != null) {
      if (o.sock() != null) {
        throw new IllegalArgumentException("path and sock can not be specified at the same time");
      }
      Future<Server> failed = ctx.loop.createFuture();
      ServerSocketChannel sock;
      try {
        removeStaleSocket(o.path());
        sock = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          sock.bind(UnixDomainSocketAddress.of(o.path()), o.backlog());
          sock.configureBlocking(false);
        } catch (IOException e) {
          Connector.closeQuietly(sock);
          throw bindError(UnixDomainSocketAddress.of(o.path()), e);
        }
      } catch (IOException e) {
        failed.setException(e);
        return failed;
      }
      Path path = o.path();
      Runnable cleanup = o.cleanupSocket() ? () -> removeQuietly(path) : () -> {};
      return serve(factory, ssl, List.of(sock), o.backlog(), o.startServing(), cleanup);
    }
    if (o.sock() == null) {
      throw new IllegalArgumentException("path was not specified, and no sock specified");
    }
    checkBound(o.sock(), true);
    return serve(factory, ssl, List.of(o.sock()), o.backlog(), o.startServing(), () -> {});
  }

  private Future<Server> serve(Supplier<? extends BaseProtocol> factory, SslSettings ssl,
      List<ServerSocketChannel> sockets, int backlog, boolean startServing, Runnable onClose) {
    Future<Server> result = ctx.loop.createFuture();
    new ServerImpl(ctx, sockets, factory, ssl, backlog, onClose).publish(result, startServing);
    return result;
  }

  private static void checkBound(ServerSocketChannel sock, boolean unix) {
    SocketAddress local;
    try {
      local = sock.getLocalAddress();
      if (local != null && sock.isBlocking()) {
        sock.configureBlocking(false); // asyncio: sock.setblocking(False)
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("the socket is not usable: " + sock, e);
    }
    if (local == null) {
      throw new IllegalArgumentException("the socket must be bound and listening: " + sock);
    }
    if (unix != (local instanceof UnixDomainSocketAddress)) {
      throw new IllegalArgumentException(
          (unix ? "A UNIX Domain Stream Socket" : "An internet stream socket") + " was expected, got " + sock);
    }
  }

  /** The distinct addresses of every host, in order; no host means the wildcard. */
  private List<InetSocketAddress> resolveAll(ServerOptions o) {
    int port = o.port() == null ? 0 : o.port();
    if (o.hosts().isEmpty()) {
      return List.of(wildcard(o.family(), port));
    }
    List<Future<List<InetSocketAddress>>> lookups = new ArrayList<>();
    for (String host : o.hosts()) {
      lookups.add(Resolver.resolve(ctx, host, port, o.family()));
    }
    Set<InetSocketAddress> distinct = new LinkedHashSet<>();
    for (Future<List<InetSocketAddress>> f : lookups) {
      distinct.addAll(Async.await(f));
    }
    return new ArrayList<>(distinct);
  }

  private static InetSocketAddress wildcard(ProtocolFamily family, int port) {
    if (family == StandardProtocolFamily.INET) {
      return new InetSocketAddress("0.0.0.0", port);
    }
    if (family == StandardProtocolFamily.INET6) {
      return new InetSocketAddress("::", port);
    }
    return new InetSocketAddress(port); // dual-stack where the system has IPv6
  }

  private static List<ServerSocketChannel> bindAll(ServerOptions o, List<InetSocketAddress> addrs)
      throws IOException {
    List<ServerSocketChannel> sockets = new ArrayList<>();
    boolean completed = false;
    try {
      for (InetSocketAddress sa : addrs) {
        ServerSocketChannel sock = sa.getAddress().isAnyLocalAddress() && o.family() == null
            ? ServerSocketChannel.open()
            : ServerSocketChannel.open(Resolver.family(sa));
        sockets.add(sock);
        sock.setOption(StandardSocketOptions.SO_REUSEADDR, o.reuseAddress() == null || o.reuseAddress());
        if (o.reusePort()) {
          sock.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        try {
          sock.bind(sa, o.backlog());
        } catch (IOException e) {
          throw bindError(sa, e);
        }
        sock.configureBlocking(false);
      }
      completed = true;
      return sockets;
    } finally {
      if (!completed) {
        sockets.forEach(Connector::closeQuietly);
      }
    }
  }

  private static IOException bindError(SocketAddress sa, IOException e) {
    String msg = "error while attempting to bind on address " + sa + ": " + e.getMessage();
    IOException wrapped = e instanceof BindException ? new BindException(msg) : new IOException(msg);
    wrapped.initCause(e);
    return wrapped;
  }

  private static boolean reusePortSupported() {
    try (ServerSocketChannel probe = ServerSocketChannel.open()) {
      return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
    } catch (IOException e) {
      return false;
    }
  }

  /** asyncio removes a socket file left by a previous server before binding. */
  private static void removeStaleSocket(Path path) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isOther()) {
        Files.delete(path);
      }
    } catch (NoSuchFileException e) {
      // nothing to remove
    }
  }

  private static void removeQuietly(Path path) {
    try {
      removeStaleSocket(path);
    } catch (IOException e) {
      NetContext.LOG.log(System.Logger.Level.DEBUG, "could not remove " + path, e);
    }
  }
}
