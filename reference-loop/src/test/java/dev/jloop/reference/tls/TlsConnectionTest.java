package dev.jloop.reference.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.net.FdLeakCheck;
import dev.jloop.reference.net.LoopRunner;
import dev.jloop.tls.CipherInfo;
import dev.jloop.tls.SslTransport;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** create_connection / create_server with ssl between two jloop ends (asyncio's test_sslproto). */
@ExtendWith(FdLeakCheck.class)
class TlsConnectionTest {
  final SelectorEventLoop loop = new SelectorEventLoop();
  final TestPki pki = TestPki.get();

  @AfterEach
  void close() {
    loop.close();
  }

  static int port(Server s) {
    try {
      return ((InetSocketAddress) s.sockets().get(0).getLocalAddress()).getPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Server echoServer(SSLParameters params, List<Peer> accepted) {
    return Async.await(loop.createServer(() -> {
      Peer p = new Peer(loop, true);
      accepted.add(p);
      return p;
    }, ServerOptions.builder().host("127.0.0.1").port(0).ssl(pki.serverContext()).sslParameters(params).build()));
  }

  static SSLParameters protocols(String... versions) {
    SSLParameters p = new SSLParameters();
    p.setProtocols(versions);
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void echoOverTlsWithExtraInfo(String version) {
    LoopRunner.run(loop, () -> {
      List<Peer> accepted = new java.util.ArrayList<>();
      Server server = echoServer(protocols(version), accepted);
      ConnectionResult<Peer> c = Async.await(loop.createConnection(() -> new Peer(loop, false),
          ConnectionOptions.builder().host("localhost").port(port(server)).ssl(pki.clientContext()).build()));
      Peer client = c.protocol();
      assertEquals(List.of("made"), client.calls, "connectionMade comes once the handshake is done");
      assertInstanceOf(SslTransport.class, c.transport());
      byte[] msg = "hello over TLS".getBytes(StandardCharsets.UTF_8);
      c.transport().write(msg);
      assertArrayEquals(msg, Async.await(client.receive(msg.length)));

      SSLEngine engine = (SSLEngine) c.transport().getExtraInfo("ssl_object");
      assertEquals(version, engine.getSession().getProtocol());
      CipherInfo cipher = (CipherInfo) c.transport().getExtraInfo("cipher");
      assertEquals(version, cipher.protocol());
      assertEquals(engine.getSession().getCipherSuite(), cipher.name());
      X509Certificate peer = (X509Certificate) c.transport().getExtraInfo("peercert");
      assertEquals(pki.server.chain()[0], peer);
      assertNull(c.transport().getExtraInfo("compression"));
      assertNotNull(c.transport().getExtraInfo("sslcontext"));
      assertInstanceOf(InetSocketAddress.class, c.transport().getExtraInfo("peername"));
      assertInstanceOf(InetSocketAddress.class, c.transport().getExtraInfo("sockname"));
      assertInstanceOf(SocketChannel.class, c.transport().getExtraInfo("socket"));
      Peer srv = accepted.get(0);
      assertNull(srv.transport.getExtraInfo("peercert"), "no client certificate was asked for");

      c.transport().close();
      assertNull(Async.await(client.lost), "a clean close: close_notify both ways");
      assertNull(Async.await(srv.lost));
      assertEquals(List.of("data", "eof", "lost"), srv.calls.subList(srv.calls.size() - 3, srv.calls.size()),
          "the server saw close_notify as EOF, then the connection was lost");
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }
}
