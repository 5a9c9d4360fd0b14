package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.ExceptionContext;
import dev.jloop.Future;
import dev.jloop.io.BufferedProtocol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.Transport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's protocol call order over a real TCP connection. */
@ExtendWith(NoLeaks.class)
class TransportOrderTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();

  @AfterEach
  void close() {
    loop.close();
  }

  /** The port of the server's first socket. */
  public static int port(Server server) {
    try {
      return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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

  /** asyncio: eof_received() returning True keeps the transport open for writing. */
  @Test
  void eofReceivedReturningTrueKeepsTheWriteSideOpen() {
    List<String> events = LoopRunner.run(loop, () -> {
      Recorder serverSide = new Recorder(loop);
      serverSide.keepOpenOnEof = true;
      Server server = Async.await(loop.createServer(() -> serverSide, "127.0.0.1", 0));
      Recorder client = new Recorder(loop);
      ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> client, "127.0.0.1", port(server)));
      c.transport().write("ping".getBytes(StandardCharsets.US_ASCII));
      c.transport().writeEof();
      Async.await(serverSide.eof);
      assertTrue(!serverSide.transport.isClosing(), "half-open: the server side still writes");
      serverSide.transport.write("pong".getBytes(StandardCharsets.US_ASCII));
      Async.await(client.receivedAtLeast(4));
      serverSide.transport.close();
      assertNull(Async.await(client.lost));
      assertNull(Async.await(serverSide.lost));
      assertEquals("pong", client.received.toString(StandardCharsets.US_ASCII));
      assertEquals("ping", serverSide.received.toString(StandardCharsets.US_ASCII));
      server.close();
      Async.await(server.waitClosed());
      return serverSide.events;
    });
    assertEquals(List.of("made", "data", "eof", "lost"), events);
  }

  @Test
  void connectionLostRunsExactlyOnceWhateverEndsTheConnection() {
    List<String> events = LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(Echo::new, "127.0.0.1", 0));
      Recorder client = new Recorder(loop);
      ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> client, "127.0.0.1", port(server)));
      c.transport().close();
      c.transport().abort();
      c.transport().close();
      assertTrue(c.transport().isClosing());
      Async.await(client.lost);
      Async.sleep(0.05);
      server.close();
      Async.await(server.waitClosed());
      return client.events;
    });
    assertEquals(List.of("made", "lost"), events);
  }

  /** asyncio's BufferedProtocol: get_buffer() then buffer_updated(n), bytes in the protocol's buffer. */
  @Test
  void bufferedProtocolReceivesIntoItsOwnBuffer() {
    byte[] payload = new byte[300_000];
    new java.util.Random(7).nextBytes(payload);
    class Collector implements BufferedProtocol {
      final ByteBuffer buf = ByteBuffer.allocateDirect(4096);
      final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      final List<Integer> hints = new ArrayList<>();
      final Future<Void> lost = loop.createFuture();
      boolean eof;

      @Override
      public ByteBuffer getBuffer(int sizeHint) {
        hints.add(sizeHint);
        return buf.clear().position(10); // only position..limit may be written
      }

      @Override
      public void bufferUpdated(int nbytes) {
        assertTrue(nbytes > 0 && nbytes <= buf.capacity() - 10, "nbytes=" + nbytes);
        assertEquals(10, buf.position(), "the bytes start at the position the protocol set");
        byte[] got = new byte[nbytes];
        buf.get(10, got);
        out.writeBytes(got);
      }

      @Override
      public boolean eofReceived() {
        eof = true;
        return false;
      }

      @Override
      public void connectionLost(Throwable exc) {
        lost.setResult(null);
      }
    }
    Collector col = LoopRunner.run(loop, () -> {
      Collector collector = new Collector();
      Server server = Async.await(loop.createServer(() -> collector, "127.0.0.1", 0));
      ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> new Recorder(loop), "127.0.0.1", port(server)));
      c.transport().write(payload);
      c.transport().close();
      Async.await(collector.lost);
      server.close();
      Async.await(server.waitClosed());
      return collector;
    });
    assertTrue(col.eof, "eofReceived");
    assertArrayEquals(payload, col.out.toByteArray());
    assertTrue(col.hints.stream().allMatch(h -> h == -1), "asyncio passes -1 as the size hint");
  }

  /** asyncio's _fatal_error: a protocol callback that raises is reported and ends the connection. */
  @Test
  void aFailingDataCallbackIsReportedAndLosesTheConnectionWithItsError() {
    List<ExceptionContext> reports = new ArrayList<>();
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
    IllegalStateException boom = new IllegalStateException("boom");
    Throwable lostWith = LoopRunner.run(loop, () -> {
      Recorder serverSide = new Recorder(loop) {
        @Override
        public void dataReceived(byte[] data) {
          throw boom;
        }
      };
      Server server = Async.await(loop.createServer(() -> serverSide, "127.0.0.1", 0));
      Recorder client = new Recorder(loop);
      Async.await(loop.createConnection(() -> client, "127.0.0.1", port(server)))
          .transport().write(new byte[] {1});
      Throwable t = Async.await(serverSide.lost);
      assertNull(Async.await(client.lost), "the peer just sees the connection close");
      server.close();
      Async.await(server.waitClosed());
      return t;
    });
    assertSame(boom, lostWith);
    assertEquals(1, reports.size(), "reports: " + reports);
    assertSame(boom, reports.get(0).exception());
    assertNotNull(reports.get(0).get(ExceptionContext.TRANSPORT));
    assertNotNull(reports.get(0).get(ExceptionContext.PROTOCOL));
  }

  @Test
  void aProtocolThatIsNeitherProtocolNorBufferedProtocolIsRejected() {
    Throwable error = LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(Echo::new, "127.0.0.1", 0));
      Future<?> f = loop.createConnection(() -> new dev.jloop.io.BaseProtocol() {}, "127.0.0.1", port(server));
      try {
        Async.await(f);
        return null;
      } catch (IllegalArgumentException e) {
        return e;
      } finally {
        server.close();
        server.closeClients();
        Async.await(server.waitClosed());
      }
    });
    assertNotNull(error, "createConnection must fail for a protocol that cannot receive bytes");
  }
}
