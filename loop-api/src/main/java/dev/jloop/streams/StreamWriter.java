package dev.jloop.streams;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.Transport;
import dev.jloop.io.WriteTransport;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.apiguardian.api.API;

/**
 * asyncio's {@code StreamWriter}: a {@link WriteTransport} plus {@link #drain()}, which waits
 * while the transport's buffer is over its high-water mark.
 *
 * <p>Loop thread only. Writes never block; call {@code drain()} after writing to let the peer
 * catch up, as asyncio code does with {@code await writer.drain()}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class StreamWriter {
  private WriteTransport transport;
  private final StreamReaderProtocol protocol;
  private final StreamReader reader;
  private final EventLoop loop;

  /**
   * Wraps {@code transport}, whose protocol is {@code protocol}.
   *
   * @param reader the reader of the same connection (its error fails {@code drain}), or
   *     {@code null}
   */
  public StreamWriter(WriteTransport transport, StreamReaderProtocol protocol,
      StreamReader reader, EventLoop loop) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.reader = reader;
    this.loop = Objects.requireNonNull(loop, "loop");
  }

  /**
   * Upgrades the connection to TLS: waits for {@link #drain()}, then runs the loop's
   * {@code startTls} (server side if this writer serves a server's connection); from then on
   * this writer and its reader use the TLS transport. The future fails with the
   * {@link javax.net.ssl.SSLException} of a failed handshake (the connection is closed).
   * asyncio: {@code StreamWriter.start_tls}.
   *
   * @param serverHostname client side: the name the certificate must match ({@code null} or
   *     {@code ""}: no check)
   * @param handshakeTimeout seconds, or {@code null} for the default (60)
   * @param shutdownTimeout seconds, or {@code null} for the default (30)
   * @throws NullPointerException if {@code context} is {@code null}
   * @throws IllegalStateException if the transport is not a bidirectional {@link Transport}
   */
  public Future<Void> startTls(SSLContext context, String serverHostname, Double handshakeTimeout,
      Double shutdownTimeout) {
    Objects.requireNonNull(context, "sslcontext");
    if (!(transport instanceof Transport old)) {
      throw new IllegalStateException("start_tls needs a bidirectional transport, not " + transport);
    }
    boolean serverSide = protocol.isServerSide();
    Future<Void> done = loop.createFuture();
    drain().addDoneCallback(d -> {
      if (done.done()) {
        return;
      }
      if (d.cancelled() || d.exception() != null) {
        fail(done, d);
        return;
      }
      Future<Transport> upgraded;
      try {
        upgraded = loop.startTls(old, protocol, context, serverSide,
            serverSide ? null : serverHostname, handshakeTimeout, shutdownTimeout);
      } catch (RuntimeException e) {
        done.setException(e);
        return;
      }
      upgraded.addDoneCallback(u -> {
        if (!u.cancelled() && u.exception() == null) {
          transport = u.result();
          protocol.replaceTransport(u.result());
        }
        if (done.done()) {
          return;
        }
        if (u.cancelled() || u.exception() != null) {
          fail(done, u);
        } else {
          done.setResult(null);
        }
      });
      done.addDoneCallback(x -> {
        if (x.cancelled()) {
          upgraded.cancel();
        }
      });
    });
    return done;
  }

  private static void fail(Future<Void> done, Future<?> cause) {
    if (cause.cancelled()) {
      done.cancel();
    } else {
      done.setException(cause.exception());
    }
  }

  /** The transport. asyncio: {@code transport}. */
  public WriteTransport transport() {
    return transport;
  }

  /** Writes {@code data} (see {@link WriteTransport#write(byte[])}). */
  public void write(byte[] data) {
    transport.write(data);
  }

  /** Writes the remaining bytes of {@code data}. */
  public void write(ByteBuffer data) {
    transport.write(data);
  }

  /** Writes each chunk in order. */
  public void writelines(List<byte[]> chunks) {
    transport.writelines(chunks);
  }

  /** Half-closes after the buffer is flushed. */
  public void writeEof() {
    transport.writeEof();
  }

  /** Whether {@link #writeEof()} is supported. */
  public boolean canWriteEof() {
    return transport.canWriteEof();
  }

  /** Closes the transport (flushing first). */
  public void close() {
    transport.close();
  }

  /** Whether the transport is closing or closed. */
  public boolean isClosing() {
    return transport.isClosing();
  }

  /**
   * Done when the connection is gone: with {@code null}, or failed with the connection's error.
   * asyncio: {@code wait_closed}.
   */
  public Future<Void> waitClosed() {
    return protocol.closeWaiter();
  }

  /** The transport's extra information (see {@link WriteTransport#getExtraInfo(String)}). */
  public Object getExtraInfo(String name) {
    return transport.getExtraInfo(name);
  }

  /** The transport's extra information, or {@code fallback}. */
  public Object getExtraInfo(String name, Object fallback) {
    return transport.getExtraInfo(name, fallback);
  }

  /**
   * Done when writing may go on: at once below the high-water mark, else when the transport
   * resumes writing. Fails with the reader's error if the connection failed, or with a
   * {@link java.net.SocketException} ("Connection lost", asyncio's
   * {@code ConnectionResetError}) once the connection is gone. On a closing transport it first
   * waits one pass, so that {@code connectionLost} can report the error. asyncio: {@code drain}.
   */
  public Future<Void> drain() {
    Future<Void> f = loop.createFuture();
    Throwable exc = reader == null ? null : reader.exception();
    if (exc != null) {
      f.setException(exc);
      return f;
    }
    if (transport.isClosing()) {
      loop.callSoon(() -> {
        if (!f.done()) {
          protocol.drainHelper(f);
        }
      });
    } else {
      protocol.drainHelper(f);
    }
    return f;
  }

  @Override
  public String toString() {
    return "StreamWriter[transport=" + transport + (reader != null ? ", reader=" + reader : "") + "]";
  }
}
