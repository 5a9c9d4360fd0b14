package dev.jloop.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator's TLS path against Netty's TLS echo server in a child process (the
 * {@code netty-nio-1-tls} entry), with a key store made by {@link TlsMaterial}: every echo
 * decrypted and verified, small and multi-record messages alike; a client that does not trust
 * the certificate fails the handshake.
 */
class EchoClientTlsTest {
  @TempDir
  static Path dir;
  private static TlsMaterial tls;
  private static ServerProcess server;
  private static InetSocketAddress address;

  @BeforeAll
  static void startServer() throws IOException {
    tls = TlsMaterial.create(dir, EchoHarness.javaCommand());
    server = new ServerProcess("netty-tls", List.of(EchoHarness.javaCommand(), "-cp",
        System.getProperty("java.class.path"), NettyEchoServer.class.getName(), "--keystore",
        tls.keystore().toString(), "--password", tls.password()), dir.resolve("netty.log"));
    String ready = server.await(120, "READY ");
    address = new InetSocketAddress("127.0.0.1", Integer.parseInt(ready.substring(ready.indexOf('=') + 1)));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void echoesOverTlsAreVerified() throws Exception {
    SSLContext ctx = TlsMaterial.clientContext(tls.keystore(), tls.password());
    List<EchoClient.Result> results = new ArrayList<>();
    EchoClient.run(address, server.pid(), ctx, List.of(new EchoClient.Config(2, 1024),
        new EchoClient.Config(2, 100 * 1024)), 0.2, 1, 1, results::add);
    assertEquals(2, results.size());
    for (EchoClient.Result r : results) {
      assertTrue(r.requests() > 0 && r.verified() >= r.requests(), r.json());
    }
  }

  @Test
  void anUntrustedCertificateFailsTheHandshake() throws Exception {
    TlsMaterial stranger = TlsMaterial.create(Files.createDirectory(dir.resolve("other")),
        EchoHarness.javaCommand());
    SSLContext ctx = TlsMaterial.clientContext(stranger.keystore(), stranger.password());
    assertThrows(SSLException.class, () -> EchoClient.run(address, -1, ctx,
        List.of(new EchoClient.Config(1, 1024)), 0, 0.2, 0, r -> { }));
  }
}
