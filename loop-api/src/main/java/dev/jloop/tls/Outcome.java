package dev.jloop.tls;

import dev.jloop.Future;
import dev.jloop.TimerHandle;
import java.net.SocketException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * How one TLS connection ends, for an {@link SslProtocol}: the waiter of its handshake, the
 * first fatal error (reported to {@code connectionLost} when the loop's transport, aborted
 * without an error of its own, says the connection is gone) and the two timeout timers.
 * Loop thread only.
 */
final class Outcome {
  private Future<Void> waiter;
  private Throwable firstError;
  private TimerHandle handshakeTimer;
  private TimerHandle shutdownTimer;

  Outcome(Future<Void> waiter) {
    this.waiter = waiter;
  }

  /** Keeps the first error. */
  void failed(Throwable exc) {
    if (firstError == null) {
      firstError = exc;
    }
  }

  /**
   * What the connection ended with: the transport's error, else the first fatal one, else, if
   * the handshake never completed, an {@link SSLException} saying so.
   */
  Throwable endedWith(Throwable transportError) {
    Throwable e = transportError != null ? transportError : firstError;
    if (e == null && waiter != null) {
      e = new SSLException("the connection was closed before the TLS handshake completed");
    }
    return e;
  }

  /** Completes the waiter once: with {@code exc}, or with success when it is {@code null}. */
  void wakeup(Throwable exc) {
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

  void handshakeTimer(TimerHandle t) {
    handshakeTimer = t;
  }

  void shutdownTimer(TimerHandle t) {
    shutdownTimer = t;
  }

  void cancelHandshakeTimer() {
    if (handshakeTimer != null) {
      handshakeTimer.cancel();
      handshakeTimer = null;
    }
  }

  void cancelShutdownTimer() {
    if (shutdownTimer != null) {
      shutdownTimer.cancel();
      shutdownTimer = null;
    }
  }

  /** EOF during the handshake: asyncio reports ConnectionResetError; here an SSL error caused by one. */
  static SSLHandshakeException eofDuringHandshake() {
    SSLHandshakeException e = new SSLHandshakeException("the peer closed the connection during the TLS handshake");
    e.initCause(new SocketException("Connection reset by peer"));
    return e;
  }

  /** asyncio's message for a failed handshake: says whether a certificate was the reason. */
  static String handshakeFailure(Throwable exc) {
    for (Throwable c = exc; c != null; c = c.getCause()) {
      if (c instanceof CertificateException) {
        return "SSL handshake failed on verifying the certificate";
      }
    }
    return "SSL handshake failed";
  }
}
