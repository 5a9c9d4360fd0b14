package dev.jloop.reference.net;

import dev.jloop.Future;
import dev.jloop.Handle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * asyncio's stream {@code sock_*} coroutines as futures: each tries the operation at once and,
 * if the channel is not ready, registers a reader or writer that retries it; the callback is
 * removed when the future is done (or cancelled), unless another callback replaced it
 * ({@code _sock_read_done}/{@code _sock_write_done}). Loop thread only.
 */
final class SockOps {
  private final NetContext ctx;

  SockOps(NetContext ctx) {
    this.ctx = ctx;
  }

  /** Common checks; returns the channel's registration. */
  private ChannelRegistration prepare(SelectableChannel sock) {
    ctx.check();
    ChannelRegistration reg = ChannelRegistration.of(ctx, sock);
    reg.ensureNoTransport();
    return reg;
  }

  Future<byte[]> recv(SocketChannel sock, int n) {
    Objects.requireNonNull(sock, "sock");
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, not " + n);
    }
    ChannelRegistration reg = prepare(sock);
    Future<byte[]> f = ctx.loop.createFuture();
    if (n == 0) {
      f.setResult(new byte[0]); // asyncio: recv(0) returns b'' at once
      return f;
    }
    ByteBuffer buf = ByteBuffer.allocate(n);
    if (tryRecv(sock, buf, f)) {
      return f;
    }
    onReadable(reg, f, () -> tryRecv(sock, buf, f));
    return f;
  }

  private static boolean tryRecv(SocketChannel sock, ByteBuffer buf, Future<byte[]> f) {
    int r;
    try {
      r = sock.read(buf);
    } catch (IOException e) {
      f.setException(e);
      return true;
    }
    if (r == 0) {
      return false;
    }
    f.setResult(r < 0 ? new byte[0] : Arrays.copyOf(buf.array(), r));
    return true;
  }

  Future<Integer> recvInto(SocketChannel sock, ByteBuffer buffer) {
    Objects.requireNonNull(sock, "sock");
    Objects.requireNonNull(buffer, "buffer");
    if (buffer.isReadOnly()) {
      throw new IllegalArgumentException("buffer is read-only");
    }
    ChannelRegistration reg = prepare(sock);
    Future<Integer> f = ctx.loop.createFuture();
    if (!buffer.hasRemaining()) {
      f.setResult(0);
      return f;
    }
    if (tryRecvInto(sock, buffer, f)) {
      return f;
    }
    onReadable(reg, f, () -> tryRecvInto(sock, buffer, f));
    return f;
  }

  private static boolean tryRecvInto(SocketChannel sock, ByteBuffer buf, Future<Integer> f) {
    int r;
    try {
      r = sock.read(buf);
    } catch (IOException e) {
      f.setException(e);
      return true;
    }
    if (r == 0) {
      return false;
    }
    f.setResult(Math.max(r, 0));
    return true;
  }

  Future<Void> sendall(SocketChannel sock, ByteBuffer data) {
    Objects.requireNonNull(sock, "sock");
    Objects.requireNonNull(data, "data");
    ChannelRegistration reg = prepare(sock);
    return sendallUnchecked(reg, sock, data);
  }

  /** {@link #sendall} without the transport check (for sendfile on a transport's socket). */
  Future<Void> sendallUnchecked(ChannelRegistration reg, SocketChannel sock, ByteBuffer data) {
    Future<Void> f = ctx.loop.createFuture();
    if (trySend(sock, data, f)) {
      return f;
    }
    onWritable(reg, f, () -> trySend(sock, data, f));
    return f;
  }

  private static boolean trySend(SocketChannel sock, ByteBuffer data, Future<Void> f) {
    try {
      while (data.hasRemaining()) {
        if (sock.write(data) == 0) {
          return false;
        }
      }
    } catch (IOException e) {
      f.setException(e);
      return true;
    }
    f.setResult(null);
    return true;
  }

  /** asyncio's {@code sock_connect}: resolves an unresolved address on the executor first. */
  Future<Void> connect(SocketChannel sock, SocketAddress address) {
    Objects.requireNonNull(sock, "sock");
    Objects.requireNonNull(address, "address");
    prepare(sock);
    if (address instanceof InetSocketAddress ia && ia.isUnresolved()) {
      Future<Void> f = ctx.loop.createFuture();
      Resolver.resolve(ctx, ia.getHostString(), ia.getPort(), null).addDoneCallback(r -> {
        if (f.done()) {
          return;
        }
        if (r.exception() != null) {
          f.setException(r.exception());
          return;
        }
        connectResolved(sock, r.result().get(0)).addDoneCallback(c -> transfer(c, f));
      });
      return f;
    }
    return connectResolved(sock, address);
  }

  private static void transfer(Future<Void> from, Future<Void> to) {
    if (to.done()) {
      return;
    }
    if (from.cancelled()) {
      to.cancel();
    } else if (from.exception() != null) {
      to.setException(from.exception());
    } else {
      to.setResult(null);
    }
  }

  /** Connects without resolving; used by {@code createConnection} for each address. */
  Future<Void> connectResolved(SocketChannel sock, SocketAddress address) {
    Future<Void> f = ctx.loop.createFuture();
    try {
      if (sock.connect(address)) {
        f.setResult(null);
        return f;
      }
    } catch (IOException | RuntimeException e) {
      f.setException(e);
      return f;
    }
    ChannelRegistration reg = ChannelRegistration.of(ctx, sock);
    onWritable(reg, f, () -> {
      try {
        if (!sock.finishConnect()) {
          return false;
        }
        f.setResult(null);
      } catch (IOException e) {
        f.setException(e);
      }
      return true;
    });
    return f;
  }

  Future<SocketChannel> accept(ServerSocketChannel sock) {
    Objects.requireNonNull(sock, "sock");
    ChannelRegistration reg = prepare(sock);
    Future<SocketChannel> f = ctx.loop.createFuture();
    if (tryAccept(sock, f)) {
      return f;
    }
    onReadable(reg, f, () -> tryAccept(sock, f));
    return f;
  }

  private static boolean tryAccept(ServerSocketChannel sock, Future<SocketChannel> f) {
    try {
      SocketChannel conn = sock.accept();
      if (conn == null) {
        return false;
      }
      conn.configureBlocking(false);
      f.setResult(conn);
    } catch (IOException e) {
      f.setException(e);
    }
    return true;
  }

  /** An attempt at an operation: true once it completed its future. */
  @FunctionalInterface
  interface Attempt {
    boolean run();
  }

  /** Retries {@code attempt} whenever the channel is readable, until {@code f} is done. */
  void onReadable(ChannelRegistration reg, Future<?> f, Attempt attempt) {
    Handle[] self = new Handle[1];
    self[0] = new Handle(ctx.loop, () -> {
      if (!f.done() && attempt.run() && reg.reader() == self[0]) {
        reg.removeReader();
      }
    });
    reg.setReader(self[0]);
    f.addDoneCallback(done -> {
      if (!self[0].cancelled() && reg.reader() == self[0]) {
        reg.removeAndCancelReader();
      }
    });
  }

  /** Retries {@code attempt} whenever the channel is writable, until {@code f} is done. */
  void onWritable(ChannelRegistration reg, Future<?> f, Attempt attempt) {
    Handle[] self = new Handle[1];
    self[0] = new Handle(ctx.loop, () -> {
      if (!f.done() && attempt.run() && reg.writer() == self[0]) {
        reg.removeWriter();
      }
    });
    reg.setWriter(self[0]);
    f.addDoneCallback(done -> {
      if (!self[0].cancelled() && reg.writer() == self[0]) {
        reg.removeAndCancelWriter();
      }
    });
  }
}
