package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS over loopback with the TCK's test certificate for {@code localhost}/{@code 127.0.0.1}:
 * echo, host-name verification and untrusted peers.
 */
@Area(value = "tls", description = "TLS over loopback: an echo, host-name verification and untrusted certificates.")
public final class TlsScenarios {
  private static final char[] PASSWORD = "jloop-tck".toCharArray();
  private static SSLContext[] contexts;

  TlsScenarios() {}

  /**
   * {server, client} contexts for the TCK's self-signed test certificate (EC P-256, CN and SANs
   * {@code localhost} and {@code 127.0.0.1}, valid until 2126), made with the JDK's keytool and
   * shipped as {@code tls-localhost.p12}; it protects nothing but loopback test traffic.
   */
  private static synchronized SSLContext[] contexts() throws IOException, GeneralSecurityException {
    if (contexts == null) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = TlsScenarios.class.getResourceAsStream("tls-localhost.p12")) {
        ks.load(in, PASSWORD);
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext server = SSLContext.getInstance("TLS");
      server.init(kmf.getKeyManagers(), null, null);
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, tmf.getTrustManagers(), null);
      contexts = new SSLContext[] {server, client};
    }
    return contexts;
  }

  private static Server tlsServer(EventLoop loop, List<Recording> accepted) throws Exception {
    return Async.await(loop.createServer(() -> {
      Recording r = new Recording(loop);
      r.echo = true;
      accepted.add(r);
      return r;
    }, ServerOptions.builder().host("127.0.0.1").port(0).ssl(contexts()[0]).build()));
  }

  /** Connects with {@code client} as the trust and {@code hostname} as the name to verify. */
  private static Object connect(EventLoop loop, Server server, SSLContext client, String hostname) throws Exception {
    try {
      ConnectionResult<Recording> c = Async.await(loop.createConnection(() -> new Recording(loop),
          ConnectionOptions.builder().host("127.0.0.1").port(Recording.port(server)).ssl(client)
              .serverHostname(hostname).build()));
      c.transport().close();
      Async.await(c.protocol().lost);
      return "connected";
    } catch (Exception e) {
      if (e instanceof SSLException) {
        return e;
      }
      throw e;
    }
  }

  @Scenario(id = "tls.echo", level = REQUIRED, apis = {"create_server", "create_connection", "BaseTransport.get_extra_info"},
      budget = 30,
      rule = "A TLS client and server exchange bytes, and the client sees the server's certificate as peercert.",
      reference = "test_events.EventLoopTestsMixin.test_create_server_ssl; test_events.EventLoopTestsMixin.test_create_ssl_connection")
  void echo(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Object> got = s.run(() -> {
      Server server = tlsServer(loop, new ArrayList<>());
      try {
        ConnectionResult<Recording> c = Async.await(loop.createConnection(() -> new Recording(loop),
            ConnectionOptions.builder().host("127.0.0.1").port(Recording.port(server)).ssl(contexts()[1])
                .serverHostname("localhost").build()));
        c.transport().write("secret".getBytes());
        while (c.protocol().bytes.size() < 6) {
          Async.sleep(0.001);
        }
        Object peercert = c.transport().getExtraInfo("peercert");
        c.transport().close();
        Async.await(c.protocol().lost);
        return List.of(c.protocol().bytes.toString(), peercert != null);
      } finally {
        Recording.shutdown(server);
      }
    });
    s.expectEquals("bytes echoed over TLS, peercert present", List.of("secret", true), got);
  }

  @Scenario(id = "tls.hostname-verified", level = REQUIRED, apis = {"create_server", "create_connection"}, budget = 30,
      rule = "A TLS client refuses a server whose certificate does not match server_hostname.",
      reference = "test_events.EventLoopTestsMixin.test_create_server_ssl_match_failed")
  void hostnameVerified(ScenarioContext s) {
    EventLoop loop = s.loop();
    Object seen = s.run(() -> {
      Server server = tlsServer(loop, new ArrayList<>());
      try {
        return connect(loop, server, contexts()[1], "not-this-host.example");
      } finally {
        Recording.shutdown(server);
      }
    });
    s.check(seen instanceof SSLException, "connecting with server_hostname not-this-host.example to a certificate for "
        + "localhost: expected an SSLException, observed %s", ScenarioContext.describe(seen));
  }

  @Scenario(id = "tls.untrusted-refused", level = REQUIRED, apis = {"create_server", "create_connection"}, budget = 30,
      rule = "A TLS client refuses a server whose certificate its context does not trust.",
      reference = "test_events.EventLoopTestsMixin.test_create_server_ssl_verify_failed")
  void untrustedRefused(ScenarioContext s) {
    EventLoop loop = s.loop();
    Object seen = s.run(() -> {
      Server server = tlsServer(loop, new ArrayList<>());
      try {
        SSLContext defaultTrust = SSLContext.getInstance("TLS");
        defaultTrust.init(null, null, null);
        return connect(loop, server, defaultTrust, "localhost");
      } finally {
        Recording.shutdown(server);
      }
    });
    s.check(seen instanceof SSLException, "connecting with the JDK's default trust to a self-signed certificate: "
        + "expected an SSLException, observed %s", ScenarioContext.describe(seen));
  }
}
