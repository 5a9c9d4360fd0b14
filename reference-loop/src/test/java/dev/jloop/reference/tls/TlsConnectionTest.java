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
import dev.jloop.reference.net.LoopRunner;
import dev.jloop.reference.proctest.NoLeaks;
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
@ExtendWith(NoLeaks.class)
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
    return Async.await(loop.createServer(Peer.accepting(loop, true, accepted),
        ServerOptions.builder().host("127.0.0.1").port(0).ssl(pki.serverContext()).sslParameters(params).build()));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
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

  ConnectionResult<Peer> connect(Server server, javax.net.ssl.SSLContext ctx, String host) {
    return Async.await(loop.createConnection(() -> new Peer(loop, false),
        ConnectionOptions.builder().host(host).port(port(server)).ssl(ctx).build()));
  }

  void closeBoth(ConnectionResult<Peer> c, Server server) {
    c.transport().close();
    Async.await(c.protocol().lost);
    server.close();
    Async.await(server.waitClosed());
  }

  /** SNI carries the server name; an IP literal is checked against the IP SAN and not sent. */
  @Test
  void serverNameIsSentAsSniAndCheckedAgainstTheCertificate() {
    LoopRunner.run(loop, () -> {
      List<Peer> accepted = new java.util.ArrayList<>();
      Server server = echoServer(null, accepted);
      ConnectionResult<Peer> byName = connect(server, pki.clientContext(), "localhost");
      Async.await(accepted.get(0).made);
      var names = ((javax.net.ssl.ExtendedSSLSession) ((SSLEngine) accepted.get(0).transport
          .getExtraInfo("ssl_object")).getSession()).getRequestedServerNames();
      assertEquals(List.of(new javax.net.ssl.SNIHostName("localhost")), names);
      ConnectionResult<Peer> byIp = connect(server, pki.clientContext(), "127.0.0.1");
      Async.await(accepted.get(1).made);
      var ipNames = ((javax.net.ssl.ExtendedSSLSession) ((SSLEngine) accepted.get(1).transport
          .getExtraInfo("ssl_object")).getSession()).getRequestedServerNames();
      assertTrue(ipNames.isEmpty(), "no SNI for an IP literal: " + ipNames);
      assertEquals("HTTPS", ((SSLEngine) byIp.transport().getExtraInfo("ssl_object"))
          .getSSLParameters().getEndpointIdentificationAlgorithm());
      byName.transport().close();
      Async.await(byName.protocol().lost);
      closeBoth(byIp, server);
      return null;
    });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"required", "optional"})
  void clientCertificates(String mode) {
    LoopRunner.run(loop, () -> {
      SSLParameters params = new SSLParameters();
      if (mode.equals("required")) {
        params.setNeedClientAuth(true);
      } else {
        params.setWantClientAuth(true);
      }
      List<Peer> accepted = new java.util.ArrayList<>();
      Server server = echoServer(params, accepted);
      ConnectionResult<Peer> withCert = connect(server, pki.context(pki.client, true), "localhost");
      Async.await(accepted.get(0).made);
      assertEquals(pki.client.chain()[0], accepted.get(0).transport.getExtraInfo("peercert"));
      withCert.transport().close();
      Async.await(withCert.protocol().lost);
      if (mode.equals("optional")) {
        ConnectionResult<Peer> without = connect(server, pki.clientContext(), "localhost");
        Async.await(accepted.get(1).made);
        assertNull(accepted.get(1).transport.getExtraInfo("peercert"), "optional: no certificate is fine");
        closeBoth(without, server);
      } else {
        Throwable e = Async.await(failure(server, pki.clientContext()));
        assertInstanceOf(javax.net.ssl.SSLException.class, e, "required: a client without a certificate is refused");
        server.close();
        Async.await(server.waitClosed());
      }
      return null;
    });
  }

  /** The error a connection attempt ends with (the future's exception), or null if it connected. */
  dev.jloop.Future<Throwable> failure(Server server, javax.net.ssl.SSLContext ctx) {
    dev.jloop.Future<Throwable> out = loop.createFuture();
    loop.createConnection(() -> new Peer(loop, false),
        ConnectionOptions.builder().host("localhost").port(port(server)).ssl(ctx).build())
        .addDoneCallback(f -> {
          if (f.exception() != null) {
            out.setResult(f.exception());
          } else {
            // TLS 1.3: the client finishes before the server checks its (missing) certificate
            Peer p = f.result().protocol();
            p.lost.addDoneCallback(l -> out.setResult(l.result()));
            f.result().transport().write(new byte[] {1});
          }
        });
    return out;
  }

  /** The JDK resumes sessions through the context's session cache, keyed by name and port. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void sessionResumption(String version) {
    LoopRunner.run(loop, () -> {
      List<Peer> accepted = new java.util.ArrayList<>();
      Server server = echoServer(protocols(version), accepted);
      javax.net.ssl.SSLContext ctx = pki.clientContext();
      ConnectionResult<Peer> first = connect(server, ctx, "localhost");
      first.transport().write(new byte[] {1}); // TLS 1.3: the ticket arrives after the handshake
      Async.await(first.protocol().receive(1));
      var s1 = ((SSLEngine) first.transport().getExtraInfo("ssl_object")).getSession();
      first.transport().close();
      Async.await(first.protocol().lost);
      ConnectionResult<Peer> second = connect(server, ctx, "localhost");
      var s2 = ((SSLEngine) second.transport().getExtraInfo("ssl_object")).getSession();
      assertEquals(s1.getCreationTime(), s2.getCreationTime(), "the second connection resumed the first session");
      if (version.equals("TLSv1.2")) {
        assertArrayEquals(s1.getId(), s2.getId(), "TLS 1.2 resumes by session id");
      }
      second.transport().close();
      Async.await(second.protocol().lost);
      Async.sleep(0.01);
      ConnectionResult<Peer> fresh = connect(server, pki.clientContext(), "localhost"); // another cache
      var s3 = ((SSLEngine) fresh.transport().getExtraInfo("ssl_object")).getSession();
      assertTrue(s3.getCreationTime() != s1.getCreationTime(), "a new context does a full handshake");
      closeBoth(fresh, server);
      return null;
    });
  }

  /** asyncio: create_unix_connection(ssl=..., server_hostname=...) and create_unix_server(ssl=...). */
  @Test
  void tlsOverUnixSockets(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    LoopRunner.run(loop, () -> {
      java.nio.file.Path path = dir.resolve("tls.sock");
      Server server = Async.await(loop.createUnixServer(() -> new Peer(loop, true),
          dev.jloop.io.UnixServerOptions.builder().path(path).ssl(pki.serverContext()).build()));
      ConnectionResult<Peer> c = Async.await(loop.createUnixConnection(() -> new Peer(loop, false),
          dev.jloop.io.UnixConnectionOptions.builder().path(path).ssl(pki.clientContext())
              .serverHostname("localhost").build()));
      c.transport().write(bytes("over a unix socket"));
      assertEquals("over a unix socket", new String(Async.await(c.protocol().receive(18)), StandardCharsets.UTF_8));
      assertEquals(pki.server.chain()[0], c.transport().getExtraInfo("peercert"));
      closeBoth(c, server);
      return null;
    });
  }

  /** Bad input on the TLS transport: null data, water marks with low above high (asyncio's ValueError). */
  @Test
  void badInputOnTheTlsTransport() {
    LoopRunner.run(loop, () -> {
      Server server = echoServer(null, new java.util.ArrayList<>());
      ConnectionResult<Peer> c = connect(server, pki.clientContext(), "localhost");
      SslTransport t = (SslTransport) c.transport();
      org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> t.write((byte[]) null));
      org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
          () -> t.write((java.nio.ByteBuffer) null));
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(10, 20));
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> t.setReadBufferLimits(10, 20));
      org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> t.setProtocol(null));
      t.setWriteBufferLimits(-1, 1000);
      assertEquals(new dev.jloop.io.WriteTransport.WaterMarks(1000, 4000), t.getWriteBufferLimits());
      assertEquals(new dev.jloop.io.WriteTransport.WaterMarks(64 * 1024, 256 * 1024), t.getReadBufferLimits());
      closeBoth(c, server);
      return null;
    });
  }
}
