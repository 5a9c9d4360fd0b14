package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.Future;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** create_server and the Server object, as asyncio's test_create_server* and test_server*. */
@ExtendWith(NoLeaks.class)
class ServerTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();

  @AfterEach
  void close() {
    loop.close();
  }

  private Recorder connect(int port) throws Exception {
    Recorder r = new Recorder(loop);
    Async.await(loop.createConnection(() -> r, "127.0.0.1", port));
    return r;
  }

  @Test
  void severalHostsEachBoundOnceWithTheirOwnPort() {
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(Echo::new,
          ServerOptions.builder().host("127.0.0.1").host("::1").host("v4.jloop.test").port(0).build()));
      List<ServerSocketChannel> socks = server.sockets();
      assertEquals(2, socks.size(), "127.0.0.1 twice (directly and by name) is bound once: " + socks);
      Set<Integer> ports = new HashSet<>();
      for (ServerSocketChannel s : socks) {
        ports.add(((InetSocketAddress) s.getLocalAddress()).getPort());
        assertTrue(s.getOption(StandardSocketOptions.SO_REUSEADDR), "asyncio's default on POSIX");
      }
      assertEquals(2, ports.size(), "port 0: each socket gets its own port");
      assertTrue(server.isServing());
      assertSame(loop, server.getLoop());
      server.close();
      assertEquals(List.of(), server.sockets());
      assertFalse(server.isServing());
      for (ServerSocketChannel s : socks) {
        assertFalse(s.isOpen());
      }
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void noHostListensOnEveryInterface() {
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(Echo::new, null, 0));
      InetSocketAddress a = (InetSocketAddress) server.sockets().get(0).getLocalAddress();
      assertTrue(a.getAddress().isAnyLocalAddress(), "wildcard: " + a);
      Recorder r = connect(a.getPort());
      Async.await(r.made);
      ((dev.jloop.io.Transport) r.transport).close();
      Async.await(r.lost);
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void reuseOptionsAreApplied() {
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(Echo::new, ServerOptions.builder()
          .host("127.0.0.1").port(0).reuseAddress(false).reusePort(true).backlog(5).build()));
      ServerSocketChannel s = server.sockets().get(0);
      assertFalse(s.getOption(StandardSocketOptions.SO_REUSEADDR));
      assertTrue(s.getOption(StandardSocketOptions.SO_REUSEPORT));
      int port = ((InetSocketAddress) s.getLocalAddress()).getPort();
      // a second server on the same port works only because both set SO_REUSEPORT
      Server twin = Async.await(loop.createServer(Echo::new, ServerOptions.builder()
          .host("127.0.0.1").port(port).reusePort(true).build()));
      server.close();
      twin.close();
      Async.await(server.waitClosed());
      Async.await(twin.waitClosed());
      return null;
    });
  }

  @Test
  void bindingABusyPortFailsTheFuture() {
    Throwable t = LoopRunner.run(loop, () -> {
      Server first = Async.await(loop.createServer(Echo::new, "127.0.0.1", 0));
      int port = TransportOrderTest.port(first);
      try {
        Async.await(loop.createServer(Echo::new, "127.0.0.1", port));
        return null;
      } catch (Exception e) {
        return e;
      } finally {
        first.close();
      }
    });
    assertInstanceOf(java.net.BindException.class, t);
    assertTrue(t.getMessage().contains("error while attempting to bind"), t.getMessage());
  }

  @Test
  void startServingFalseAcceptsOnlyAfterStartServing() {
    LoopRunner.run(loop, () -> {
      List<Recorder> accepted = new ArrayList<>();
      Server server = Async.await(loop.createServer(() -> {
        Recorder r = new Recorder(loop);
        accepted.add(r);
        return r;
      }, ServerOptions.builder().host("127.0.0.1").port(0).startServing(false).build()));
      assertFalse(server.isServing());
      Recorder client = connect(TransportOrderTest.port(server)); // queued in the backlog (JDK binds and listens at once)
      Async.sleep(0.1);
      assertEquals(0, accepted.size(), "no connection is accepted before start_serving()");
      Async.await(server.startServing());
      assertTrue(server.isServing());
      while (accepted.isEmpty()) {
        Async.sleep(0.01);
      }
      Async.await(accepted.get(0).made);
      client.transport.close();
      Async.await(client.lost);
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void serveForeverIsCancelledByCloseAndClosesWhenCancelled() {
    LoopRunner.run(loop, () -> {
      Server a = Async.await(loop.createServer(Echo::new, ServerOptions.builder()
          .host("127.0.0.1").port(0).startServing(false).build()));
      Future<Void> forever = a.serveForever();
      assertTrue(a.isServing(), "serve_forever() starts serving");
      assertThrows(IllegalStateException.class, a::serveForever, "already being awaited");
      a.close();
      assertThrows(CancelledException.class, () -> Async.await(forever));
      assertThrows(IllegalStateException.class, a::serveForever, "closed");

      Server b = Async.await(loop.createServer(Echo::new, "127.0.0.1", 0));
      Future<Void> f = b.serveForever();
      f.cancel();
      Async.await(b.waitClosed());
      assertEquals(List.of(), b.sockets(), "cancelling serve_forever() closes the server");
      return null;
    });
  }

  /** Server.close() leaves accepted connections open; wait_closed() waits for them (3.12). */
  @Test
  void serverClosedWithLiveClientsWaitsForThem() {
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(Echo::new, "127.0.0.1", 0));
      Recorder c1 = connect(TransportOrderTest.port(server));
      Recorder c2 = connect(TransportOrderTest.port(server));
      Future<Void> waiting = server.waitClosed();
      server.close();
      Async.sleep(0.05);
      assertFalse(waiting.done(), "two clients still connected");
      c1.transport.write(new byte[] {1});
      Async.await(c1.receivedAtLeast(1)); // the accepted connection still echoes
      c1.transport.close();
      Async.await(c1.lost);
      Async.sleep(0.05);
      assertFalse(waiting.done(), "one client still connected");
      c2.transport.close();
      Async.await(c2.lost);
      Async.await(waiting);
      Async.await(server.waitClosed()); // done once closed: returns at once
      return null;
    });
  }

  @Test
  void closeClientsAndAbortClients() {
    LoopRunner.run(loop, () -> {
      List<Recorder> accepted = new ArrayList<>();
      Server server = Async.await(loop.createServer(() -> {
        Recorder r = new Recorder(loop);
        accepted.add(r);
        return r;
      }, "127.0.0.1", 0));
      Recorder c1 = connect(TransportOrderTest.port(server));
      while (accepted.isEmpty()) {
        Async.sleep(0.005);
      }
      Async.await(accepted.get(0).made);
      server.closeClients();
      Async.await(c1.eof); // a clean close: the client sees EOF
      assertNull(Async.await(c1.lost));
      Recorder c2 = connect(TransportOrderTest.port(server));
      while (accepted.size() < 2) {
        Async.sleep(0.005);
      }
      Async.await(accepted.get(1).made);
      server.abortClients();
      assertNull(Async.await(accepted.get(1).lost), "asyncio: abort() loses the connection with None");
      Async.await(c2.lost);
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void anExistingListeningSocketCanBeServed() {
    LoopRunner.run(loop, () -> {
      ServerSocketChannel sock = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
      Server server = Async.await(loop.createServer(Echo::new, ServerOptions.builder().sock(sock).build()));
      assertEquals(List.of(sock), server.sockets());
      Recorder r = connect(((InetSocketAddress) sock.getLocalAddress()).getPort());
      r.transport.write(new byte[] {7});
      Async.await(r.receivedAtLeast(1));
      r.transport.close();
      Async.await(r.lost);
      server.close();
      assertFalse(sock.isOpen());
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void connectAcceptedSocketWrapsAConnectionAcceptedElsewhere() {
    LoopRunner.run(loop, () -> {
      try (ServerSocketChannel raw = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
        Recorder client = new Recorder(loop);
        Async.await(loop.createConnection(() -> client, "127.0.0.1",
            ((InetSocketAddress) raw.getLocalAddress()).getPort()));
        SocketChannel accepted = raw.accept();
        ConnectionResult<Echo> s = Async.await(loop.connectAcceptedSocket(Echo::new, accepted));
        client.transport.write(new byte[] {1, 2, 3});
        Async.await(client.receivedAtLeast(3));
        assertEquals(3, s.protocol().bytes);
        client.transport.close();
        Async.await(client.lost);
        while (accepted.isOpen()) {
          Async.sleep(0.01);
        }
      }
      return null;
    });
  }

  @Test
  void aFailingProtocolFactoryIsReportedAndTheConnectionDropped() {
    List<Throwable> reported = new ArrayList<>();
    loop.setExceptionHandler((l, ctx) -> reported.add(ctx.exception()));
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(() -> {
        throw new IllegalStateException("factory failed");
      }, "127.0.0.1", 0));
      Recorder r = connect(TransportOrderTest.port(server));
      Async.await(r.lost);
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
    assertEquals(1, reported.size());
    assertEquals("factory failed", reported.get(0).getMessage());
  }

  @Test
  void argumentsAsyncioRejectsAreRejected() throws IOException {
    assertThrows(NullPointerException.class, () -> loop.createServer(null, "127.0.0.1", 0));
    assertThrows(IllegalArgumentException.class, () -> loop.createServer(Echo::new, ServerOptions.builder().build()),
        "Neither host/port nor sock were specified");
    try (ServerSocketChannel unbound = ServerSocketChannel.open()) {
      assertThrows(IllegalArgumentException.class, () -> loop.createServer(Echo::new,
          ServerOptions.builder().port(0).sock(unbound).build()), "host/port and sock");
      assertThrows(IllegalArgumentException.class, () -> loop.createServer(Echo::new,
          ServerOptions.builder().sock(unbound).build()), "not bound");
    }
    assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().backlog(-1).build());
    assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().port(-1).build());
    assertThrows(IllegalArgumentException.class, () -> loop.createServer(Echo::new,
        ServerOptions.builder().port(0).sslHandshakeTimeout(1).build()), "ssl_handshake_timeout without ssl");
    loop.close();
    assertThrows(IllegalStateException.class, () -> loop.createServer(Echo::new, "127.0.0.1", 0));
  }
}
