package dev.jloop.tls;

import dev.jloop.io.BaseProtocol;
import dev.jloop.io.Transport;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The application's side of a TLS connection: asyncio's {@code _SSLProtocolTransport}. Writes
 * are encrypted and handed to the loop's transport; reads deliver decrypted bytes.
 *
 * <p>Extra information: {@code sslcontext} (the {@link javax.net.ssl.SSLContext}), and once the
 * handshake is done {@code ssl_object} (the {@link javax.net.ssl.SSLEngine}; its
 * {@code getSession()} is the session), {@code peercert} (the peer's
 * {@link java.security.cert.X509Certificate}, or {@code null} if it sent none), {@code cipher}
 * (a {@link CipherInfo}) and {@code compression} (always {@code null}); every other key
 * ({@code peername}, {@code sockname}, {@code socket}, ...) comes from the loop's transport.
 *
 * <p>TLS cannot half-close: {@link #writeEof()} throws and {@link #canWriteEof()} is false, as
 * in asyncio. Loop thread only.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class SslTransport implements Transport {
  private final SslProtocol ssl;
  private final SslWriter writer;
  private final SslReadFlow readFlow;
  private boolean closed;
  private javax.net.ssl.SSLEngine engine;
  private java.security.cert.X509Certificate peerCert;
  private CipherInfo cipher;

  SslTransport(SslProtocol ssl, SslWriter writer, SslReadFlow readFlow) {
    this.ssl = ssl;
    this.writer = writer;
    this.readFlow = readFlow;
  }

  /** The handshake is done: the session's information becomes available. */
  void handshakeDone(javax.net.ssl.SSLEngine engine, java.security.cert.X509Certificate peerCert) {
    this.engine = engine;
    this.peerCert = peerCert;
    this.cipher = CipherInfo.of(engine.getSession());
  }

  void markClosed() {
    closed = true;
  }

  @Override
  public Object getExtraInfo(String name) {
    return switch (Objects.requireNonNull(name, "name")) {
      case "sslcontext" -> ssl.settings().context();
      case "ssl_object" -> engine;
      case "peercert" -> peerCert;
      case "cipher" -> cipher;
      case "compression" -> null; // the JDK never compresses TLS records
      default -> ssl.transport() == null ? null : ssl.transport().getExtraInfo(name);
    };
  }

  @Override
  public boolean isClosing() {
    return closed;
  }

  /**
   * Delivers what was received, flushes the buffer, sends close_notify and waits (up to the
   * shutdown timeout) for the peer's; then {@code connectionLost(null)}, or with an
   * {@link javax.net.ssl.SSLException} on timeout. During the handshake it aborts. Idempotent.
   */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      ssl.startShutdown();
    }
  }

  /** Closes at once, without close_notify; buffered data is lost. */
  @Override
  public void abort() {
    closed = true;
    ssl.abort(null);
  }

  @Override
  public void setProtocol(BaseProtocol protocol) {
    ssl.setAppProtocol(protocol);
  }

  @Override
  public BaseProtocol getProtocol() {
    return ssl.appProtocol();
  }

  @Override
  public boolean isReading() {
    return !closed && !readFlow.appPaused();
  }

  /**
   * Stops delivering data; nothing more is decrypted, and once the read high-water mark of
   * ciphertext waits, the loop's transport stops reading too.
   */
  @Override
  public void pauseReading() {
    readFlow.pauseApp();
  }

  @Override
  public void resumeReading() {
    ssl.resumeReading();
  }

  @Override
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    if (data.length > 0) {
      ssl.writeAppData(ByteBuffer.wrap(data));
    }
  }

  @Override
  public void write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    if (data.hasRemaining()) {
      ssl.writeAppData(data);
    }
  }

  /** @throws UnsupportedOperationException always: TLS has no half-close */
  @Override
  public void writeEof() {
    throw new UnsupportedOperationException("write_eof() is not supported over TLS");
  }

  @Override
  public boolean canWriteEof() {
    return false;
  }

  /** Plaintext written and not yet encrypted. */
  @Override
  public long getWriteBufferSize() {
    return writer.size();
  }

  /** Defaults: 512 KiB high, a quarter of it low (asyncio's for TLS). */
  @Override
  public void setWriteBufferLimits(int high, int low) {
    writer.limits().set(high, low);
    ssl.limitsChanged();
  }

  @Override
  public WaterMarks getWriteBufferLimits() {
    return writer.limits().marks();
  }

  /**
   * The water marks of received, not yet decrypted ciphertext: above high the loop's
   * transport stops reading, at low it resumes. Defaults: 256 KiB high, a quarter of it low.
   * asyncio: {@code set_read_buffer_limits}. Negative means "not given".
   *
   * @throws IllegalArgumentException if low &gt; high once the defaults are applied
   */
  public void setReadBufferLimits(int high, int low) {
    readFlow.limits().set(high, low);
    ssl.limitsChanged();
  }

  /** asyncio's {@code get_read_buffer_limits()}: (low, high). */
  public WaterMarks getReadBufferLimits() {
    return readFlow.limits().marks();
  }

  /** Ciphertext received and not yet decrypted. asyncio: {@code get_read_buffer_size}. */
  public long getReadBufferSize() {
    return ssl.readBufferSize();
  }

  /** Whether the application protocol is paused for writing. */
  public boolean isProtocolPaused() {
    return writer.isAppPaused();
  }

  @Override
  public String toString() {
    return "SslTransport[" + (closed ? "closed, " : "") + ssl + "]";
  }
}
