package dev.jloop.tls;

import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The byte plumbing around one {@link SSLEngine}: asyncio's {@code MemoryBIO} pair and
 * {@code SSLObject} calls. Ciphertext from the peer collects in {@code netIn}; decrypted bytes
 * in {@code plainIn}; ciphertext to send in {@code netOut}. All three are kept in write mode
 * (bytes at {@code [0, position)}). Delegated tasks (certificate checks) run inline, as
 * OpenSSL runs them inside {@code do_handshake}. Loop thread only.
 */
final class TlsEngine {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
  /** Ciphertext buffered before the protocol hands it to the transport. */
  static final int FLUSH_AT = 128 * 1024;

  final SSLEngine engine;
  private ByteBuffer netIn;
  private ByteBuffer plainIn;
  private ByteBuffer netOut;
  private final int maxNetIn;
  private boolean growNext;
  private boolean handshakeFinished;
  private boolean established;
  private boolean outboundClosed;

  /**
   * @param maxNetIn how far the read buffer grows on its own when reads keep filling it
   */
  TlsEngine(SSLEngine engine, int maxNetIn) {
    this.engine = engine;
    int packet = engine.getSession().getPacketBufferSize();
    this.maxNetIn = Math.max(maxNetIn, 2 * packet);
    this.netIn = ByteBuffer.allocate(2 * packet);
    this.plainIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    this.netOut = ByteBuffer.allocate(packet);
  }

  // ---- incoming ----

  /**
   * The space the transport reads ciphertext into (from its position to its limit): at least
   * one TLS record, more while the buffer may still grow.
   */
  ByteBuffer readBuffer() {
    int packet = engine.getSession().getPacketBufferSize();
    if (netIn.remaining() < packet || growNext) {
      int want = Math.max(netIn.position() + packet, Math.min(maxNetIn, netIn.capacity() * 2));
      if (want > netIn.capacity()) {
        netIn = ByteBuffer.allocate(want).put(netIn.flip());
      }
      growNext = false;
    }
    return netIn;
  }

  /** {@code n} bytes of ciphertext landed in the buffer {@link #readBuffer()} returned. */
  void received(int n) {
    if (n < 0 || n > netIn.remaining()) {
      throw new IllegalArgumentException("bufferUpdated(" + n + ") does not fit the buffer given");
    }
    growNext = n == netIn.remaining(); // the read filled it: offer more space next time
    netIn.position(netIn.position() + n);
  }

  /** Ciphertext received and not yet decrypted. */
  int pendingCipher() {
    return netIn.position();
  }

  /** Decrypted bytes not yet delivered. */
  int pendingPlain() {
    return plainIn.position();
  }

  /** The decrypted bytes, in read mode; call {@link #consumedPlain()} after reading them. */
  ByteBuffer plain() {
    return plainIn.flip();
  }

  /** Back to write mode after reading from {@link #plain()}. */
  void consumedPlain() {
    plainIn.compact();
  }

  /** Drops what was decrypted and not delivered (the application closed). */
  void discardPlain() {
    plainIn.clear();
  }

  // ---- the engine ----

  void beginHandshake() throws SSLException {
    engine.beginHandshake();
  }

  /** The peer's certificate once the handshake is done, or {@code null} if it sent none. */
  X509Certificate peerCertificate() {
    try {
      Certificate[] chain = engine.getSession().getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
    } catch (SSLPeerUnverifiedException noCertificate) {
      return null;
    }
  }

  /** Whether a result said FINISHED since the handshake began. */
  boolean handshakeFinished() {
    return handshakeFinished;
  }

  /** From now on a new handshake is a renegotiation (refused before TLS 1.3). */
  void established() {
    established = true;
  }

  /** Whether the peer's close_notify arrived. */
  boolean inboundDone() {
    return engine.isInboundDone();
  }

  /** Queues our close_notify (it goes out with the next {@link #pump}). */
  void closeOutbound() {
    outboundClosed = true;
    engine.closeOutbound();
  }

  boolean outboundClosed() {
    return outboundClosed;
  }

  /**
   * Runs the engine until it needs more bytes from the peer: unwraps the records in
   * {@code netIn} (application data only if {@code readApp}), wraps what the engine wants to
   * send (handshake messages, alerts, key updates, close_notify) and runs delegated tasks.
   *
   * @throws SSLException what the engine reported, or a refused renegotiation
   */
  void pump(boolean readApp) throws SSLException {
    netIn.flip();
    try {
      for (;;) {
        HandshakeStatus hs = engine.getHandshakeStatus();
        if (established && isHandshaking(hs)) {
          refuseRenegotiation();
        }
        boolean more = switch (hs) {
          case NEED_TASK -> runTasks();
          case NEED_WRAP -> wrapControl();
          case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrap(hs);
          default -> readApp && unwrap(hs);
        };
        if (!more) {
          return;
        }
      }
    } finally {
      netIn.compact();
    }
  }

  private static boolean isHandshaking(HandshakeStatus hs) {
    return hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED;
  }

  /**
   * TLS 1.3 has no renegotiation (its post-handshake messages, key updates and session
   * tickets, are fine); before 1.3 a new handshake after the first is one, and is refused.
   */
  private void refuseRenegotiation() throws SSLException {
    if ("TLSv1.3".equals(engine.getSession().getProtocol()) || outboundClosed || engine.isInboundDone()) {
      return;
    }
    throw new SSLException("TLS renegotiation requested by the peer was refused (protocol "
        + engine.getSession().getProtocol() + ")");
  }

  private boolean runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
    return true;
  }

  private boolean wrapControl() throws SSLException {
    ensureOutRoom();
    SSLEngineResult r = engine.wrap(EMPTY, netOut);
    note(r);
    if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      netOut = grow(netOut, engine.getSession().getPacketBufferSize());
      return true;
    }
    return r.bytesProduced() > 0 || r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP;
  }

  /** One unwrap from {@code netIn} (read mode); whether it made progress. */
  private boolean unwrap(HandshakeStatus hs) throws SSLException {
    if (!netIn.hasRemaining() && hs != HandshakeStatus.NEED_UNWRAP_AGAIN) {
      return false;
    }
    int appSize = engine.getSession().getApplicationBufferSize();
    if (plainIn.remaining() < appSize) {
      plainIn = grow(plainIn, appSize);
    }
    SSLEngineResult r = engine.unwrap(netIn, plainIn);
    note(r);
    return switch (r.getStatus()) {
      case BUFFER_UNDERFLOW -> false; // a partial record: wait for the rest
      case BUFFER_OVERFLOW -> {
        plainIn = grow(plainIn, appSize);
        yield true;
      }
      case CLOSED -> r.bytesConsumed() > 0 || r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
      case OK -> r.bytesConsumed() > 0 || r.bytesProduced() > 0 || r.getHandshakeStatus() != hs;
    };
  }

  private void note(SSLEngineResult r) {
    if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
      handshakeFinished = true;
    }
  }

  // ---- outgoing ----

  /**
   * Encrypts application bytes from {@code srcs[off..off+len)} into {@code netOut} until they
   * are consumed or {@code netOut} reaches {@link #FLUSH_AT}. Returns the bytes consumed (0 when
   * the engine cannot take application data now, e.g. waiting for the peer).
   */
  long wrapApp(ByteBuffer[] srcs, int off, int len) throws SSLException {
    long consumed = 0;
    int packet = engine.getSession().getPacketBufferSize();
    while (netOut.position() < FLUSH_AT) {
      if (netOut.remaining() < packet) {
        netOut = grow(netOut, packet);
      }
      SSLEngineResult r = engine.wrap(srcs, off, len, netOut);
      note(r);
      if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
        throw new SSLException("cannot write: the TLS connection is closed for writing");
      }
      if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
        runTasks();
      }
      consumed += r.bytesConsumed();
      if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
        break;
      }
      if (!hasRemaining(srcs, off, len)) {
        break;
      }
    }
    return consumed;
  }

  private static boolean hasRemaining(ByteBuffer[] srcs, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (srcs[i].hasRemaining()) {
        return true;
      }
    }
    return false;
  }

  /** Whether ciphertext waits in {@code netOut}. */
  boolean hasOutput() {
    return netOut.position() > 0;
  }

  /** Whether {@code netOut} is full enough to be sent before wrapping more. */
  boolean outputFull() {
    return netOut.position() >= FLUSH_AT;
  }

  /** The ciphertext to send, in read mode; call {@link #sent()} once the transport took it. */
  ByteBuffer output() {
    return netOut.flip();
  }

  /** The transport took (copied) the output. */
  void sent() {
    netOut.clear();
  }

  /** Any alert the engine still has to send after a failure, best effort. */
  void flushAlert() {
    try {
      if (!outboundClosed) {
        closeOutbound();
      }
      for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
        ensureOutRoom();
        if (engine.wrap(EMPTY, netOut).bytesProduced() == 0) {
          break;
        }
      }
    } catch (SSLException | RuntimeException e) {
      // the connection is failing anyway: the alert is a courtesy
    }
  }

  private void ensureOutRoom() {
    int packet = engine.getSession().getPacketBufferSize();
    if (netOut.remaining() < packet) {
      netOut = grow(netOut, packet);
    }
  }

  private static ByteBuffer grow(ByteBuffer b, int atLeast) {
    int cap = Math.max(b.capacity() * 2, b.position() + atLeast);
    return ByteBuffer.allocate(cap).put(b.flip());
  }
}
