package dev.jloop.reference.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.Transport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.net.LoopRunner;
import dev.jloop.reference.proctest.NoLeaks;
import dev.jloop.streams.StreamPair;
import dev.jloop.streams.Streams;
import dev.jloop.tls.SslProtocol;
import dev.jloop.tls.SslProtocolState;
import dev.jloop.tls.SslTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** start_tls on live connections, StreamWriter.start_tls, and streams with ssl (asyncio's test_start_tls_*). */
@ExtendWith(NoLeaks.class)
class StartTlsTest {
  final SelectorEventLoop loop = new SelectorEventLoop();
  final TestPki pki = TestPki.get();

  @AfterEach
  void close() {
    loop.close();
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A plain connection upgraded on both sides with loop.startTls; the protocols stay. */
  @Test
  void loopStartTlsUpgradesBothEnds() {
    LoopRunner.run(loop, () -> {
      List<Peer> accepted = new ArrayList<>();
      Server server = Async.await(loop.createServer(Peer.accepting(loop, true, accepted),
          "127.0.0.1", 0));
      ConnectionResult<Peer> c = Async.await(loop.createConnection(() -> new Peer(loop, false),
          "127.0.0.1", TlsConnectionTest.port(server)));
      c.transport().write(b("plain"));
      Async.await(c.protocol().receive(5));
      Peer srv = accepted.get(0);
      Transport serverTcp = Async.await(srv.made);
      Future<Transport> serverTls = loop.startTls(serverTcp, srv, pki.serverContext(), true, null, null, null);
      Future<Transport> clientTls = loop.startTls(c.transport(), c.protocol(), pki.clientContext(), false,
          "localhost", 5.0, 5.0);
      Transport ct = Async.await(clientTls);
      Transport st = Async.await(serverTls);
      assertInstanceOf(SslTransport.class, ct);
      SslProtocol ssl = (SslProtocol) c.transport().getProtocol();
      assertEquals(SslProtocolState.WRAPPED, ssl.state());
      assertSame(c.protocol(), ct.getProtocol());
      c.protocol().transport = ct;
      srv.transport = st;
      ct.write(b("secret"));
      assertEquals("plainsecret", new String(Async.await(c.protocol().receive(11)), StandardCharsets.UTF_8));
      assertNotNull(ct.getExtraInfo("ssl_object"));
      ct.close();
      assertNull(Async.await(c.protocol().lost));
      assertEquals(SslProtocolState.UNWRAPPED_AFTER, ssl.state());
      // asyncio's _do_shutdown calls eof_received once the peer's close_notify arrives
      assertEquals(List.of("made", "data", "data", "eof", "lost"), c.protocol().calls,
          "start_tls gives no second connectionMade");
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  /** A STARTTLS exchange with streams: both ends call StreamWriter.startTls. */
  @Test
  void streamWriterStartTls() {
    LoopRunner.run(loop, () -> {
      List<String> serverLines = new ArrayList<>();
      Server server = Async.await(Streams.startServer(loop, (reader, writer) -> {
        serverLines.add(new String(Async.await(reader.readline()), StandardCharsets.UTF_8));
        writer.write(b("GO\n"));
        Async.await(writer.startTls(pki.serverContext(), null, null, null));
        serverLines.add(new String(Async.await(reader.readline()), StandardCharsets.UTF_8));
        writer.write(b("over tls\n"));
        Async.await(writer.drain());
        writer.close();
      }, ServerOptions.of("127.0.0.1", 0), Streams.DEFAULT_LIMIT));
      StreamPair p = Async.await(Streams.openConnection(loop,
          ConnectionOptions.of("127.0.0.1", TlsConnectionTest.port(server)), Streams.DEFAULT_LIMIT));
      p.writer().write(b("STARTTLS\n"));
      assertEquals("GO\n", new String(Async.await(p.reader().readline()), StandardCharsets.UTF_8));
      Async.await(p.writer().startTls(pki.clientContext(), "localhost", null, null));
      assertInstanceOf(SSLEngine.class, p.writer().getExtraInfo("ssl_object"));
      p.writer().write(b("hello\n"));
      assertEquals("over tls\n", new String(Async.await(p.reader().readline()), StandardCharsets.UTF_8));
      assertEquals(0, Async.await(p.reader().read()).length, "close_notify reads as EOF");
      assertEquals(List.of("STARTTLS\n", "hello\n"), serverLines);
      p.writer().close();
      Async.await(p.writer().waitClosed());
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  /** open_connection / start_server with ssl. */
  @Test
  void streamsWithSsl() {
    LoopRunner.run(loop, () -> {
      Server server = Async.await(Streams.startServer(loop, (reader, writer) -> {
        byte[] line = Async.await(reader.readline());
        writer.write(line);
        Async.await(writer.drain());
        writer.close();
      }, ServerOptions.builder().host("127.0.0.1").port(0).ssl(pki.serverContext()).build(), Streams.DEFAULT_LIMIT));
      StreamPair p = Async.await(Streams.openConnection(loop, ConnectionOptions.builder().host("localhost")
          .port(TlsConnectionTest.port(server)).ssl(pki.clientContext()).build(), Streams.DEFAULT_LIMIT));
      p.writer().write(b("ping\n"));
      assertEquals("ping\n", new String(Async.await(p.reader().readline()), StandardCharsets.UTF_8));
      p.writer().close();
      Async.await(p.writer().waitClosed());
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  /** A failed start_tls handshake fails the future and closes the connection. */
  @Test
  void failedStartTlsClosesTheTransport() {
    LoopRunner.run(loop, () -> {
      List<Peer> accepted = new ArrayList<>();
      Server server = Async.await(loop.createServer(Peer.accepting(loop, false, accepted),
          "127.0.0.1", 0));
      ConnectionResult<Peer> c = Async.await(loop.createConnection(() -> new Peer(loop, false),
          "127.0.0.1", TlsConnectionTest.port(server)));
      Transport serverTcp = Async.await(accepted.get(0).made);
      Future<Transport> st = loop.startTls(serverTcp, accepted.get(0), pki.context(pki.untrusted, false), true, null, null, null);
      Future<Transport> ct = loop.startTls(c.transport(), c.protocol(), pki.clientContext(), false, "localhost", null, null);
      try {
        Async.await(ct);
        throw new AssertionError("the handshake should fail");
      } catch (Exception e) {
        assertInstanceOf(SSLException.class, e);
      }
      assertInstanceOf(SSLException.class, Async.await(c.protocol().lost),
          "the protocol had connectionMade, so it hears how the connection ended");
      try {
        Async.await(st);
      } catch (Exception e) {
        assertInstanceOf(SSLException.class, e);
      }
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }
}
