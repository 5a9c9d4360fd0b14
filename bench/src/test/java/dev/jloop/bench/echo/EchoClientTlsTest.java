package dev.jloop.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load generator's TLS path against the TLS echo servers in child processes (jloop's
 * {@code create_server(ssl=...)} and Netty's {@code SslHandler}), with a key store made by
 * {@link TlsMaterial}: every echo decrypted and verified, small and multi-record messages alike;
 * a client that does not trust the certificate fails the handshake.
 */
class EchoClientTlsTest {
  @TempDir
  static Path dir;
  private static TlsMaterial tls;
  private static final Map<String, ServerProcess> servers = new LinkedHashMap<>();
  private static final Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();

  @BeforeAll
  static void startServers() throws IOException {
    tls = TlsMaterial.create(dir, EchoHarness.javaCommand());
    List<String> keys = List.of("--keystore", tls.keystore().toString(), "--password", tls.password());
    servers.put("netty", start("netty", NettyEchoServer.class, keys));
    List<String> jloop = new ArrayList<>(List.of("--mode", "tls"));
    jloop.addAll(keys);
    servers.put("jloop", start("jloop", JloopEchoServer.class, jloop));
    for (Map.Entry<String, ServerProcess> e : servers.entrySet()) {
      String ready = e.getValue().await(120, "READY ", "SKIP ");
      assertTrue(ready.startsWith("READY "), e.getKey() + " TLS server: " + ready);
      addresses.put(e.getKey(), new InetSocketAddress("127.0.0.1",
          Integer.parseInt(ready.substring(ready.indexOf('=') + 1))));
    }
  }

  private static ServerProcess start(String name, Class<?> main, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(EchoHarness.javaCommand(), "-cp",
        System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(args);
    return new ServerProcess(name, cmd, dir.resolve(name + ".log"));
  }

  @AfterAll
  static void stopServers() {
    servers.values().forEach(ServerProcess::close);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jloop", "netty"})
  void echoesOverTlsAreVerified(String server) throws Exception {
    InetSocketAddress address = addresses.get(server);
    SSLContext ctx = TlsMaterial.clientContext(tls.keystore(), tls.password());
    List<EchoClient.Result> results = new ArrayList<>();
    EchoClient.run(address, servers.get(server).pid(), ctx, List.of(new EchoClient.Config(2, 1024),
        new EchoClient.Config(2, 100 * 1024)), 0.2, 1, 1, results::add);
    assertEquals(2, results.size());
    for (EchoClient.Result r : results) {
      assertTrue(r.requests() > 0 && r.verified() >= r.requests(), r.json());
    }
  }

  @Test
  void anUntrustedCertificateFailsTheHandshake() throws Exception {
    InetSocketAddress address = addresses.get("netty");
    TlsMaterial stranger = TlsMaterial.create(Files.createDirectory(dir.resolve("other")),
        EchoHarness.javaCommand());
    SSLContext ctx = TlsMaterial.clientContext(stranger.keystore(), stranger.password());
    assertThrows(SSLException.class, () -> EchoClient.run(address, -1, ctx,
        List.of(new EchoClient.Config(1, 1024)), 0, 0.2, 0, r -> { }));
  }
}
