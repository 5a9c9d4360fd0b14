package dev.jloop.reference.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.net.LoopRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * nginx in a container as one more real TLS peer, with our generated certificate: an HTTPS
 * request over our TLS client, TLS 1.2 and 1.3. Needs a Docker engine: without one the class
 * is skipped ("disabledWithoutDocker"); the same behaviours are covered by the openssl and
 * CPython peer tests, which need no container.
 */
@Testcontainers(disabledWithoutDocker = true)
class TlsContainerPeerTest {
  static final String CONF = """
      events {}
      http {
        server {
          listen 8443 ssl;
          ssl_certificate /etc/nginx/tls/server.pem;
          ssl_certificate_key /etc/nginx/tls/server.key;
          ssl_protocols TLSv1.2 TLSv1.3;
          location / { return 200 "hello from nginx\\n"; }
        }
      }
      """;
  static GenericContainer<?> nginx;

  @BeforeAll
  static void start() {
    TestPki pki = TestPki.get();
    nginx = new GenericContainer<>("nginx:1.27-alpine")
        .withCopyFileToContainer(MountableFile.forHostPath(pki.server.certPem()), "/etc/nginx/tls/server.pem")
        .withCopyFileToContainer(MountableFile.forHostPath(pki.server.keyPem()), "/etc/nginx/tls/server.key")
        .withCopyToContainer(Transferable.of(CONF), "/etc/nginx/nginx.conf")
        .withExposedPorts(8443)
        .waitingFor(Wait.forListeningPort());
    nginx.start();
  }

  @AfterAll
  static void stop() {
    if (nginx != null) {
      nginx.stop();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void httpsRequestToNginx(String version) {
    TestPki pki = TestPki.get();
    try (SelectorEventLoop loop = new SelectorEventLoop()) {
      LoopRunner.run(loop, () -> {
        javax.net.ssl.SSLParameters p = new javax.net.ssl.SSLParameters();
        p.setProtocols(new String[] {version});
        ConnectionResult<Peer> c = Async.await(loop.createConnection(() -> new Peer(loop, false),
            ConnectionOptions.builder().host(nginx.getHost()).port(nginx.getMappedPort(8443))
                .ssl(pki.clientContext()).serverHostname("localhost").sslParameters(p).build()));
        c.transport().write(TlsConnectionTest.bytes("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n"));
        Async.await(c.protocol().lost); // HTTP/1.0: nginx closes after the response
        assertTrue(c.protocol().text().startsWith("HTTP/1.1 200"), c.protocol().text());
        assertTrue(c.protocol().text().endsWith("hello from nginx\n"), c.protocol().text());
        return null;
      });
    }
  }
}
