package dev.jloop.tls;

import dev.jloop.CancelledException;
import dev.jloop.EventLoop;
import dev.jloop.ExceptionContext;
import dev.jloop.Future;
import dev.jloop.TimerHandle;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.BufferedProtocol;
import dev.jloop.io.Protocol;
import dev.jloop.io.Transport;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apiguardian.api.API;

/**
 * TLS over any stream {@link Transport}: asyncio's {@code SSLProtocol}. Toward the loop's
 * transport it is a {@link BufferedProtocol} that receives ciphertext; toward the application
 * it offers an {@link SslTransport} that carries plaintext. A loop gets TLS by giving this
 * protocol to a plain TCP transport; {@link #startTls} upgrades a live connection.
 *
 * <p>States and their guard: {@link SslProtocolState}. Flow control as asyncio's: application
 * writes are buffered (water marks 512 KiB / 128 KiB: {@code pauseWriting}/{@code
 * resumeWriting} on the application protocol); while the loop's transport is paused no more
 * plaintext is encrypted; while the application pauses reading nothing is decrypted, and once
 * 256 KiB of ciphertext wait (read water marks) the loop's transport stops reading.
 *
 * <p>Closing: {@link SslTransport#close()} delivers what was already received, sends the
 * buffered data and close_notify, and waits for the peer's close_notify up to the shutdown
 * timeout. {@code abort()} sends nothing. A peer that closes TCP without close_notify is
 * reported as asyncio reports it: {@code eofReceived()} then {@code connectionLost(null)}.
 *
 * <p>Errors: handshake failures (untrusted or expired certificate, wrong host name, no common
 * protocol, a peer that does not speak TLS, EOF, the handshake timeout) fail the waiter with an
 * {@link SSLException} and abort the transport; the application protocol gets
 * {@code connectionLost(exc)} only if it already had {@code connectionMade} (as after
 * {@code startTls}). A TLS 1.2 renegotiation request fails the connection with an
 * {@link SSLException}. Loop thread only.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class SslProtocol implements BufferedProtocol {
  /** asyncio's {@code FLOW_CONTROL_HIGH_WATER_SSL_READ}: 256 KiB of ciphertext. */
  public static final int DEFAULT_READ_HIGH_WATER = 256 * 1024;
  /** asyncio's {@code FLOW_CONTROL_HIGH_WATER_SSL_WRITE}: 512 KiB of plaintext. */
  public static final int DEFAULT_WRITE_HIGH_WATER = 512 * 1024;
  static final System.Logger LOG = System.getLogger("dev.jloop.tls");
  private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

  /** asyncio's {@code AppProtocolState}: INIT -made-> CON_MADE [-eof-> EOF] -lost-> CON_LOST. */
  private enum AppState { INIT, CON_MADE, EOF, CON_LOST }

  private final EventLoop loop;
  private final SslSettings settings;
  private final SslTransport appTransport;
  private final PlainBacklog backlog = new PlainBacklog();
  private final FlowLimits readLimits = new FlowLimits(DEFAULT_READ_HIGH_WATER);
  private final FlowLimits writeLimits = new FlowLimits(DEFAULT_WRITE_HIGH_WATER);
  private BaseProtocol app;
  private Future<Void> waiter;
  private Transport transport;
  private TlsEngine tls;
  private ByteBuffer scratch;
  private SslProtocolState state = SslProtocolState.UNWRAPPED;
  private AppState appState;
  private Throwable lostError;
  private int lostWrites;
  private boolean eofReceived;
  private boolean sslWritingPaused;
  private boolean sslReadingPaused;
  private boolean appReadingPaused;
  private boolean appWritingPaused;
  private TimerHandle handshakeTimer;
  private TimerHandle shutdownTimer;
  private double handshakeStart;
  private X509Certificate peerCert;
  private CipherInfo cipher;

  /**
   * A protocol that will run TLS, as {@code settings} say, once a transport connects it.
   *
   * @param appProtocol a {@link Protocol} or {@link BufferedProtocol} for the plaintext
   * @param waiter completed when the handshake is done (failed with its error), or {@code null}
   * @param callConnectionMade whether the application protocol gets {@code connectionMade}
   *     after the handshake ({@code false} for {@code startTls}: it is already connected)
   * @throws NullPointerException if {@code loop}, {@code appProtocol} or {@code settings} is
   *     {@code null}
   */
  public SslProtocol(EventLoop loop, BaseProtocol appProtocol, SslSettings settings,
      Future<Void> waiter, boolean callConnectionMade) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.settings = Objects.requireNonNull(settings, "settings");
    setAppProtocol(appProtocol);
    this.waiter = waiter;
    this.appState = callConnectionMade ? AppState.INIT : AppState.CON_MADE;
    this.appTransport = new SslTransport(this);
  }

  /**
   * Upgrades a live connection to TLS: asyncio's {@code loop.start_tls}. The transport's
   * protocol becomes a new {@code SslProtocol} (reading is paused until it is in place); the
   * future completes with the TLS transport {@code protocol} must use from then on, once the
   * handshake is done. On failure or cancellation {@code transport} is closed.
   *
   * @throws NullPointerException if an argument is {@code null}
   */
  public static Future<Transport> startTls(EventLoop loop, Transport transport,
      BaseProtocol protocol, SslSettings settings) {
    Objects.requireNonNull(transport, "transport");
    Future<Void> waiter = loop.createFuture();
    SslProtocol ssl = new SslProtocol(loop, protocol, settings, waiter, false);
    Future<Transport> result = loop.createFuture();
    transport.pauseReading(); // nothing reaches the SslProtocol before its connectionMade
    transport.setProtocol(ssl);
    var made = loop.callSoon(() -> ssl.connectionMade(transport));
    var resume = loop.callSoon(transport::resumeReading);
    waiter.addDoneCallback(w -> {
      if (result.done()) {
        return;
      }
      if (w.cancelled() || w.exception() != null) {
        transport.close();
        made.cancel();
        resume.cancel();
        if (w.cancelled()) {
          result.cancel();
        } else {
          result.setException(w.exception());
        }
      } else {
        result.setResult(ssl.appTransport());
      }
    });
    result.addDoneCallback(r -> {
      if (r.cancelled()) {
        waiter.cancel();
      }
    });
    return result;
  }

  /** The transport the application uses. */
  public SslTransport appTransport() {
    return appTransport;
  }

  /** The current state. */
  public SslProtocolState state() {
    return state;
  }

  private void setState(SslProtocolState next) {
    state = state.switchTo(next);
  }

  void setAppProtocol(BaseProtocol p) {
    Objects.requireNonNull(p, "protocol");
    if (!(p instanceof Protocol) && !(p instanceof BufferedProtocol)) {
      throw new IllegalArgumentException("a TLS transport needs a Protocol or a BufferedProtocol, not " + p);
    }
    app = p;
  }

  BaseProtocol appProtocol() {
    return app;
  }

  // ---- the loop's transport: connection ----

  @Override
  public void connectionMade(BaseTransport t) {
    if (!(t instanceof Transport tt)) {
      throw new IllegalArgumentException("TLS needs a stream Transport, not " + t);
    }
    transport = tt;
    if (state == SslProtocolState.UNWRAPPED_AFTER) {
      tt.abort(); // the application aborted before the connection was made
      return;
    }
    try {
      SocketAddress peer = t.getExtraInfo("peername") instanceof SocketAddress a ? a : null;
      tls = new TlsEngine(settings.createEngine(peer), readLimits.high() + DEFAULT_READ_HIGH_WATER / 4);
    } catch (RuntimeException e) {
      state = state.switchTo(SslProtocolState.UNWRAPPED_AFTER);
      fatalError(e, "SSL engine creation failed");
      return;
    }
    startHandshake();
  }

  @Override
  public void connectionLost(Throwable exc) {
    backlog.clear();
    appTransport.markClosed();
    Throwable reported = exc != null ? exc : lostError;
    if (reported == null && waiter != null) {
      reported = new SSLException("the connection was closed before the TLS handshake completed");
    }
    if (appState == AppState.CON_MADE || appState == AppState.EOF) {
      appState = AppState.CON_LOST;
      BaseProtocol p = app;
      Throwable r = reported;
      loop.callSoon(() -> p.connectionLost(r));
    }
    setState(SslProtocolState.UNWRAPPED_AFTER);
    wakeupWaiter(reported);
    cancelTimers();
  }

  private void cancelTimers() {
    if (handshakeTimer != null) {
      handshakeTimer.cancel();
      handshakeTimer = null;
    }
    if (shutdownTimer != null) {
      shutdownTimer.cancel();
      shutdownTimer = null;
    }
  }

  private void wakeupWaiter(Throwable exc) {
    Future<Void> w = waiter;
    waiter = null;
    if (w == null || w.done()) {
      return;
    }
    if (exc != null) {
      w.setException(exc);
    } else {
      w.setResult(null);
    }
  }

  // ---- the loop's transport: data ----

  @Override
  public ByteBuffer getBuffer(int sizeHint) {
    if (tls == null) {
      if (scratch == null) {
        scratch = ByteBuffer.allocate(4096);
      }
      return scratch.clear(); // no engine (it failed): the bytes are dropped
    }
    return tls.readBuffer();
  }

  @Override
  public void bufferUpdated(int nbytes) {
    if (tls == null) {
      return;
    }
    tls.received(nbytes);
    switch (state) {
      case DO_HANDSHAKE -> doHandshake();
      case WRAPPED -> doRead();
      case FLUSHING -> doFlush();
      case SHUTDOWN -> doShutdown();
      default -> { } // UNWRAPPED_AFTER: the connection is over, late bytes are dropped
    }
  }

  @Override
  public boolean eofReceived() {
    eofReceived = true;
    if (loop.isDebug()) {
      LOG.log(System.Logger.Level.DEBUG, this + " received EOF");
    }
    try {
      switch (state) {
        case DO_HANDSHAKE -> {
          SSLHandshakeException e = new SSLHandshakeException(
              "the peer closed the connection during the TLS handshake");
          e.initCause(new SocketException("Connection reset by peer"));
          onHandshakeComplete(e);
        }
        case WRAPPED -> {
          setState(SslProtocolState.FLUSHING);
          if (appReadingPaused) {
            return true; // keep the transport until the application has read what is left
          }
          doFlush();
        }
        case FLUSHING -> {
          doWrite(true);
          setState(SslProtocolState.SHUTDOWN);
          doShutdown();
        }
        case SHUTDOWN -> doShutdown();
        default -> { }
      }
    } catch (SSLException e) {
      fatalError(e, "Fatal error on SSL protocol");
    } catch (RuntimeException e) {
      transport.close();
      throw e;
    }
    return false;
  }

  // ---- handshake ----

  private void startHandshake() {
    if (loop.isDebug()) {
      LOG.log(System.Logger.Level.DEBUG, this + " starts SSL handshake");
      handshakeStart = loop.time();
    }
    setState(SslProtocolState.DO_HANDSHAKE);
    handshakeTimer = loop.callLater(settings.handshakeTimeout(), this::checkHandshakeTimeout);
    try {
      tls.beginHandshake();
    } catch (SSLException | RuntimeException e) {
      onHandshakeComplete(e);
      return;
    }
    doHandshake();
  }

  private void checkHandshakeTimeout() {
    if (state == SslProtocolState.DO_HANDSHAKE) {
      fatalError(new SSLHandshakeException("SSL handshake is taking longer than "
          + settings.handshakeTimeout() + " seconds: aborting the connection"), "SSL handshake timed out");
    }
  }

  private void doHandshake() {
    try {
      tls.pump(false);
      flushOutput();
    } catch (SSLException | RuntimeException e) {
      tls.flushAlert(); // tell the peer why, if the engine has an alert for it
      flushOutput();
      onHandshakeComplete(e);
      return;
    }
    if (tls.handshakeFinished()) {
      onHandshakeComplete(null);
    }
  }

  private void onHandshakeComplete(Throwable exc) {
    if (handshakeTimer != null) {
      handshakeTimer.cancel();
      handshakeTimer = null;
    }
    if (exc != null) {
      setState(SslProtocolState.UNWRAPPED_AFTER);
      fatalError(exc, hasCause(exc, CertificateException.class)
          ? "SSL handshake failed on verifying the certificate" : "SSL handshake failed");
      wakeupWaiter(exc);
      return;
    }
    setState(SslProtocolState.WRAPPED);
    tls.established();
    cipher = CipherInfo.of(tls.engine.getSession());
    try {
      Certificate[] chain = tls.engine.getSession().getPeerCertificates();
      peerCert = chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
    } catch (SSLPeerUnverifiedException noCertificate) {
      peerCert = null;
    }
    if (loop.isDebug()) {
      LOG.log(System.Logger.Level.DEBUG, String.format("%s: SSL handshake took %.1f ms", this,
          (loop.time() - handshakeStart) * 1e3));
    }
    if (appState == AppState.INIT) {
      appState = AppState.CON_MADE;
      app.connectionMade(appTransport);
    }
    wakeupWaiter(null);
    doRead();
  }

  private static boolean hasCause(Throwable t, Class<?> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  // ---- shutdown ----

  /** The application closed its transport, or the peer sent close_notify. */
  void startShutdown() {
    if (state == SslProtocolState.FLUSHING || state == SslProtocolState.SHUTDOWN
        || state == SslProtocolState.UNWRAPPED_AFTER) {
      return;
    }
    appTransport.markClosed();
    if (state == SslProtocolState.DO_HANDSHAKE || state == SslProtocolState.UNWRAPPED) {
      abort(null);
      return;
    }
    setState(SslProtocolState.FLUSHING);
    shutdownTimer = loop.callLater(settings.shutdownTimeout(), this::checkShutdownTimeout);
    doFlush();
  }

  private void checkShutdownTimeout() {
    if (state == SslProtocolState.FLUSHING || state == SslProtocolState.SHUTDOWN) {
      fatalError(new SSLException("SSL shutdown timed out after " + settings.shutdownTimeout()
          + " seconds"), "SSL shutdown timed out");
    }
  }

  private void doFlush() {
    doRead();
    if (state != SslProtocolState.FLUSHING) {
      return; // failed meanwhile
    }
    setState(SslProtocolState.SHUTDOWN);
    doShutdown();
  }

  private void doShutdown() {
    try {
      if (!eofReceived) {
        if (!tls.outboundClosed()) {
          doWrite(true);
          tls.closeOutbound();
        }
        tls.pump(true); // sends close_notify; reads until the peer's
        tls.discardPlain(); // data after our close_notify has nobody to go to
        flushOutput();
        if (!tls.inboundDone()) {
          return;
        }
      }
      flushOutput();
      callEofReceived();
      onShutdownComplete(null);
    } catch (SSLException | RuntimeException e) {
      onShutdownComplete(e);
    }
  }

  private void onShutdownComplete(Exception exc) {
    if (shutdownTimer != null) {
      shutdownTimer.cancel();
      shutdownTimer = null;
    }
    if (exc != null) {
      fatalError(exc, "Fatal error on SSL protocol");
    } else {
      Transport t = transport;
      loop.callSoon(t::close);
    }
  }

  /** Closes without close_notify; {@code connectionLost} follows with {@code exc}. */
  void abort(Throwable exc) {
    appTransport.markClosed();
    if (lostError == null) {
      lostError = exc;
    }
    setState(SslProtocolState.UNWRAPPED_AFTER);
    if (transport != null) {
      transport.abort();
    }
  }

  // ---- outgoing ----

  void writeAppData(ByteBuffer data) {
    if (state == SslProtocolState.FLUSHING || state == SslProtocolState.SHUTDOWN
        || state == SslProtocolState.UNWRAPPED_AFTER) {
      if (lostWrites >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        LOG.log(System.Logger.Level.WARNING, "SSL connection is closed");
      }
      lostWrites++;
      data.position(data.limit());
      return;
    }
    try {
      if (state == SslProtocolState.WRAPPED && backlog.isEmpty() && !sslWritingPaused) {
        ByteBuffer[] one = {data}; // encrypted straight from the caller's buffer: no copy
        while (data.hasRemaining()) {
          long n = tls.wrapApp(one, 0, 1);
          if (n == 0 || tls.outputFull()) {
            flushOutput();
          }
          if (n == 0) {
            break;
          }
        }
        flushOutput();
      }
      backlog.add(data); // what could not be encrypted now (copied)
      if (state == SslProtocolState.WRAPPED) {
        doWrite(false);
      }
    } catch (SSLException e) {
      fatalError(e, "Fatal error on SSL protocol");
    }
    controlAppWriting();
  }

  /** Encrypts the backlog and hands it to the transport; {@code force} ignores its pause. */
  private void doWrite(boolean force) throws SSLException {
    while (!backlog.isEmpty() && (force || !sslWritingPaused)) {
      ByteBuffer[] srcs = backlog.gather();
      long n = tls.wrapApp(srcs, 0, backlog.gathered());
      backlog.consumed(n);
      if (n == 0 || tls.outputFull()) {
        flushOutput();
      }
      if (n == 0) {
        break; // the engine waits for the peer (a handshake message) before taking more
      }
    }
    flushOutput();
    controlAppWriting();
  }

  private void flushOutput() {
    if (tls.hasOutput() && transport != null) {
      transport.write(tls.output());
    }
    tls.sent();
  }

  // ---- incoming ----

  private void doRead() {
    if (state != SslProtocolState.WRAPPED && state != SslProtocolState.FLUSHING) {
      return;
    }
    try {
      if (!appReadingPaused) {
        tls.pump(true);
        flushOutput();
        deliver();
        if (tls.inboundDone() && tls.pendingPlain() == 0 && appState == AppState.CON_MADE) {
          callEofReceived(); // close_notify
          startShutdown();
          return;
        }
        if (!backlog.isEmpty() && state == SslProtocolState.WRAPPED) {
          doWrite(false);
        }
      }
      controlSslReading();
    } catch (Exception ex) {
      fatalError(ex, "Fatal error on SSL protocol");
    }
  }

  /** Hands the decrypted bytes to the application until it pauses. */
  private void deliver() {
    while (tls.pendingPlain() > 0 && !appReadingPaused && appState == AppState.CON_MADE
        && state != SslProtocolState.UNWRAPPED_AFTER) {
      if (app instanceof BufferedProtocol bp) {
        ByteBuffer dst = bp.getBuffer(tls.pendingPlain());
        if (dst == null || !dst.hasRemaining()) {
          throw new IllegalStateException("getBuffer() returned an empty buffer");
        }
        ByteBuffer plain = tls.plain();
        int n = Math.min(dst.remaining(), plain.remaining());
        dst.put(dst.position(), plain, plain.position(), n);
        plain.position(plain.position() + n);
        tls.consumedPlain();
        bp.bufferUpdated(n);
      } else {
        ByteBuffer plain = tls.plain();
        byte[] data = new byte[plain.remaining()];
        plain.get(data);
        tls.consumedPlain();
        ((Protocol) app).dataReceived(data);
      }
    }
  }

  private void callEofReceived() {
    if (appState != AppState.CON_MADE) {
      return;
    }
    appState = AppState.EOF;
    try {
      boolean keepOpen = app instanceof Protocol p ? p.eofReceived() : ((BufferedProtocol) app).eofReceived();
      if (keepOpen) {
        LOG.log(System.Logger.Level.WARNING, "returning true from eofReceived() has no effect when using ssl");
      }
    } catch (RuntimeException e) {
      fatalError(e, "Error calling eof_received()");
    }
  }

  // ---- flow control ----

  private void controlAppWriting() {
    long size = backlog.size();
    if (size > writeLimits.high() && !appWritingPaused) {
      appWritingPaused = true;
      notifyApp(true);
    } else if (size <= writeLimits.low() && appWritingPaused) {
      appWritingPaused = false;
      notifyApp(false);
    }
  }

  private void notifyApp(boolean pause) {
    try {
      if (pause) {
        app.pauseWriting();
      } else {
        app.resumeWriting();
      }
    } catch (RuntimeException e) {
      loop.callExceptionHandler(ExceptionContext.builder(
              pause ? "protocol.pause_writing() failed" : "protocol.resume_writing() failed")
          .exception(e).put(ExceptionContext.TRANSPORT, appTransport)
          .put(ExceptionContext.PROTOCOL, this).build());
    }
  }

  private void controlSslReading() {
    if (transport == null || state == SslProtocolState.UNWRAPPED_AFTER) {
      return;
    }
    int size = tls.pendingCipher();
    if (size >= readLimits.high() && !sslReadingPaused) {
      sslReadingPaused = true;
      transport.pauseReading();
    } else if (size <= readLimits.low() && sslReadingPaused) {
      sslReadingPaused = false;
      transport.resumeReading();
    }
  }

  /** The loop's transport is over its high-water mark: encrypt no more for now. */
  @Override
  public void pauseWriting() {
    sslWritingPaused = true;
  }

  /** The loop's transport drained: encrypt the backlog. */
  @Override
  public void resumeWriting() {
    sslWritingPaused = false;
    if (state == SslProtocolState.WRAPPED) {
      try {
        doWrite(false);
      } catch (SSLException e) {
        fatalError(e, "Fatal error on SSL protocol");
      }
    }
  }

  void pauseReading() {
    appReadingPaused = true;
  }

  void resumeReading() {
    if (!appReadingPaused) {
      return;
    }
    appReadingPaused = false;
    loop.callSoon(() -> {
      switch (state) {
        case WRAPPED -> doRead();
        case FLUSHING -> doFlush();
        case SHUTDOWN -> doShutdown();
        default -> { }
      }
    });
  }

  boolean isReadingPaused() {
    return appReadingPaused;
  }

  FlowLimits readLimits() {
    return readLimits;
  }

  FlowLimits writeLimits() {
    return writeLimits;
  }

  void limitsChanged() {
    controlAppWriting();
    if (tls != null) {
      controlSslReading();
    }
  }

  long writeBufferSize() {
    return backlog.size();
  }

  long readBufferSize() {
    return tls == null ? 0 : tls.pendingCipher();
  }

  boolean isWritingPaused() {
    return appWritingPaused;
  }

  // ---- errors and info ----

  private void fatalError(Throwable exc, String message) {
    if (lostError == null) {
      lostError = exc;
    }
    setState(SslProtocolState.UNWRAPPED_AFTER);
    appTransport.markClosed();
    if (transport != null) {
      transport.abort();
    }
    if (exc instanceof IOException) {
      if (loop.isDebug()) {
        LOG.log(System.Logger.Level.DEBUG, this + ": " + message, exc);
      }
    } else if (!(exc instanceof CancelledException)) {
      loop.callExceptionHandler(ExceptionContext.builder(message).exception(exc)
          .put(ExceptionContext.TRANSPORT, transport).put(ExceptionContext.PROTOCOL, this).build());
    }
  }

  Object extraInfo(String name) {
    boolean wrapped = cipher != null;
    return switch (name) {
      case "sslcontext" -> settings.context();
      case "ssl_object" -> wrapped ? tls.engine : null;
      case "peercert" -> peerCert;
      case "cipher" -> cipher;
      case "compression" -> null; // the JDK never compresses TLS records
      default -> transport == null ? null : transport.getExtraInfo(name);
    };
  }

  @Override
  public String toString() {
    return "SslProtocol[" + state + (settings.serverSide() ? ", server" : ", client")
        + (transport != null ? ", " + transport : "") + "]";
  }
}
