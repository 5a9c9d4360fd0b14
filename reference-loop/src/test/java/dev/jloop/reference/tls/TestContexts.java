package dev.jloop.reference.tls;

import javax.net.ssl.SSLContext;

/** The test PKI's TLS contexts for tests outside this package (the user guide's TLS sample). */
public final class TestContexts {
  private TestContexts() {}

  /** A server context with a certificate for localhost, 127.0.0.1 and ::1, signed by the test CA. */
  public static SSLContext server() {
    return TestPki.get().serverContext();
  }

  /** A client context that trusts the test CA. */
  public static SSLContext client() {
    return TestPki.get().clientContext();
  }
}
