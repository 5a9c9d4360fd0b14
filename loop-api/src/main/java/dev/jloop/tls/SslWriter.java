package dev.jloop.tls;

import dev.jloop.EventLoop;
import dev.jloop.ExceptionContext;
import dev.jloop.io.Transport;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLException;

/**
 * The outgoing half of an {@link SslProtocol}: application bytes are encrypted straight from
 * the caller's buffer when nothing waits, else queued (copied) in the backlog; ciphertext goes
 * to the loop's transport. Flow control both ways: while the loop's transport is paused nothing
 * more is encrypted; the backlog's water marks pause and resume the application protocol
 * (asyncio's {@code _control_app_writing}). Loop thread only.
 */
final class SslWriter {
  private final EventLoop loop;
  private final SslProtocol ssl;
  private final PlainBacklog backlog = new PlainBacklog();
  private final FlowLimits limits = new FlowLimits(SslProtocol.DEFAULT_WRITE_HIGH_WATER);
  private TlsEngine tls;
  private Transport transport;
  private boolean transportPaused;
  private boolean appPaused;

  SslWriter(EventLoop loop, SslProtocol ssl) {
    this.loop = loop;
    this.ssl = ssl;
  }

  void connect(TlsEngine tls, Transport transport) {
    this.tls = tls;
    this.transport = transport;
  }

  /** Encrypts and sends {@code data} now if {@code wrapped} and nothing waits; else queues it. */
  void write(ByteBuffer data, boolean wrapped) throws SSLException {
    if (wrapped && backlog.isEmpty() && !transportPaused) {
      ByteBuffer[] one = {data}; // no copy
      while (data.hasRemaining()) {
        long n = tls.wrapApp(one, 0, 1);
        if (n == 0 || tls.outputFull()) {
          flush();
        }
        if (n == 0) {
          break;
        }
      }
      flush();
    }
    backlog.add(data); // what could not be encrypted now (copied)
    if (wrapped) {
      drain(false);
    }
    controlApp();
  }

  /** Encrypts the backlog and hands it to the transport; {@code force} ignores its pause. */
  void drain(boolean force) throws SSLException {
    while (!backlog.isEmpty() && (force || !transportPaused)) {
      ByteBuffer[] srcs = backlog.gather();
      long n = tls.wrapApp(srcs, 0, backlog.gathered());
      backlog.consumed(n);
      if (n == 0 || tls.outputFull()) {
        flush();
      }
      if (n == 0) {
        break; // the engine waits for the peer (a handshake message) before taking more
      }
    }
    flush();
    controlApp();
  }

  /** Hands the ciphertext the engine produced (handshake, alerts, data) to the transport. */
  void flush() {
    if (tls.hasOutput() && transport != null) {
      transport.write(tls.output());
    }
    tls.sent();
  }

  boolean isEmpty() {
    return backlog.isEmpty();
  }

  long size() {
    return backlog.size();
  }

  void clear() {
    backlog.clear();
  }

  FlowLimits limits() {
    return limits;
  }

  boolean isAppPaused() {
    return appPaused;
  }

  void transportPaused(boolean paused) {
    transportPaused = paused;
  }

  /** Pauses or resumes the application protocol across the water marks. */
  void controlApp() {
    long size = backlog.size();
    if (size > limits.high() && !appPaused) {
      appPaused = true;
      notifyApp(true);
    } else if (size <= limits.low() && appPaused) {
      appPaused = false;
      notifyApp(false);
    }
  }

  private void notifyApp(boolean pause) {
    try {
      if (pause) {
        ssl.appProtocol().pauseWriting();
      } else {
        ssl.appProtocol().resumeWriting();
      }
    } catch (RuntimeException e) {
      loop.callExceptionHandler(ExceptionContext.builder(
              pause ? "protocol.pause_writing() failed" : "protocol.resume_writing() failed")
          .exception(e).put(ExceptionContext.TRANSPORT, ssl.appTransport())
          .put(ExceptionContext.PROTOCOL, ssl).build());
    }
  }
}
