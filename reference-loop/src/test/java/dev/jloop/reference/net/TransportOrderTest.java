package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.Transport;
import dev.jloop.reference.SelectorEventLoop;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's protocol call order over a real TCP connection. */
@ExtendWith(FdLeakCheck.class)
class TransportOrderTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();

  @AfterEach
  void close() {
    loop.close();
  }

  static int port(Server server) throws Exception {
    return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
  }

  @Test
  void madeThenDataThenEofThenLostNullOnCleanClose() {
    List<String> events = LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(Echo::new, "127.0.0.1", 0));
      Recorder client = new Recorder(loop);
      ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> client, "127.0.0.1", port(server)));
      assertTrue(client.made.done(), "connectionMade ran before createConnection completed");
      c.transport().write("hello".getBytes(StandardCharsets.US_ASCII));
      Async.await(client.receivedAtLeast(5));
      c.transport().writeEof();
      assertNull(Async.await(client.lost));
      server.close();
      Async.await(server.waitClosed());
      assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), client.received.toByteArray());
      return client.events;
    });
    assertEquals(List.of("made", "data", "eof", "lost"), events);
  }

  @Test
  void extraInfoNamesBothEnds() {
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(Echo::new, "127.0.0.1", 0));
      ConnectionResult<Recorder> c = Async.await(
          loop.createConnection(() -> new Recorder(loop), "127.0.0.1", port(server)));
      Transport t = c.transport();
      assertEquals(new InetSocketAddress("127.0.0.1", port(server)), t.getExtraInfo("peername"));
      assertEquals(((java.nio.channels.SocketChannel) t.getExtraInfo("socket")).getLocalAddress(),
          t.getExtraInfo("sockname"));
      assertNull(t.getExtraInfo("nonexistent"));
      assertEquals("x", t.getExtraInfo("nonexistent", "x"));
      t.close();
      Async.await(c.protocol().lost);
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }
}
