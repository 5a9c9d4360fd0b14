package dev.jloop.reference.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Closing a TLS connection: close_notify, abort, shutdown timeouts (asyncio's sslproto shutdown flow). */
@ExtendWith(NoLeaks.class)
class TlsCloseTest {
  final SelectorEventLoop loop = new SelectorEventLoop();
  final TestPki pki = TestPki.get();
  final List<Peer> accepted = new ArrayList<>();

  @AfterEach
  void close() {
    loop.close();
  }

  Server echoServer(ServerOptions.Builder b) {
    return Async.await(loop.createServer(Peer.accepting(loop, true, accepted),
        b.host("127.0.0.1").port(0).ssl(pki.serverContext()).build()));
  }

  ConnectionResult<Peer> connect(int port, Double shutdownTimeout) {
    ConnectionOptions.Builder b = ConnectionOptions.builder().host("localhost").port(port).ssl(pki.clientContext());
    if (shutdownTimeout != null) {
      b.sslShutdownTimeout(shutdownTimeout);
    }
    return Async.await(loop.createConnection(() -> new Peer(loop, false), b.build()));
  }

  /**
   * abort() sends no close_notify; the peer sees TCP EOF without it, which asyncio reports as
   * a plain EOF: eof_received() then connection_lost(None).
   */
  @Test
  void abortSendsNoCloseNotifyAndThePeerSeesAPlainEof() {
    LoopRunner.run(loop, () -> {
      Server server = echoServer(ServerOptions.builder());
      ConnectionResult<Peer> c = connect(TlsConnectionTest.port(server), null);
      c.transport().write(new byte[] {1, 2, 3});
      Async.await(c.protocol().receive(3));
      c.transport().abort();
      assertTrue(c.transport().isClosing());
      assertNull(Async.await(c.protocol().lost));
      Peer srv = accepted.get(0);
      assertNull(Async.await(srv.lost), "EOF without close_notify is not an error (asyncio)");
      assertEquals(List.of("made", "data", "eof", "lost"), srv.calls);
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  /** Writes after close are dropped; TLS cannot half-close (asyncio raises NotImplementedError). */
  @Test
  void writesAfterCloseAreDroppedAndWriteEofIsRefused() {
    LoopRunner.run(loop, () -> {
      Server server = echoServer(ServerOptions.builder());
      ConnectionResult<Peer> c = connect(TlsConnectionTest.port(server), null);
      assertFalse(c.transport().canWriteEof());
      assertThrows(UnsupportedOperationException.class, () -> c.transport().writeEof());
      c.transport().close();
      c.transport().write(new byte[] {9}); // dropped, like asyncio's
      assertEquals(0, c.transport().getWriteBufferSize());
      assertNull(Async.await(c.protocol().lost));
      assertFalse(accepted.get(0).calls.contains("data"), "nothing written after close arrived");
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  /** The client's close waits for the peer's close_notify, at most sslShutdownTimeout. */
  @Test
  void clientShutdownTimeout() throws Exception {
    try (BlockingTlsPeer peer = BlockingTlsPeer.server(pki.serverContext())) {
      LoopRunner.run(loop, () -> {
        ConnectionResult<Peer> c = connect(peer.port(), 0.5);
        Async.await(Async.wrapFuture(peer.handshaken));
        double start = loop.time();
        c.transport().close();
        Throwable e = Async.await(c.protocol().lost);
        assertInstanceOf(SSLException.class, e, "the peer never answered close_notify");
        assertTrue(loop.time() - start >= 0.5, "never before the shutdown timeout");
        return null;
      });
    }
  }

  /** Server side: sslShutdownTimeout from ServerOptions applies to every connection. */
  @Test
  void serverShutdownTimeout() throws Exception {
    List<Future<Throwable>> lostFutures = new ArrayList<>();
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(() -> new Peer(loop, false) {
        @Override
        public void connectionMade(dev.jloop.io.BaseTransport t) {
          super.connectionMade(t);
          lostFutures.add(lost);
          t.close(); // close at once: close_notify goes out, the client never answers
        }
      }, ServerOptions.builder().host("127.0.0.1").port(0).ssl(pki.serverContext())
          .sslShutdownTimeout(0.5).build()));
      try (BlockingTlsPeer client = BlockingTlsPeer.client(pki.clientContext(), TlsConnectionTest.port(server))) {
        while (lostFutures.isEmpty()) {
          Async.sleep(0.01);
        }
        assertInstanceOf(SSLException.class, Async.await(lostFutures.get(0)));
      }
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  /** Cancelling create_connection during the handshake closes the socket (nothing leaks). */
  @Test
  void cancelDuringHandshake() throws Exception {
    try (RawServer peer = new RawServer(null)) {
      LoopRunner.run(loop, () -> {
        Future<ConnectionResult<Peer>> f = loop.createConnection(() -> new Peer(loop, false),
            ConnectionOptions.builder().host("localhost").port(peer.port()).ssl(pki.clientContext()).build());
        while (peer.conns.isEmpty()) {
          Async.sleep(0.01);
        }
        f.cancel();
        assertThrows(dev.jloop.CancelledException.class, () -> Async.await(f));
        return null;
      });
    }
  }
}
