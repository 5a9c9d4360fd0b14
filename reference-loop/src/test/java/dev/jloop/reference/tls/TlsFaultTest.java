package dev.jloop.reference.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.net.LoopRunner;
import dev.jloop.reference.proctest.NoLeaks;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each TLS fault fails the connection future with an {@link SSLException} that says what went
 * wrong, within the timeout, and leaks no descriptor (class-level check). asyncio: the
 * handshake errors of test_sslproto / test_ssl, and _check_handshake_timeout.
 */
@ExtendWith(NoLeaks.class)
class TlsFaultTest {
  final SelectorEventLoop loop = new SelectorEventLoop();
  final TestPki pki = TestPki.get();
  final List<Peer> accepted = new ArrayList<>();

  @AfterEach
  void close() {
    loop.close();
  }

  Server server(SSLContext ctx, SSLParameters params) {
    return Async.await(loop.createServer(Peer.accepting(loop, true, accepted),
        ServerOptions.builder().host("127.0.0.1").port(0).ssl(ctx).sslParameters(params).build()));
  }

  /** Connects with {@code options} and returns the error the future failed with. */
  Throwable connectError(ConnectionOptions.Builder options) throws Exception {
    Future<ConnectionResult<Peer>> f = loop.createConnection(() -> new Peer(loop, false), options.build());
    try {
      ConnectionResult<Peer> c = Async.await(f);
      c.transport().abort();
      throw new AssertionError("the connection succeeded: " + c.transport());
    } catch (Exception e) {
      if (!(e instanceof SSLException)) {
        throw e;
      }
      return e;
    }
  }

  static String text(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append(" / ");
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  void expectRefused(SSLContext serverCtx, SSLParameters serverParams, ConnectionOptions.Builder client,
      String... hints) {
    LoopRunner.run(loop, () -> {
      Server server = server(serverCtx, serverParams);
      Throwable e = connectError(client.host("localhost").port(TlsConnectionTest.port(server)));
      assertInstanceOf(SSLException.class, e);
      String msg = text(e);
      assertTrue(java.util.Arrays.stream(hints).anyMatch(msg::contains),
          "the error should say what went wrong (one of " + List.of(hints) + "): " + msg);
      for (Peer p : accepted) {
        assertTrue(p.calls.isEmpty() || !p.calls.contains("made") || Async.await(p.lost) != null,
            "the server's protocol saw no successful connection: " + p.calls);
      }
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void untrustedCertificate() {
    expectRefused(pki.context(pki.untrusted, false), null,
        ConnectionOptions.builder().ssl(pki.clientContext()), "pkix", "certification path", "trust");
  }

  /** asyncio's ssl=True: the default context verifies against the JDK's trust store. */
  @Test
  void defaultContextVerifiesCertificates() {
    expectRefused(pki.serverContext(), null, ConnectionOptions.builder().useDefaultSsl(true),
        "pkix", "certification path", "trust");
  }

  @Test
  void wrongHostname() {
    expectRefused(pki.context(pki.wrongHost, false), null,
        ConnectionOptions.builder().ssl(pki.clientContext()), "localhost", "subject alternative", "match");
  }

  @Test
  void wrongHostnameIsAcceptedWhenTheCheckIsOff() {
    LoopRunner.run(loop, () -> {
      Server server = server(pki.context(pki.wrongHost, false), null);
      ConnectionResult<Peer> c = Async.await(loop.createConnection(() -> new Peer(loop, false),
          ConnectionOptions.builder().host("localhost").port(TlsConnectionTest.port(server))
              .ssl(pki.clientContext()).serverHostname("").build()));
      c.transport().write(new byte[] {7});
      assertEquals(1, Async.await(c.protocol().receive(1)).length);
      c.transport().close();
      Async.await(c.protocol().lost);
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void expiredCertificate() {
    expectRefused(pki.context(pki.expired, false), null,
        ConnectionOptions.builder().ssl(pki.clientContext()), "expired", "notafter", "validity");
  }

  @Test
  void protocolVersionMismatch() {
    SSLParameters only12 = new SSLParameters();
    only12.setProtocols(new String[] {"TLSv1.2"});
    SSLParameters only13 = new SSLParameters();
    only13.setProtocols(new String[] {"TLSv1.3"});
    expectRefused(pki.serverContext(), only12,
        ConnectionOptions.builder().ssl(pki.clientContext()).sslParameters(only13),
        "protocol", "version");
  }

  @Test
  void plainTextPeer() throws Exception {
    byte[] http = "HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try (RawServer raw = new RawServer(http)) {
      LoopRunner.run(loop, () -> {
        Throwable e = connectError(ConnectionOptions.builder().host("localhost").port(raw.port())
            .ssl(pki.clientContext()));
        assertInstanceOf(SSLException.class, e);
        assertTrue(text(e).contains("unrecognized") || text(e).contains("plaintext")
            || text(e).contains("unsupported"), "says the peer did not speak TLS: " + text(e));
        return null;
      });
    }
  }

  /** asyncio: "SSL handshake is taking longer than N seconds: aborting the connection". */
  @Test
  void peerThatStallsMidHandshakeTimesOut() throws Exception {
    try (RawServer raw = new RawServer(null)) {
      LoopRunner.run(loop, () -> {
        double start = loop.time();
        Throwable e = connectError(ConnectionOptions.builder().host("localhost").port(raw.port())
            .ssl(pki.clientContext()).sslHandshakeTimeout(0.5));
        assertInstanceOf(SSLHandshakeException.class, e);
        assertTrue(text(e).contains("longer than 0.5"), text(e));
        assertTrue(loop.time() - start >= 0.5, "never before the timeout");
        return null;
      });
    }
  }

  /** Server side: a client that connects and never says hello is dropped after the timeout. */
  @Test
  void serverDropsAClientThatNeverHandshakes() throws Exception {
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(Peer.accepting(loop, true, accepted),
          ServerOptions.builder().host("127.0.0.1").port(0).ssl(pki.serverContext())
          .sslHandshakeTimeout(0.5).build()));
      int port = TlsConnectionTest.port(server);
      Future<Integer> readResult = Async.wrapFuture(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port));
          s.setSoTimeout(60_000);
          InputStream in = s.getInputStream();
          return in.read();
        } catch (IOException e) {
          return -2;
        }
      }));
      double start = loop.time();
      int r = Async.await(readResult);
      assertTrue(r == -1 || r == -2, "the server closed the silent connection (read gave " + r + ")");
      assertTrue(loop.time() - start >= 0.4, "not before the handshake timeout");
      assertEquals(1, accepted.size());
      assertTrue(accepted.get(0).calls.isEmpty(), "no connectionMade for a failed handshake");
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void badInput() {
    SSLContext ctx = pki.clientContext();
    assertThrowsIae(() -> loop.createConnection(() -> new Peer(loop, false),
        ConnectionOptions.builder().host("localhost").port(1).serverHostname("x").build()));
    assertThrowsIae(() -> loop.createConnection(() -> new Peer(loop, false),
        ConnectionOptions.builder().host("localhost").port(1).sslHandshakeTimeout(1).build()));
    assertThrowsIae(() -> loop.createConnection(() -> new Peer(loop, false),
        ConnectionOptions.builder().host("localhost").port(1).ssl(ctx).useDefaultSsl(true).build()));
    assertThrowsIae(() -> loop.createConnection(() -> new Peer(loop, false),
        ConnectionOptions.builder().port(1).ssl(ctx).build()));
    assertThrowsIae(() -> ConnectionOptions.builder().sslHandshakeTimeout(Double.NaN).build());
    assertThrowsIae(() -> ConnectionOptions.builder().sslShutdownTimeout(-1).build());
    assertThrowsIae(() -> loop.createServer(() -> new Peer(loop, false),
        ServerOptions.builder().port(0).sslShutdownTimeout(1).build()));
    org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
        () -> loop.startTls(null, new Peer(loop, false), ctx, false, null, null, null));
    org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
        () -> loop.startTls(new dev.jloop.tls.SslProtocol(loop, new Peer(loop, false),
            dev.jloop.tls.SslSettings.client(ctx, ""), null, true).appTransport(), new Peer(loop, false),
            null, false, null, null, null));
    loop.close();
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> loop.createConnection(() -> new Peer(loop, false),
            ConnectionOptions.builder().host("localhost").port(1).ssl(ctx).build()));
  }

  static void assertThrowsIae(org.junit.jupiter.api.function.Executable e) {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, e);
  }
}
