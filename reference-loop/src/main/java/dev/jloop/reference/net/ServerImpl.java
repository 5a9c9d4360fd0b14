package dev.jloop.reference.net;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.Server;
import dev.jloop.tls.SslProtocol;
import dev.jloop.tls.SslSettings;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * asyncio's {@code Server} plus the accept side of {@code BaseSelectorEventLoop}
 * ({@code _start_serving}, {@code _accept_connection}). Each accepted connection gets a new
 * protocol from the factory and a {@link SocketTransport}; the server counts them, so that
 * {@link #waitClosed()} waits for the last one. Loop thread only.
 */
final class ServerImpl implements Server {
  private final NetContext ctx;
  private final Supplier<? extends BaseProtocol> factory;
  private final SslSettings ssl;
  private final int backlog;
  private final Runnable onClose;
  private final Set<SelectorTransport> clients = new LinkedHashSet<>();
  private List<ServerSocketChannel> sockets;
  private List<Future<Void>> waiters = new ArrayList<>();
  private boolean serving;
  private Future<Void> servingForever;

  /**
   * @param ssl TLS for every connection (each protocol is wrapped in an {@link SslProtocol}),
   *     or {@code null}
   * @param onClose run once when the server closes (removes a Unix socket file), or a no-op
   */
  ServerImpl(NetContext ctx, List<ServerSocketChannel> sockets,
      Supplier<? extends BaseProtocol> factory, SslSettings ssl, int backlog, Runnable onClose) {
    this.ctx = ctx;
    this.sockets = List.copyOf(sockets);
    this.factory = factory;
    this.ssl = ssl;
    this.backlog = Math.max(1, backlog);
    this.onClose = onClose;
  }

  void attach(SelectorTransport t) {
    clients.add(t);
  }

  void detach(SelectorTransport t) {
    clients.remove(t);
    if (clients.isEmpty() && sockets == null) {
      wakeup();
    }
  }

  private void wakeup() {
    List<Future<Void>> ws = waiters;
    waiters = null;
    if (ws != null) {
      for (Future<Void> w : ws) {
        if (!w.done()) {
          w.setResult(null);
        }
      }
    }
  }

  /** asyncio's {@code _start_serving}: registers an accept callback on every socket. */
  void startServingNow() {
    if (sockets == null) {
      throw new IllegalStateException("the server is closed: " + this);
    }
    if (serving) {
      return;
    }
    serving = true;
    for (ServerSocketChannel sock : sockets) {
      listen(sock);
    }
  }

  private void listen(ServerSocketChannel sock) {
    ChannelRegistration reg = ChannelRegistration.of(ctx, sock);
    reg.setOwner(this);
    reg.setReader(new Handle(ctx.loop, () -> acceptReady(sock, reg)));
  }

  /** Accepts up to {@code backlog} connections, as asyncio's {@code _accept_connection}. */
  private void acceptReady(ServerSocketChannel sock, ChannelRegistration reg) {
    for (int i = 0; i < backlog && serving; i++) {
      SocketChannel conn;
      try {
        conn = sock.accept();
        if (conn == null) {
          return;
        }
        conn.configureBlocking(false);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        acceptFailed(sock, reg, e);
        return;
      }
      serve(conn);
    }
  }

  private void acceptFailed(ServerSocketChannel sock, ChannelRegistration reg, IOException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("Too many open files") || msg.contains("No buffer space")
        || msg.contains("Cannot allocate memory")) {
      // Linux keeps reporting the socket as ready: stop watching it for a while.
      ctx.report("socket.accept() out of system resource", e, null, null);
      reg.removeReader();
      ctx.loop.callLater(NetContext.ACCEPT_RETRY_DELAY, () -> {
        if (serving && sockets != null && sockets.contains(sock)) {
          listen(sock);
        }
      });
    } else {
      ctx.report("socket.accept() failed", e, null, null);
    }
  }

  private void serve(SocketChannel conn) {
    BaseProtocol protocol = null;
    try {
      protocol = Objects.requireNonNull(factory.get(), "the protocol factory returned null");
      BaseProtocol onSocket = ssl == null ? protocol : new SslProtocol(ctx.loop, protocol, ssl, null, true);
      new SocketTransport(ctx, conn, onSocket, null, this);
    } catch (Throwable t) {
      if (NetContext.isFatal(t)) {
        throw t;
      }
      try {
        conn.close();
      } catch (IOException ignored) {
        // the error below is what matters
      }
      ctx.report("Error on transport creation for incoming connection", t, null, protocol);
    }
  }

  // ---- Server ----

  @Override
  public EventLoop getLoop() {
    return ctx.loop;
  }

  @Override
  public boolean isServing() {
    return serving;
  }

  @Override
  public List<ServerSocketChannel> sockets() {
    return sockets == null ? List.of() : sockets;
  }

  @Override
  public void close() {
    List<ServerSocketChannel> socks = sockets;
    if (socks == null) {
      return;
    }
    sockets = null;
    for (ServerSocketChannel s : socks) {
      ChannelRegistration reg = ChannelRegistration.find(ctx, s);
      if (reg != null) {
        reg.removeAndCancelReader();
      }
      try {
        s.close();
      } catch (IOException e) {
        NetContext.LOG.log(System.Logger.Level.DEBUG, "closing " + s, e);
      }
    }
    serving = false;
    Future<Void> forever = servingForever;
    servingForever = null;
    if (forever != null && !forever.done()) {
      forever.cancel();
    }
    onClose.run();
    if (clients.isEmpty()) {
      wakeup();
    }
  }

  @Override
  public void closeClients() {
    for (SelectorTransport t : List.copyOf(clients)) {
      t.close();
    }
  }

  @Override
  public void abortClients() {
    for (SelectorTransport t : List.copyOf(clients)) {
      t.abort();
    }
  }

  @Override
  public Future<Void> startServing() {
    ctx.check();
    startServingNow();
    return passLater();
  }

  /** A future done in the next pass: asyncio's {@code await sleep(0)}. */
  private Future<Void> passLater() {
    Future<Void> f = ctx.loop.createFuture();
    ctx.loop.callSoon(() -> {
      if (!f.done()) {
        f.setResult(null);
      }
    });
    return f;
  }

  @Override
  public Future<Void> serveForever() {
    ctx.check();
    if (servingForever != null) {
      throw new IllegalStateException("server " + this + " is already being awaited on serve_forever()");
    }
    if (sockets == null) {
      throw new IllegalStateException("server " + this + " is closed");
    }
    startServingNow();
    Future<Void> f = ctx.loop.createFuture();
    servingForever = f;
    f.addDoneCallback(done -> {
      if (servingForever == done) {
        servingForever = null;
      }
      if (done.cancelled()) {
        close();
      }
    });
    return f;
  }

  @Override
  public Future<Void> waitClosed() {
    Future<Void> f = ctx.loop.createFuture();
    if (waiters == null) {
      f.setResult(null);
    } else {
      waiters.add(f);
    }
    return f;
  }

  /** Completes {@code result} with this server, one pass later if it started serving. */
  void publish(Future<Server> result, boolean startServing) {
    if (!startServing) {
      result.setResult(this);
      return;
    }
    startServingNow();
    ctx.loop.callSoon(() -> {
      if (!result.done()) {
        result.setResult(this);
      } else {
        close(); // the caller cancelled: nobody will ever close this server
      }
    });
  }

  @Override
  public String toString() {
    return "Server[sockets=" + (sockets == null ? "closed" : addresses()) + ", clients="
        + clients.size() + (serving ? ", serving" : "") + "]";
  }

  private List<Object> addresses() {
    List<Object> out = new ArrayList<>();
    for (ServerSocketChannel s : sockets) {
      try {
        out.add(s.getLocalAddress());
      } catch (IOException e) {
        out.add(s);
      }
    }
    return out;
  }
}
