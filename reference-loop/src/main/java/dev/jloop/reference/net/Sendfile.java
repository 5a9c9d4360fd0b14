package dev.jloop.reference.net;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.io.SendfileNotAvailableException;
import dev.jloop.io.WriteTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * asyncio's {@code sock_sendfile} and {@code sendfile}. The zero-copy path is
 * {@link FileChannel#transferTo} (sendfile(2) on Linux) driven by writability; it needs the
 * JDK's own file channel. The fallback reads chunks on the executor and sends them, as asyncio
 * does: 256 KiB chunks through {@code sock_sendall}, 16 KiB chunks through a transport's
 * {@code write} honouring its flow control. Loop thread only.
 */
final class Sendfile {
  /** asyncio's {@code SENDFILE_FALLBACK_READBUFFER_SIZE}. */
  static final int SOCK_FALLBACK_BLOCK = 256 * 1024;
  /** asyncio's block size for the transport fallback. */
  static final int TRANSPORT_FALLBACK_BLOCK = 16 * 1024;
  private static final long MAX_TRANSFER = 1L << 30;

  private final NetContext ctx;
  private final SockOps ops;

  Sendfile(NetContext ctx, SockOps ops) {
    this.ctx = ctx;
    this.ops = ops;
  }

  private void check(Object sockOrTransport, FileChannel file, long offset, Long count) {
    ctx.check();
    Objects.requireNonNull(sockOrTransport, "sock/transport");
    Objects.requireNonNull(file, "file");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be a non-negative integer (got " + offset + ")");
    }
    if (count != null && count <= 0) {
      throw new IllegalArgumentException("count must be a positive integer (got " + count + ")");
    }
  }

  private static boolean nativeCapable(FileChannel file) {
    return file.getClass().getName().equals("sun.nio.ch.FileChannelImpl");
  }

  Future<Long> sockSendfile(SocketChannel sock, FileChannel file, long offset, Long count,
      boolean fallback) {
    check(sock, file, offset, count);
    ChannelRegistration reg = ChannelRegistration.of(ctx, sock);
    reg.ensureNoTransport();
    if (nativeCapable(file)) {
      return zeroCopy(reg, sock, file, offset, count);
    }
    if (!fallback) {
      Future<Long> f = ctx.loop.createFuture();
      f.setException(new SendfileNotAvailableException(
          "the zero-copy path is not available for socket " + sock + " and file " + file));
      return f;
    }
    return ctx.loop.createTask(() -> {
      long total = 0;
      try {
        while (true) {
          int block = blockSize(SOCK_FALLBACK_BLOCK, count, total);
          if (block <= 0) {
            return total;
          }
          ByteBuffer buf = readChunk(file, offset + total, block);
          if (buf == null) {
            return total;
          }
          int n = buf.remaining();
          Async.await(ops.sendallUnchecked(reg, sock, buf));
          total += n;
        }
      } finally {
        if (total > 0) {
          file.position(offset + total);
        }
      }
    });
  }

  private static int blockSize(int max, Long count, long total) {
    return count == null ? max : (int) Math.min(max, count - total);
  }

  /** Reads up to {@code size} bytes at {@code pos} on the executor; {@code null} at EOF. */
  private ByteBuffer readChunk(FileChannel file, long pos, int size) {
    ByteBuffer buf = ByteBuffer.allocate(size);
    int read = Async.await(ctx.loop.runInExecutor(null, () -> file.read(buf, pos)));
    return read <= 0 ? null : buf.flip();
  }

  /** {@code transferTo} whenever the socket is writable, until done, EOF or an error. */
  private Future<Long> zeroCopy(ChannelRegistration reg, SocketChannel sock, FileChannel file,
      long offset, Long count) {
    Future<Long> f = ctx.loop.createFuture();
    long[] sent = {0};
    SockOps.Attempt attempt = () -> {
      try {
        while (true) {
          long pos = offset + sent[0];
          long size = file.size();
          long want = count != null ? count - sent[0] : size - pos;
          long n = want <= 0 || pos >= size ? -1 : file.transferTo(pos, Math.min(want, MAX_TRANSFER), sock);
          if (n == 0) {
            return false; // the socket is full
          }
          if (n < 0) {
            break;
          }
          sent[0] += n;
        }
        if (sent[0] > 0) {
          file.position(offset + sent[0]);
        }
        f.setResult(sent[0]);
      } catch (IOException e) {
        f.setException(e);
      }
      return true;
    };
    if (!attempt.run()) {
      ops.onWritable(reg, f, attempt);
    }
    return f;
  }

  Future<Long> sendfile(WriteTransport transport, FileChannel file, long offset, Long count,
      boolean fallback) {
    check(transport, file, offset, count);
    if (transport.isClosing()) {
      throw new IllegalStateException("Transport is closing");
    }
    if (transport instanceof SocketTransport st && nativeCapable(file)) {
      return ctx.loop.createTask(() -> {
        boolean resume = st.isReading();
        st.pauseReading();
        try {
          Async.await(st.makeEmptyWaiter());
          ChannelRegistration reg = ChannelRegistration.of(ctx, st.channel());
          Future<Long> op = zeroCopy(reg, st.channel(), file, offset, count);
          st.trackSendfile(op);
          return Async.await(op);
        } finally {
          st.resetEmptyWaiter();
          if (resume) {
            st.resumeReading();
          }
        }
      });
    }
    if (!fallback) {
      throw new SendfileNotAvailableException(
          "fallback is disabled and native sendfile is not supported for transport " + transport);
    }
    return ctx.loop.createTask(() -> {
      SendfileFallbackProtocol proto = new SendfileFallbackProtocol(ctx.loop, transport);
      long total = 0;
      try {
        while (true) {
          int block = blockSize(TRANSPORT_FALLBACK_BLOCK, count, total);
          if (block <= 0) {
            return total;
          }
          ByteBuffer buf = readChunk(file, offset + total, block);
          if (buf == null) {
            return total;
          }
          Async.await(proto.drain());
          int n = buf.remaining();
          transport.write(buf);
          total += n;
        }
      } finally {
        if (total > 0) {
          file.position(offset + total);
        }
        proto.restore();
      }
    });
  }
}
