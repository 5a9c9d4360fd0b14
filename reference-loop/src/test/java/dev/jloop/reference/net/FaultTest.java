package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Transport;
import dev.jloop.reference.CapturingLoggerFinder;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Peers that misbehave: resets, broken pipes, writes after the connection is gone. */
@ExtendWith(NoLeaks.class)
class FaultTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();
  private ServerSocketChannel raw;

  @BeforeEach
  void listen() throws Exception {
    raw = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
  }

  @AfterEach
  void close() throws Exception {
    loop.close();
    raw.close();
  }

  private record Pair(Recorder client, Transport transport, SocketChannel peer) {}

  private Pair connect() throws Exception {
    Recorder client = new Recorder(loop);
    ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> client, "127.0.0.1",
        ((InetSocketAddress) raw.getLocalAddress()).getPort()));
    return new Pair(client, c.transport(), raw.accept());
  }

  private static void reset(SocketChannel peer) throws IOException {
    peer.setOption(StandardSocketOptions.SO_LINGER, 0); // close() sends RST
    peer.close();
  }

  /** The data sent before the reset arrives, then connection_lost(ConnectionResetError). */
  @Test
  void aResetMidStreamEndsWithTheErrorAfterTheData() {
    LoopRunner.run(loop, () -> {
      Pair p = connect();
      p.peer().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      Async.await(p.client().receivedAtLeast(3));
      reset(p.peer());
      Throwable t = Async.await(p.client().lost);
      assertInstanceOf(IOException.class, t, "connection_lost gets the reset");
      assertEquals(List.of("made", "data", "lost"), p.client().events, "no eof_received on a reset");
      assertArrayEquals(new byte[] {1, 2, 3}, p.client().received.toByteArray());
      return null;
    });
  }

  @Test
  void aResetWhileWritingReachesConnectionLost() {
    LoopRunner.run(loop, () -> {
      Pair p = connect();
      p.transport().pauseReading(); // only the write side can notice
      p.transport().write(new byte[8 * 1024 * 1024]);
      assertTrue(p.transport().getWriteBufferSize() > 0);
      reset(p.peer());
      Throwable t = Async.await(p.client().lost);
      assertInstanceOf(IOException.class, t);
      assertEquals(0, p.transport().getWriteBufferSize(), "the buffer is dropped");
      return null;
    });
  }

  /** asyncio logs "socket.send() raised exception." after 5 writes on a lost connection; here once. */
  @Test
  void writesAfterTheConnectionIsLostAreDroppedAndWarnedOnce() {
    CapturingLoggerFinder.clear();
    java.util.function.IntSupplier warnings = () -> CapturingLoggerFinder.matching(e ->
        e.logger().equals("dev.jloop.net") && e.level() == System.Logger.Level.WARNING
            && e.message().contains("socket.send() raised exception.")).size();
    LoopRunner.run(loop, () -> {
      Pair p = connect();
      p.transport().close();
      assertNull(Async.await(p.client().lost));
      for (int i = 1; i < NetContext.LOG_THRESHOLD_FOR_CONNLOST_WRITES; i++) {
        p.transport().write(new byte[] {1});
      }
      assertEquals(0, warnings.getAsInt(), "asyncio stays quiet for the first writes");
      for (int i = 0; i < 20; i++) {
        p.transport().write(new byte[] {1});
        p.transport().write(ByteBuffer.wrap(new byte[] {1}));
      }
      assertEquals(1, warnings.getAsInt(), "warned once");
      assertEquals(0, p.transport().getWriteBufferSize(), "nothing is buffered on a lost connection");
      p.peer().close();
      return null;
    });
  }

  @Test
  void thePeerClosingWhileWeWriteIsABrokenPipeOrAReset() {
    LoopRunner.run(loop, () -> {
      Pair p = connect();
      p.peer().close();
      Throwable lost = null;
      for (int i = 0; i < 1000 && !p.client().lost.done(); i++) {
        p.transport().write(new byte[64 * 1024]);
        Async.sleep(0.005);
      }
      lost = Async.await(p.client().lost);
      // either EOF was read first (clean close, null) or a write failed (EPIPE/ECONNRESET)
      assertTrue(lost == null || lost instanceof IOException, "lost with " + lost);
      return null;
    });
  }
}
