package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.Future;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * create_connection: addresses tried in order, errors combined as asyncio does, happy eyeballs,
 * local address, an existing socket, and the arguments asyncio rejects. "dual.jloop.test"
 * resolves to 127.0.0.1 then ::1 through the test hosts file.
 */
@ExtendWith(NoLeaks.class)
class ConnectTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    loop.close();
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  /** A port that nothing listens on, for either family (bound, then closed). */
  private static int freePort() throws IOException {
    try (ServerSocketChannel s = ServerSocketChannel.open().bind(new InetSocketAddress(0))) {
      return ((InetSocketAddress) s.getLocalAddress()).getPort();
    }
  }

  /** A raw IPv6-only listener on ::1 at a port free on IPv4 too. */
  private ServerSocketChannel listenV6() throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET6);
    s.bind(new InetSocketAddress("::1", freePort()));
    toClose.add(s);
    return s;
  }

  private static int port(ServerSocketChannel s) throws IOException {
    return ((InetSocketAddress) s.getLocalAddress()).getPort();
  }

  @Test
  void refusedFailsTheFutureWithConnectException() {
    Throwable t = LoopRunner.run(loop, () -> {
      int port = freePort();
      try {
        Async.await(loop.createConnection(() -> new Recorder(loop), "127.0.0.1", port));
        return null;
      } catch (Exception e) {
        return e;
      }
    });
    assertInstanceOf(ConnectException.class, t);
    assertTrue(t.getMessage().contains("127.0.0.1"), "asyncio names the address: " + t.getMessage());
  }

  /** asyncio tries every address getaddrinfo returned, in order, until one connects. */
  @Test
  void everyResolvedAddressIsTriedInOrder() {
    LoopRunner.run(loop, () -> {
      ServerSocketChannel v6 = listenV6(); // 127.0.0.1 (first) refuses, ::1 (second) accepts
      ConnectionResult<Recorder> c = Async.await(loop.createConnection(
          () -> new Recorder(loop), "dual.jloop.test", port(v6)));
      InetSocketAddress peer = (InetSocketAddress) c.transport().getExtraInfo("peername");
      assertEquals(InetAddress.getByName("::1"), peer.getAddress());
      c.transport().close();
      Async.await(c.protocol().lost);
      return null;
    });
  }

  /** asyncio: "Multiple exceptions: ..." when the errors differ; each one kept here as suppressed. */
  @Test
  void allAddressesFailingCombinesTheErrors() {
    Throwable t = LoopRunner.run(loop, () -> {
      try {
        Async.await(loop.createConnection(() -> new Recorder(loop), "dual.jloop.test", freePort()));
        return null;
      } catch (Exception e) {
        return e;
      }
    });
    assertInstanceOf(ConnectException.class, t);
    assertTrue(t.getMessage().startsWith("Multiple exceptions: "), t.getMessage());
    assertEquals(2, t.getSuppressed().length);
  }

  @Test
  void familyKeepsOnlyThoseAddresses() {
    Throwable t = LoopRunner.run(loop, () -> {
      ServerSocketChannel v6 = listenV6();
      ConnectionOptions v4only = ConnectionOptions.builder().host("dual.jloop.test").port(port(v6))
          .family(StandardProtocolFamily.INET).build();
      try {
        Async.await(loop.createConnection(() -> new Recorder(loop), v4only));
        return null;
      } catch (Exception e) {
        return e;
      }
    });
    assertInstanceOf(ConnectException.class, t, "only 127.0.0.1 was tried, and it refuses");
    assertEquals(0, t.getSuppressed().length);
  }

  /**
   * RFC 8305 as asyncio's staggered_race: the first attempt hangs (its listener's backlog is
   * full, so the SYN is dropped), the second starts after the delay and wins; the loser's socket
   * is closed (the fd check would see it otherwise).
   */
  @Test
  void happyEyeballsStartsTheNextAttemptAfterTheDelay() {
    LoopRunner.run(loop, () -> {
      ServerSocketChannel v6 = listenV6();
      ServerSocketChannel v4 = ServerSocketChannel.open(StandardProtocolFamily.INET);
      toClose.add(v4);
      v4.bind(new InetSocketAddress("127.0.0.1", port(v6)), 1);
      List<SocketChannel> fillers = new ArrayList<>();
      for (int i = 0; i < 8; i++) { // fill the accept queue of the IPv4 listener
        SocketChannel f = SocketChannel.open(StandardProtocolFamily.INET);
        f.configureBlocking(false);
        f.connect(v4.getLocalAddress());
        fillers.add(f);
        toClose.add(f);
      }
      Async.sleep(0.2);
      double t0 = loop.time();
      ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> new Recorder(loop),
          ConnectionOptions.builder().host("dual.jloop.test").port(port(v6)).happyEyeballsDelay(0.1).build()));
      assertTrue(loop.time() - t0 >= 0.1, "the second attempt never starts before the delay");
      InetSocketAddress peer = (InetSocketAddress) c.transport().getExtraInfo("peername");
      assertEquals(InetAddress.getByName("::1"), peer.getAddress());
      c.transport().close();
      Async.await(c.protocol().lost);
      return null;
    });
  }

  @Test
  void happyEyeballsMovesOnAtOnceWhenAnAttemptFails() {
    LoopRunner.run(loop, () -> {
      ServerSocketChannel v6 = listenV6();
      double t0 = loop.time();
      ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> new Recorder(loop),
          ConnectionOptions.builder().host("dual.jloop.test").port(port(v6)).happyEyeballsDelay(30).build()));
      assertTrue(loop.time() - t0 < 30, "a refused attempt starts the next one without waiting");
      c.transport().close();
      Async.await(c.protocol().lost);
      return null;
    });
  }

  @Test
  void cancellingAPendingConnectClosesItsSocket() {
    LoopRunner.run(loop, () -> {
      ServerSocketChannel v4 = ServerSocketChannel.open(StandardProtocolFamily.INET);
      toClose.add(v4);
      v4.bind(new InetSocketAddress("127.0.0.1", 0), 1);
      for (int i = 0; i < 8; i++) {
        SocketChannel f = SocketChannel.open(StandardProtocolFamily.INET);
        f.configureBlocking(false);
        f.connect(v4.getLocalAddress());
        toClose.add(f);
      }
      Future<ConnectionResult<Recorder>> f = loop.createConnection(() -> new Recorder(loop), "127.0.0.1", port(v4));
      Async.sleep(0.1);
      assertTrue(!f.done(), "the connect hangs on the full backlog");
      f.cancel();
      assertThrows(CancelledException.class, () -> Async.await(f));
      Async.sleep(0.05);
      return null;
    });
  }

  @Test
  void localAddressIsBoundBeforeConnecting() {
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(Echo::new, "127.0.0.1", 0));
      int local = freePort();
      ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> new Recorder(loop),
          ConnectionOptions.builder().host("127.0.0.1").port(TransportOrderTest.port(server))
              .localAddress(new InetSocketAddress("127.0.0.1", local)).build()));
      assertEquals(new InetSocketAddress("127.0.0.1", local), c.transport().getExtraInfo("sockname"));
      c.transport().close();
      Async.await(c.protocol().lost);
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void aLocalAddressOfTheWrongFamilyFails() {
    Throwable t = LoopRunner.run(loop, () -> {
      try {
        Async.await(loop.createConnection(() -> new Recorder(loop),
            ConnectionOptions.builder().host("127.0.0.1").port(freePort())
                .localAddress(new InetSocketAddress("::1", 0)).build()));
        return null;
      } catch (Exception e) {
        return e;
      }
    });
    assertInstanceOf(IOException.class, t);
    assertTrue(t.getMessage().contains("no matching local address"), t.getMessage());
  }

  @Test
  void anExistingConnectedSocketCanBeUsed() {
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(Echo::new, "127.0.0.1", 0));
      SocketChannel sock = SocketChannel.open(new InetSocketAddress("127.0.0.1", TransportOrderTest.port(server)));
      Recorder r = new Recorder(loop);
      ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> r,
          ConnectionOptions.builder().sock(sock).build()));
      assertTrue(!sock.isBlocking(), "asyncio makes the socket non-blocking");
      c.transport().write(new byte[] {5, 6});
      Async.await(r.receivedAtLeast(2));
      c.transport().close();
      Async.await(r.lost);
      assertTrue(!sock.isOpen(), "the transport owns and closes the socket");
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void argumentsAsyncioRejectsAreRejected() throws Exception {
    assertThrows(NullPointerException.class, () -> loop.createConnection(null, "127.0.0.1", 1));
    assertThrows(NullPointerException.class, () -> loop.createConnection(() -> new Recorder(loop), (ConnectionOptions) null));
    assertThrows(IllegalArgumentException.class, () -> loop.createConnection(() -> new Recorder(loop),
        ConnectionOptions.builder().build()), "neither host/port nor sock");
    try (SocketChannel s = SocketChannel.open()) {
      assertThrows(IllegalArgumentException.class, () -> loop.createConnection(() -> new Recorder(loop),
          ConnectionOptions.builder().host("127.0.0.1").port(1).sock(s).build()), "host/port and sock");
      assertThrows(IllegalArgumentException.class, () -> loop.createConnection(() -> new Recorder(loop),
          ConnectionOptions.builder().sock(s).build()), "an unconnected socket");
    }
    assertThrows(IllegalArgumentException.class, () -> loop.createConnection(() -> new Recorder(loop),
        ConnectionOptions.builder().host("127.0.0.1").port(1).serverHostname("x").build()),
        "server_hostname is only meaningful with ssl");
    assertThrows(IllegalArgumentException.class, () -> loop.createConnection(() -> new Recorder(loop),
        ConnectionOptions.builder().host("127.0.0.1").port(1).sslHandshakeTimeout(1).build()));
    assertThrows(IllegalArgumentException.class, () -> ConnectionOptions.builder().port(70000).build());
    assertThrows(IllegalArgumentException.class, () -> ConnectionOptions.builder().happyEyeballsDelay(Double.NaN).build());
    assertThrows(IllegalArgumentException.class, () -> ConnectionOptions.builder().happyEyeballsDelay(-1).build());
    assertThrows(IllegalArgumentException.class, () -> ConnectionOptions.builder().interleave(-1).build());
    loop.close();
    assertThrows(IllegalStateException.class, () -> loop.createConnection(() -> new Recorder(loop), "127.0.0.1", 1));
  }

  /** asyncio's test_interleave_addrinfos. */
  @Test
  void interleaveAlternatesTheFamilies() throws Exception {
    InetSocketAddress a4 = new InetSocketAddress("127.0.0.1", 1);
    InetSocketAddress b4 = new InetSocketAddress("127.0.0.2", 1);
    InetSocketAddress c4 = new InetSocketAddress("127.0.0.3", 1);
    InetSocketAddress a6 = new InetSocketAddress("::1", 1);
    InetSocketAddress b6 = new InetSocketAddress("::2", 1);
    List<InetSocketAddress> in = List.of(a6, b6, a4, b4, c4);
    assertEquals(List.of(a6, a4, b6, b4, c4), Resolver.interleave(in, 1));
    assertEquals(List.of(a6, b6, a4, b4, c4), Resolver.interleave(in, 2));
    assertEquals(List.of(a6, b6, a4, b4, c4), Resolver.interleave(in, 3));
  }

  @Test
  void combinedErrorsFollowAsyncio() {
    IOException one = new ConnectException("a");
    assertEquals(one, ConnectErrors.combine(List.of(one)));
    IOException same = new ConnectException("a");
    assertEquals(one, ConnectErrors.combine(List.of(one, same)), "same message: the first one");
    Exception multi = ConnectErrors.combine(List.of(one, new ConnectException("b")));
    assertEquals("Multiple exceptions: a, b", multi.getMessage());
    assertNotNull(multi.getSuppressed()[1]);
  }
}
