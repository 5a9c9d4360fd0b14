package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.Future;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** sock_accept, sock_connect, sock_sendall, sock_recv, sock_recv_into (asyncio's test_sock_*). */
@ExtendWith(NoLeaks.class)
class SockOpsTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();

  @AfterEach
  void close() {
    loop.close();
  }

  private static ServerSocketChannel listener() throws Exception {
    ServerSocketChannel s = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    s.configureBlocking(false);
    return s;
  }

  private static SocketChannel nonBlocking() throws Exception {
    SocketChannel c = SocketChannel.open();
    c.configureBlocking(false);
    return c;
  }

  @Test
  void acceptConnectSendallRecvRoundTrip() {
    byte[] payload = new byte[5 * 1024 * 1024]; // far more than one send takes
    new Random(3).nextBytes(payload);
    LoopRunner.run(loop, () -> {
      try (ServerSocketChannel srv = listener(); SocketChannel client = nonBlocking()) {
        Future<SocketChannel> accepting = loop.sockAccept(srv);
        Async.sleep(0.02);
        assertFalse(accepting.done(), "nobody connected yet");
        Async.await(loop.sockConnect(client, srv.getLocalAddress()));
        try (SocketChannel server = Async.await(accepting)) {
          assertFalse(server.isBlocking(), "asyncio makes the accepted socket non-blocking");
          Future<Void> sending = loop.sockSendall(client, payload);
          ByteBuffer got = ByteBuffer.allocate(payload.length);
          while (got.hasRemaining()) {
            byte[] chunk = Async.await(loop.sockRecv(server, 100_000));
            assertTrue(chunk.length > 0 && chunk.length <= 100_000, "chunk of " + chunk.length);
            got.put(chunk);
          }
          Async.await(sending);
          assertArrayEquals(payload, got.array());
          client.shutdownOutput();
          assertEquals(0, Async.await(loop.sockRecv(server, 10)).length, "EOF is an empty array");
          ByteBuffer into = ByteBuffer.allocate(8);
          Future<Integer> n = loop.sockRecvInto(client, into);
          loop.sockSendall(server, new byte[] {1, 2, 3});
          assertEquals(3, Async.await(n));
          assertEquals(3, into.position());
        }
      }
      return null;
    });
  }

  @Test
  void sockConnectResolvesNamesAndReportsRefusal() {
    LoopRunner.run(loop, () -> {
      try (ServerSocketChannel srv = listener(); SocketChannel client = nonBlocking()) {
        int port = ((InetSocketAddress) srv.getLocalAddress()).getPort();
        Async.await(loop.sockConnect(client, InetSocketAddress.createUnresolved("localhost", port)));
        assertTrue(client.isConnected());
      }
      int closedPort;
      try (ServerSocketChannel gone = listener()) {
        closedPort = ((InetSocketAddress) gone.getLocalAddress()).getPort();
      }
      try (SocketChannel client = nonBlocking()) {
        Throwable t = assertThrows(Exception.class,
            () -> Async.await(loop.sockConnect(client, new InetSocketAddress("127.0.0.1", closedPort))));
        assertInstanceOf(ConnectException.class, t);
      }
      return null;
    });
  }

  /** asyncio's _sock_read_done: a cancelled sock_recv leaves no reader behind. */
  @Test
  void cancellingARecvRemovesItsReader() {
    LoopRunner.run(loop, () -> {
      try (ServerSocketChannel srv = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
           SocketChannel client = SocketChannel.open(srv.getLocalAddress());
           SocketChannel server = srv.accept()) {
        server.configureBlocking(false);
        Future<byte[]> f = loop.sockRecv(server, 10);
        Async.sleep(0.01);
        f.cancel();
        assertThrows(CancelledException.class, () -> Async.await(f));
        Async.sleep(0); // the done callback runs one pass later
        assertFalse(loop.removeReader(server), "the reader went with the cancelled future");
        Future<byte[]> g = loop.sockRecv(server, 10);
        client.write(ByteBuffer.wrap(new byte[] {4, 2}));
        assertArrayEquals(new byte[] {4, 2}, Async.await(g), "a new recv gets the data");
      }
      return null;
    });
  }

  @Test
  void sendallFailsWhenThePeerResets() {
    Throwable t = LoopRunner.run(loop, () -> {
      try (ServerSocketChannel srv = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
           SocketChannel client = SocketChannel.open(srv.getLocalAddress())) {
        client.configureBlocking(false);
        SocketChannel server = srv.accept();
        server.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
        Future<Void> sending = loop.sockSendall(client, new byte[32 * 1024 * 1024]);
        server.close();
        try {
          Async.await(sending);
          return null;
        } catch (Exception e) {
          return e;
        }
      }
    });
    assertInstanceOf(java.io.IOException.class, t);
  }

  @Test
  void badInputIsRejected() throws Exception {
    try (SocketChannel blocking = SocketChannel.open(); SocketChannel ok = nonBlocking()) {
      assertThrows(IllegalArgumentException.class, () -> loop.sockRecv(blocking, 1), "the socket must be non-blocking");
      assertThrows(IllegalArgumentException.class, () -> loop.sockRecv(ok, -1));
      assertThrows(NullPointerException.class, () -> loop.sockRecv(null, 1));
      assertThrows(NullPointerException.class, () -> loop.sockSendall(ok, (ByteBuffer) null));
      assertThrows(IllegalArgumentException.class,
          () -> loop.sockRecvInto(ok, ByteBuffer.allocate(1).asReadOnlyBuffer()));
      loop.close();
      assertThrows(IllegalStateException.class, () -> loop.sockRecv(ok, 1));
    }
  }
}
