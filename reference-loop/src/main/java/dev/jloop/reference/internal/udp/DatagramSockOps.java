package dev.jloop.reference.internal.udp;

import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.io.ReceivedDatagram;
import dev.jloop.io.ReceivedInto;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.internal.ChannelWatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * asyncio's datagram {@code sock_*} helpers on a non-blocking {@link DatagramChannel}: try the
 * operation at once; if it would block, watch the channel and retry when it is ready. A
 * cancelled future stops the watch (asyncio's {@code _sock_read_done}/{@code _sock_write_done}).
 * As in asyncio, a second pending receive (or send) on the same channel replaces the first
 * one's watch. Loop thread only.
 */
public final class DatagramSockOps {
  private final SelectorEventLoop loop;

  public DatagramSockOps(SelectorEventLoop loop) {
    this.loop = loop;
  }

  /** An attempt: {@code null} while it would block. */
  @FunctionalInterface
  private interface Attempt<T> {
    T tryOnce() throws IOException;
  }

  public Future<ReceivedDatagram> recvfrom(DatagramChannel sock, int bufsize) {
    checkSock(sock);
    if (bufsize < 0) {
      throw new IllegalArgumentException("bufsize must not be negative, not " + bufsize);
    }
    ByteBuffer buf = ByteBuffer.allocate(bufsize);
    return run(sock, true, () -> {
      buf.clear();
      SocketAddress from = sock.receive(buf);
      return from == null ? null
          : new ReceivedDatagram(Arrays.copyOf(buf.array(), buf.position()), from);
    });
  }

  public Future<ReceivedInto> recvfromInto(DatagramChannel sock, ByteBuffer buf, int nbytes) {
    checkSock(sock);
    Objects.requireNonNull(buf, "buf");
    if (nbytes < 0 || nbytes > buf.remaining()) {
      throw new IllegalArgumentException(
          "nbytes must be in 0.." + buf.remaining() + " (the buffer's remaining space), not " + nbytes);
    }
    if (buf.isReadOnly()) {
      throw new IllegalArgumentException("buf is read-only");
    }
    int want = nbytes == 0 ? buf.remaining() : nbytes;
    return run(sock, true, () -> {
      ByteBuffer view = buf.duplicate();
      view.limit(buf.position() + want);
      SocketAddress from = sock.receive(view);
      if (from == null) {
        return null;
      }
      int n = view.position() - buf.position();
      buf.position(view.position());
      return new ReceivedInto(n, from);
    });
  }

  public Future<Integer> sendto(DatagramChannel sock, byte[] data, SocketAddress address) {
    checkSock(sock);
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(address, "address");
    if (!(address instanceof InetSocketAddress isa) || isa.isUnresolved()) {
      throw new IllegalArgumentException("address must be a resolved InetSocketAddress: " + address);
    }
    byte[] copy = data.clone();
    return run(sock, false, () -> {
      int n = sock.send(ByteBuffer.wrap(copy), address);
      // an empty datagram reports 0 whether or not it went out: count it as sent
      return n > 0 || copy.length == 0 ? n : null;
    });
  }

  private static void checkSock(DatagramChannel sock) {
    Objects.requireNonNull(sock, "sock");
    if (sock.isBlocking()) {
      throw new IllegalArgumentException("the socket must be non-blocking");
    }
  }

  private <T> Future<T> run(DatagramChannel sock, boolean read, Attempt<T> attempt) {
    Future<T> f = loop.createFuture();
    if (complete(f, attempt)) {
      return f;
    }
    ChannelWatch watch = ChannelWatch.forSockOp(loop, sock);
    Handle[] h = new Handle[1];
    Runnable retry = () -> {
      if (f.done() || complete(f, attempt)) {
        remove(watch, read, h[0]);
      }
    };
    h[0] = read ? watch.setReader(retry) : watch.setWriter(retry);
    f.addDoneCallback(done -> remove(watch, read, h[0]));
    return f;
  }

  private static void remove(ChannelWatch watch, boolean read, Handle h) {
    if (read) {
      watch.removeReader(h);
    } else {
      watch.removeWriter(h);
    }
  }

  /** One attempt; true if the future got its outcome. */
  private static <T> boolean complete(Future<T> f, Attempt<T> attempt) {
    T value;
    try {
      value = attempt.tryOnce();
    } catch (IOException | RuntimeException e) {
      f.setException(e);
      return true;
    }
    if (value == null) {
      return false;
    }
    f.setResult(value);
    return true;
  }
}
