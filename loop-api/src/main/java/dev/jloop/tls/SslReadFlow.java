package dev.jloop.tls;

import dev.jloop.io.Transport;

/**
 * Read-side flow control of an {@link SslProtocol}: whether the application paused reading
 * (then nothing is decrypted) and asyncio's {@code _control_ssl_reading}, which pauses the
 * loop's transport while too much ciphertext waits. Loop thread only.
 */
final class SslReadFlow {
  private final FlowLimits limits = new FlowLimits(SslProtocol.DEFAULT_READ_HIGH_WATER);
  private boolean transportPaused;
  private boolean appPaused;

  FlowLimits limits() {
    return limits;
  }

  boolean appPaused() {
    return appPaused;
  }

  void pauseApp() {
    appPaused = true;
  }

  /** Unpauses the application; whether it was paused (then delivery must start again). */
  boolean resumeApp() {
    boolean was = appPaused;
    appPaused = false;
    return was;
  }

  /** Pauses {@code transport} at the high mark of {@code pending} ciphertext, resumes it at the low. */
  void control(Transport transport, int pending) {
    if (pending >= limits.high() && !transportPaused) {
      transportPaused = true;
      transport.pauseReading();
    } else if (pending <= limits.low() && transportPaused) {
      transportPaused = false;
      transport.resumeReading();
    }
  }
}
