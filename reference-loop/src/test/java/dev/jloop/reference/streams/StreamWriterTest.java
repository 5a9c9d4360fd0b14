package dev.jloop.reference.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.ExceptionContext;
import dev.jloop.Future;
import dev.jloop.io.Server;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.net.LoopRunner;
import dev.jloop.reference.proctest.NoLeaks;
import dev.jloop.streams.StreamPair;
import dev.jloop.streams.StreamReader;
import dev.jloop.streams.StreamWriter;
import dev.jloop.streams.Streams;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** StreamWriter over real connections: drain and backpressure, errors, close, Unix streams. */
@ExtendWith(NoLeaks.class)
class StreamWriterTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();
  @TempDir
  Path dir;

  @AfterEach
  void close() {
    loop.close();
  }

  private static int port(Server s) throws IOException {
    return ((InetSocketAddress) s.sockets().get(0).getLocalAddress()).getPort();
  }

  /** asyncio: drain() waits while the transport is paused, i.e. while the peer does not read. */
  @Test
  void drainWaitsForAPeerThatDoesNotReadYet() {
    LoopRunner.run(loop, () -> {
      Future<StreamReader> serverReader = loop.createFuture();
      Future<Void> release = loop.createFuture();
      Server server = Async.await(Streams.startServer((r, w) -> {
        serverReader.setResult(r);
        Async.await(release); // does not read until released
        byte[] all = Async.await(r.read());
        w.write(String.valueOf(all.length).getBytes());
        w.close();
      }, "127.0.0.1", 0));
      StreamPair p = Async.await(Streams.openConnection("127.0.0.1", port(server)));
      Async.await(serverReader);
      byte[] chunk = new byte[256 * 1024];
      long written = 0;
      Future<Void> drained;
      while (true) {
        p.writer().write(chunk);
        written += chunk.length;
        drained = p.writer().drain();
        Async.sleep(0.02);
        if (!drained.done()) {
          break; // backpressure reached us
        }
        assertTrue(written < 1L << 30, "drain never waited");
      }
      Async.sleep(0.1);
      assertFalse(drained.done(), "drain() waits while the peer does not read");
      release.setResult(null);
      Async.await(drained);
      p.writer().writeEof();
      assertEquals(String.valueOf(written), new String(Async.await(p.reader().read())));
      p.writer().close();
      Async.await(p.writer().waitClosed());
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void drainAndWaitClosedReportTheConnectionError() {
    LoopRunner.run(loop, () -> {
      Future<SocketChannel> serverSock = loop.createFuture();
      Server server = Async.await(Streams.startServer((r, w) -> {
        serverSock.setResult((SocketChannel) w.getExtraInfo("socket"));
        Async.await(r.read()); // until the client goes
      }, "127.0.0.1", 0));
      StreamPair p = Async.await(Streams.openConnection("127.0.0.1", port(server)));
      SocketChannel s = Async.await(serverSock);
      s.setOption(StandardSocketOptions.SO_LINGER, 0);
      server.abortClients(); // the server side resets
      Throwable fromWait = assertThrows(Exception.class, () -> Async.await(p.writer().waitClosed()));
      assertInstanceOf(IOException.class, fromWait);
      Throwable fromDrain = assertThrows(Exception.class, () -> Async.await(p.writer().drain()));
      assertSame(fromWait, fromDrain, "drain raises the reader's exception, as asyncio");
      assertSame(fromWait, assertThrows(Exception.class, () -> Async.await(p.reader().read(1))));
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void drainAfterACleanCloseRaisesConnectionLost() {
    LoopRunner.run(loop, () -> {
      Server server = Async.await(Streams.startServer((r, w) -> w.close(), "127.0.0.1", 0));
      StreamPair p = Async.await(Streams.openConnection("127.0.0.1", port(server)));
      assertArrayEquals(new byte[0], Async.await(p.reader().read()));
      p.writer().close();
      assertTrue(p.writer().isClosing());
      Async.await(p.writer().waitClosed());
      Throwable t = assertThrows(Exception.class, () -> Async.await(p.writer().drain()));
      assertInstanceOf(java.net.SocketException.class, t, "asyncio's ConnectionResetError('Connection lost')");
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void writerExposesItsTransport() {
    LoopRunner.run(loop, () -> {
      Server server = Async.await(Streams.startServer((r, w) -> {
        w.writelines(List.of("a".getBytes(), "b".getBytes(), "c".getBytes()));
        w.writeEof();
        Async.await(r.read());
        w.close();
      }, "127.0.0.1", 0));
      StreamPair p = Async.await(Streams.openConnection("127.0.0.1", port(server)));
      StreamWriter w = p.writer();
      assertNotNull(w.transport());
      assertTrue(w.canWriteEof());
      assertFalse(w.isClosing());
      assertEquals(new InetSocketAddress("127.0.0.1", port(server)), w.getExtraInfo("peername"));
      assertEquals("none", w.getExtraInfo("nope", "none"));
      assertArrayEquals("abc".getBytes(), Async.await(p.reader().read()));
      w.close();
      Async.await(w.waitClosed());
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  /** asyncio: an exception escaping client_connected_cb is reported and the transport closed. */
  @Test
  void aFailingClientCallbackIsReportedAndItsConnectionClosed() {
    List<ExceptionContext> reports = new ArrayList<>();
    loop.setExceptionHandler((l, c) -> reports.add(c));
    LoopRunner.run(loop, () -> {
      Server server = Async.await(Streams.startServer((r, w) -> {
        throw new IllegalStateException("handler bug");
      }, "127.0.0.1", 0));
      StreamPair p = Async.await(Streams.openConnection("127.0.0.1", port(server)));
      assertArrayEquals(new byte[0], Async.await(p.reader().read()), "closed by the server");
      p.writer().close();
      Async.await(p.writer().waitClosed());
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
    assertEquals(1, reports.size());
    assertEquals("handler bug", reports.get(0).exception().getMessage());
  }

  @Test
  void unixStreamsEcho() {
    Path path = dir.resolve("s.sock");
    LoopRunner.run(loop, () -> {
      Server server = Async.await(Streams.startUnixServer(StreamsEchoTest::echoLines, path));
      StreamPair p = Async.await(Streams.openUnixConnection(path));
      p.writer().write("over unix\n".getBytes());
      assertArrayEquals("over unix\n".getBytes(), Async.await(p.reader().readline()));
      p.writer().close();
      Async.await(p.writer().waitClosed());
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void badArguments() {
    assertThrows(IllegalStateException.class, () -> Streams.openConnection("127.0.0.1", 1),
        "no running loop");
    assertThrows(IllegalArgumentException.class, () -> Streams.startServer(loop, (r, w) -> {},
        dev.jloop.io.ServerOptions.of("127.0.0.1", 0), 0));
    assertThrows(NullPointerException.class, () -> Streams.startServer(loop, null,
        dev.jloop.io.ServerOptions.of("127.0.0.1", 0), 10));
  }
}
