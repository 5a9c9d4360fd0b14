package dev.jloop.reference.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interop with OpenSSL's own peers, {@code openssl s_server} and {@code openssl s_client}, in
 * both directions, TLS 1.2 and 1.3, without and with client certificates (required: openssl's
 * {@code -Verify}, our {@code setNeedClientAuth}; optional: {@code -verify},
 * {@code setWantClientAuth}); plus renegotiation (refused) and TLS 1.3 key updates.
 */
@ExtendWith(NoLeaks.class)
class OpensslInteropTest {
  final SelectorEventLoop loop = new SelectorEventLoop();
  final TestPki pki = TestPki.get();

  @BeforeAll
  static void needOpenssl() {
    Assumptions.assumeTrue(ChildProcess.available("openssl", "version"), "openssl is not installed");
  }

  @AfterEach
  void close() {
    loop.close();
  }

  static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String flag(String version) {
    return version.equals("TLSv1.2") ? "-tls1_2" : "-tls1_3";
  }

  /** openssl's -msg line for a KeyUpdate it received from us. */
  static final String KEY_UPDATE_IN = "<<< TLS 1.3, Handshake [length 0005], KeyUpdate";
  /** openssl's -msg line for a KeyUpdate it sent. */
  static final String KEY_UPDATE_OUT = ">>> TLS 1.3, Handshake [length 0005], KeyUpdate";

  ChildProcess sServer(int port, String version, String clientAuth, String... extra) throws java.io.IOException {
    List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
        "-cert", pki.server.certPem().toString(), "-key", pki.server.keyPem().toString(),
        "-CAfile", pki.caPem.toString(), "-naccept", "1", flag(version)));
    switch (clientAuth) {
      case "required" -> cmd.addAll(List.of("-Verify", "2", "-verify_return_error"));
      case "optional" -> cmd.addAll(List.of("-verify", "2", "-verify_return_error"));
      default -> { }
    }
    cmd.addAll(List.of(extra));
    return new ChildProcess(cmd);
  }

  ChildProcess sClient(int port, String version, boolean withCert, String... extra) throws java.io.IOException {
    List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
        "-servername", "localhost", "-verify_hostname", "localhost", "-CAfile", pki.caPem.toString(),
        "-verify_return_error", flag(version)));
    if (withCert) {
      cmd.addAll(List.of("-cert", pki.client.certPem().toString(), "-key", pki.client.keyPem().toString()));
    }
    cmd.addAll(List.of(extra));
    return new ChildProcess(cmd);
  }

  ConnectionResult<Peer> connect(int port, SSLContext ctx) {
    return Async.await(loop.createConnection(() -> new Peer(loop, false),
        ConnectionOptions.builder().host("localhost").port(port).ssl(ctx).build()));
  }

  @ParameterizedTest(name = "{0}, client certificate {1}")
  @CsvSource({"TLSv1.2,none", "TLSv1.2,required", "TLSv1.2,optional",
      "TLSv1.3,none", "TLSv1.3,required", "TLSv1.3,optional"})
  void jloopClientToOpensslServer(String version, String clientAuth) throws Exception {
    int port = freePort();
    try (ChildProcess server = sServer(port, version, clientAuth)) {
      LoopRunner.run(loop, () -> {
        server.await("ACCEPT", 30);
        SSLContext ctx = clientAuth.equals("required") ? pki.context(pki.client, true) : pki.clientContext();
        ConnectionResult<Peer> c = connect(port, ctx);
        assertEquals(version, ((SSLEngine) c.transport().getExtraInfo("ssl_object")).getSession().getProtocol());
        c.transport().write(TlsConnectionTest.bytes("from-jloop\n"));
        server.await("from-jloop", 30);
        server.send("from-openssl\n");
        Async.await(c.protocol().receive("from-openssl\n".length()));
        assertTrue(c.protocol().text().contains("from-openssl"));
        c.transport().close();
        assertNull(Async.await(c.protocol().lost), "openssl answered close_notify");
        assertEquals(0, server.awaitExit(30), server.output());
        return null;
      });
    }
  }

  /** s_server -Verify: a client without a certificate is refused. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"TLSv1.2", "TLSv1.3"})
  void opensslServerRequiresAClientCertificate(String version) throws Exception {
    int port = freePort();
    try (ChildProcess server = sServer(port, version, "required")) {
      LoopRunner.run(loop, () -> {
        server.await("ACCEPT", 30);
        Future<ConnectionResult<Peer>> f = loop.createConnection(() -> new Peer(loop, false),
            ConnectionOptions.builder().host("localhost").port(port).ssl(pki.clientContext()).build());
        Throwable failure;
        try {
          ConnectionResult<Peer> c = Async.await(f); // TLS 1.3: the client is done before the server checks
          c.transport().write(TlsConnectionTest.bytes("x\n"));
          failure = Async.await(c.protocol().lost);
        } catch (Exception e) {
          failure = e;
        }
        assertInstanceOf(SSLException.class, failure);
        return null;
      });
    }
  }

  @ParameterizedTest(name = "{0}, client certificate {1}")
  @CsvSource({"TLSv1.2,none", "TLSv1.2,required", "TLSv1.2,optional",
      "TLSv1.3,none", "TLSv1.3,required", "TLSv1.3,optional"})
  void opensslClientToJloopServer(String version, String clientAuth) throws Exception {
    LoopRunner.run(loop, () -> {
      List<Peer> accepted = new ArrayList<>();
      SSLParameters params = new SSLParameters();
      params.setProtocols(new String[] {version});
      params.setNeedClientAuth(clientAuth.equals("required"));
      if (clientAuth.equals("optional")) {
        params.setWantClientAuth(true);
      }
      Server server = Async.await(loop.createServer(Peer.accepting(loop, false, accepted),
          ServerOptions.builder().host("127.0.0.1").port(0).ssl(pki.serverContext()).sslParameters(params).build()));
      boolean withCert = !clientAuth.equals("none");
      try (ChildProcess client = sClient(TlsConnectionTest.port(server), version, withCert)) {
        while (accepted.isEmpty()) {
          Async.sleep(0.02);
        }
        Peer srv = accepted.get(0);
        Async.await(srv.made);
        assertEquals(withCert ? pki.client.chain()[0] : null, srv.transport.getExtraInfo("peercert"));
        srv.transport.write(TlsConnectionTest.bytes("from-jloop\n"));
        client.await("from-jloop", 30);
        client.send("from-openssl\n");
        Async.await(srv.receive("from-openssl\n".length()));
        client.closeInput(); // s_client sends close_notify and exits
        assertNull(Async.await(srv.lost));
        assertTrue(srv.calls.contains("eof"), "close_notify is EOF: " + srv.calls);
        assertEquals(0, client.awaitExit(30), client.output());
        assertTrue(client.output().contains("Verify return code: 0"), client.output());
      }
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  /** TLS 1.2 renegotiation asked by s_client ("R") is refused: the connection fails cleanly. */
  @Test
  void renegotiationFromOpensslClientIsRefused() throws Exception {
    LoopRunner.run(loop, () -> {
      List<Peer> accepted = new ArrayList<>();
      Server server = Async.await(loop.createServer(Peer.accepting(loop, false, accepted),
          ServerOptions.builder().host("127.0.0.1").port(0).ssl(pki.serverContext()).build()));
      try (ChildProcess client = sClient(TlsConnectionTest.port(server), "TLSv1.2", false)) {
        while (accepted.isEmpty()) {
          Async.sleep(0.02);
        }
        Peer srv = accepted.get(0);
        Async.await(srv.made);
        client.send("before\n");
        Async.await(srv.receive(7));
        client.send("R\n");
        Throwable e = Async.await(srv.lost);
        assertInstanceOf(SSLException.class, e);
        assertTrue(e.getMessage().contains("renegotiation"), e.getMessage());
        client.awaitExit(30);
      }
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  /** TLS 1.2 renegotiation asked by s_server ("r", a HelloRequest) is refused by our client. */
  @Test
  void renegotiationFromOpensslServerIsRefused() throws Exception {
    int port = freePort();
    try (ChildProcess server = sServer(port, "TLSv1.2", "none")) {
      LoopRunner.run(loop, () -> {
        server.await("ACCEPT", 30);
        ConnectionResult<Peer> c = connect(port, pki.clientContext());
        c.transport().write(TlsConnectionTest.bytes("hi\n"));
        server.await("hi", 30);
        server.send("r\n");
        Throwable e = Async.await(c.protocol().lost);
        assertInstanceOf(SSLException.class, e, "the HelloRequest ends the connection");
        return null;
      });
    }
  }

  /** TLS 1.3 key updates (s_client "K": update, and ask us to update too) keep data flowing. */
  @Test
  void keyUpdatesFromOpensslClient() throws Exception {
    LoopRunner.run(loop, () -> {
      List<Peer> accepted = new ArrayList<>();
      Server server = Async.await(loop.createServer(Peer.accepting(loop, true, accepted),
          ServerOptions.builder().host("127.0.0.1").port(0).ssl(pki.serverContext()).build()));
      try (ChildProcess client = sClient(TlsConnectionTest.port(server), "TLSv1.3", false, "-msg")) {
        while (accepted.isEmpty()) {
          Async.sleep(0.02);
        }
        Peer srv = accepted.get(0);
        Async.await(srv.made);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5; i++) {
          String line = "line-" + i + "\n";
          client.send(line);
          expected.append(line);
          client.await(line.trim(), 30);
          client.send("K\n"); // s_client: KeyUpdate, update_requested
          client.awaitCount(KEY_UPDATE_IN, i + 1, 30); // our engine answered with its own
        }
        Async.await(srv.receive(expected.length()));
        assertEquals(expected.toString(), srv.text(), "every line arrived across the key updates");
        client.closeInput();
        assertNull(Async.await(srv.lost));
        assertEquals(0, client.awaitExit(30), client.output());
      }
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  /** TLS 1.3 key updates asked by s_server ("K") while our client sends. */
  @Test
  void keyUpdatesFromOpensslServer() throws Exception {
    int port = freePort();
    try (ChildProcess server = sServer(port, "TLSv1.3", "none", "-msg")) {
      LoopRunner.run(loop, () -> {
        server.await("ACCEPT", 30);
        ConnectionResult<Peer> c = connect(port, pki.clientContext());
        for (int i = 0; i < 5; i++) {
          c.transport().write(TlsConnectionTest.bytes("msg-" + i + "\n"));
          server.await("msg-" + i, 30);
          server.send("K\n");
          server.awaitCount(KEY_UPDATE_OUT, i + 1, 30);
          server.awaitCount(KEY_UPDATE_IN, i + 1, 30); // our client answered
        }
        server.send("after\n");
        Async.await(c.protocol().receive("after\n".length()));
        c.transport().close();
        assertNull(Async.await(c.protocol().lost));
        return null;
      });
    }
  }
}
