package dev.jloop.tls;

import dev.jloop.CancelledException;
import dev.jloop.EventLoop;
import dev.jloop.ExceptionContext;
import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.BufferedProtocol;
import dev.jloop.io.Protocol;
import dev.jloop.io.Transport;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
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

  private final EventLoop loop;
  private final SslSettings settings;
  private final SslTransport appTransport;
  private final SslWriter writer;
  private final AppSide app;
  private final SslReadFlow readFlow = new SslReadFlow();
  private final Outcome outcome;
  private Transport transport;
  private TlsEngine tls;
  private SslProtocolState state = SslProtocolState.UNWRAPPED;
  private int lostWrites;
  private boolean eofReceived;
  private double handshakeStart;

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
    this.app = new AppSide(appProtocol, !callConnectionMade);
    this.outcome = new Outcome(waiter);
    this.writer = new SslWriter(loop, this);
    this.appTransport = new SslTransport(this, writer, readFlow);
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
    return StartTls.run(loop, transport, protocol, settings);
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
    app.set(p);
  }

  BaseProtocol appProtocol() {
    return app.protocol();
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
      tls = new TlsEngine(settings.createEngine(peer), readFlow.limits().high() + DEFAULT_READ_HIGH_WATER / 4);
      writer.connect(tls, tt);
    } catch (RuntimeException e) {
      state = state.switchTo(SslProtocolState.UNWRAPPED_AFTER);
      fatalError(e, "SSL engine creation failed");
      return;
    }
    startHandshake();
  }

  @Override
  public void connectionLost(Throwable exc) {
    writer.clear();
    appTransport.markClosed();
    Throwable reported = outcome.endedWith(exc);
    app.lost(loop, reported);
    setState(SslProtocolState.UNWRAPPED_AFTER);
    outcome.wakeup(reported);
    outcome.cancelHandshakeTimer();
    outcome.cancelShutdownTimer();
  }

  // ---- the loop's transport: data ----

  @Override
  public ByteBuffer getBuffer(int sizeHint) {
    if (tls == null) {
      return ByteBuffer.allocate(4096); // no engine (it failed): the bytes are dropped
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
        case DO_HANDSHAKE -> onHandshakeComplete(Outcome.eofDuringHandshake());
        case WRAPPED -> {
          setState(SslProtocolState.FLUSHING);
          if (readFlow.appPaused()) {
            return true; // keep the transport until the application has read what is left
          }
          doFlush();
        }
        case FLUSHING -> {
          writer.drain(true);
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
    outcome.handshakeTimer(loop.callLater(settings.handshakeTimeout(), this::checkHandshakeTimeout));
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
      writer.flush();
    } catch (SSLException | RuntimeException e) {
      tls.flushAlert(); // tell the peer why, if the engine has an alert for it
      writer.flush();
      onHandshakeComplete(e);
      return;
    }
    if (tls.handshakeFinished()) {
      onHandshakeComplete(null);
    }
  }

  private void onHandshakeComplete(Throwable exc) {
    outcome.cancelHandshakeTimer();
    if (exc != null) {
      setState(SslProtocolState.UNWRAPPED_AFTER);
      fatalError(exc, Outcome.handshakeFailure(exc));
      outcome.wakeup(exc);
      return;
    }
    setState(SslProtocolState.WRAPPED);
    tls.established();
    appTransport.handshakeDone(tls.engine, tls.peerCertificate());
    if (loop.isDebug()) {
      LOG.log(System.Logger.Level.DEBUG, String.format("%s: SSL handshake took %.1f ms", this,
          (loop.time() - handshakeStart) * 1e3));
    }
    app.made(appTransport);
    outcome.wakeup(null);
    doRead();
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
    outcome.shutdownTimer(loop.callLater(settings.shutdownTimeout(), this::checkShutdownTimeout));
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
          writer.drain(true);
          tls.closeOutbound();
        }
        tls.pump(true); // sends close_notify; reads until the peer's
        tls.discardPlain(); // data after our close_notify has nobody to go to
        writer.flush();
        if (!tls.inboundDone()) {
          return;
        }
      }
      writer.flush();
      callEofReceived();
      onShutdownComplete(null);
    } catch (SSLException | RuntimeException e) {
      onShutdownComplete(e);
    }
  }

  private void onShutdownComplete(Exception exc) {
    outcome.cancelShutdownTimer();
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
    outcome.failed(exc);
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
      writer.write(data, state == SslProtocolState.WRAPPED);
    } catch (SSLException e) {
      fatalError(e, "Fatal error on SSL protocol");
    }
  }

  // ---- incoming ----

  private void doRead() {
    if (state != SslProtocolState.WRAPPED && state != SslProtocolState.FLUSHING) {
      return;
    }
    try {
      if (!readFlow.appPaused()) {
        tls.pump(true);
        writer.flush();
        deliver();
        if (tls.inboundDone() && tls.pendingPlain() == 0 && app.open()) {
          callEofReceived(); // close_notify
          startShutdown();
          return;
        }
        if (!writer.isEmpty() && state == SslProtocolState.WRAPPED) {
          writer.drain(false);
        }
      }
      controlSslReading();
    } catch (Exception ex) {
      fatalError(ex, "Fatal error on SSL protocol");
    }
  }

  private void deliver() {
    app.deliver(tls, () -> readFlow.appPaused() || state == SslProtocolState.UNWRAPPED_AFTER);
  }

  private void callEofReceived() {
    try {
      app.eof();
    } catch (RuntimeException e) {
      fatalError(e, "Error calling eof_received()");
    }
  }

  // ---- flow control ----

  private void controlSslReading() {
    if (transport != null && state != SslProtocolState.UNWRAPPED_AFTER) {
      readFlow.control(transport, tls.pendingCipher());
    }
  }

  /** The loop's transport is over its high-water mark: encrypt no more for now. */
  @Override
  public void pauseWriting() {
    writer.transportPaused(true);
  }

  /** The loop's transport drained: encrypt the backlog. */
  @Override
  public void resumeWriting() {
    writer.transportPaused(false);
    if (state == SslProtocolState.WRAPPED) {
      try {
        writer.drain(false);
      } catch (SSLException e) {
        fatalError(e, "Fatal error on SSL protocol");
      }
    }
  }

  void resumeReading() {
    if (!readFlow.resumeApp()) {
      return;
    }
    loop.callSoon(() -> {
      switch (state) {
        case WRAPPED -> doRead();
        case FLUSHING -> doFlush();
        case SHUTDOWN -> doShutdown();
        default -> { }
      }
    });
  }

  void limitsChanged() {
    writer.controlApp();
    if (tls != null) {
      controlSslReading();
    }
  }

  long readBufferSize() {
    return tls == null ? 0 : tls.pendingCipher();
  }

  // ---- errors and info ----

  private void fatalError(Throwable exc, String message) {
    outcome.failed(exc);
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

  /** The loop's transport, for the keys TLS does not answer itself; {@code null} before it connects. */
  Transport transport() {
    return transport;
  }

  SslSettings settings() {
    return settings;
  }

  @Override
  public String toString() {
    return "SslProtocol[" + state + (settings.serverSide() ? ", server" : ", client")
        + (transport != null ? ", " + transport : "") + "]";
  }
}
