package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Transport;
import dev.jloop.io.WriteTransport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Write buffering and flow control against a raw peer socket the test drives by hand:
 * water marks, pause/resume of writing and reading, write_eof, close and abort.
 */
@ExtendWith(NoLeaks.class)
class FlowControlTest {
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

  /** Connects a Recorder to the raw listener; the peer end is accepted (it is queued already). */
  private record Pair(Recorder client, Transport transport, SocketChannel peer) {}

  private Pair connect() throws Exception {
    Recorder client = new Recorder(loop);
    ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> client, "127.0.0.1",
        ((InetSocketAddress) raw.getLocalAddress()).getPort()));
    SocketChannel peer = raw.accept();
    return new Pair(client, c.transport(), peer);
  }

  /** Reads from the (blocking) peer until {@code n} bytes or EOF; returns them. */
  private static byte[] drainPeer(SocketChannel peer, int n) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining() && peer.read(b) >= 0) {
      // keep reading
    }
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  @Test
  void defaultWaterMarksAreAsyncios() {
    LoopRunner.run(loop, () -> {
      Pair p = connect();
      assertEquals(new WriteTransport.WaterMarks(16 * 1024, 64 * 1024), p.transport().getWriteBufferLimits());
      p.transport().setWriteBufferLimits(-1, 1000); // high defaults to 4 x low
      assertEquals(new WriteTransport.WaterMarks(1000, 4000), p.transport().getWriteBufferLimits());
      p.transport().setWriteBufferLimits(8000, -1); // low defaults to high / 4
      assertEquals(new WriteTransport.WaterMarks(2000, 8000), p.transport().getWriteBufferLimits());
      p.transport().setWriteBufferLimits(0, 0);
      assertEquals(new WriteTransport.WaterMarks(0, 0), p.transport().getWriteBufferLimits());
      assertThrows(IllegalArgumentException.class, () -> p.transport().setWriteBufferLimits(10, 20));
      p.transport().abort();
      p.peer().close();
      Async.await(p.client().lost);
      return null;
    });
  }

  /** A peer that never reads: the buffer grows past the high mark and the protocol is paused. */
  @Test
  void aPeerThatNeverReadsPausesWritingThenResumesWhenItDrains() {
    LoopRunner.run(loop, () -> {
      Pair p = connect();
      byte[] chunk = new byte[64 * 1024];
      int writes = 0;
      while (!p.client().events.contains("pause")) {
        p.transport().write(chunk);
        writes++;
        assertTrue(writes < 10_000, "never paused: the socket buffers cannot be that large");
      }
      long buffered = p.transport().getWriteBufferSize();
      assertTrue(buffered > 64 * 1024, "paused above the high-water mark, at " + buffered);
      assertFalse(p.client().events.contains("resume"));
      // now the peer reads everything: the buffer drains and the protocol resumes
      long total = (long) writes * chunk.length;
      Thread reader = Thread.ofPlatform().start(() -> {
        try {
          ByteBuffer b = ByteBuffer.allocate(1 << 16);
          long got = 0;
          while (got < total) {
            b.clear();
            got += p.peer().read(b);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      while (p.transport().getWriteBufferSize() > 0) {
        Async.sleep(0.01);
      }
      reader.join(30_000);
      assertEquals(List.of("made", "pause", "resume"), p.client().events);
      p.transport().close();
      p.peer().close();
      Async.await(p.client().lost);
      return null;
    });
  }

  @Test
  void setWriteBufferLimitsBelowTheBufferPausesAtOnce() {
    LoopRunner.run(loop, () -> {
      Pair p = connect();
      p.transport().setWriteBufferLimits(1 << 30, -1);
      byte[] chunk = new byte[256 * 1024];
      while (p.transport().getWriteBufferSize() == 0) {
        p.transport().write(chunk); // fills the socket buffers, then our buffer
      }
      assertFalse(p.client().events.contains("pause"), "far below the raised high-water mark");
      p.transport().setWriteBufferLimits(1, 0);
      assertTrue(p.client().events.contains("pause"), "asyncio: set_write_buffer_limits() may pause");
      p.transport().abort();
      p.peer().close();
      Async.await(p.client().lost);
      return null;
    });
  }

  @Test
  void pauseReadingStopsDataUntilResumed() {
    LoopRunner.run(loop, () -> {
      Pair p = connect();
      assertTrue(p.transport().isReading());
      p.transport().pauseReading();
      p.transport().pauseReading(); // idempotent
      assertFalse(p.transport().isReading());
      p.peer().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      Async.sleep(0.1);
      assertEquals(0, p.client().received.size(), "no data while reading is paused");
      p.transport().resumeReading();
      assertTrue(p.transport().isReading());
      Async.await(p.client().receivedAtLeast(3));
      p.transport().close();
      assertFalse(p.transport().isReading(), "a closing transport is not reading");
      p.peer().close();
      Async.await(p.client().lost);
      return null;
    });
  }

  @Test
  void writeEofHalfClosesAfterFlushingAndReadingGoesOn() {
    LoopRunner.run(loop, () -> {
      Pair p = connect();
      assertTrue(p.transport().canWriteEof());
      byte[] big = new byte[3 * 1024 * 1024];
      new Random(1).nextBytes(big);
      p.transport().write(big);
      p.transport().writeEof();
      assertThrows(IllegalStateException.class, () -> p.transport().write(new byte[1]),
          "asyncio: Cannot call write() after write_eof()");
      byte[][] got = new byte[1][];
      Thread reader = Thread.ofPlatform().start(() -> {
        try {
          got[0] = drainPeer(p.peer(), big.length + 1); // +1: must stop at EOF
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      while (reader.isAlive()) {
        Async.sleep(0.01);
      }
      assertArrayEquals(big, got[0], "all bytes, then EOF");
      p.peer().write(ByteBuffer.wrap(new byte[] {42}));
      Async.await(p.client().receivedAtLeast(1));
      assertFalse(p.transport().isClosing(), "half-closed, still reading");
      p.peer().close();
      assertNull(Async.await(p.client().lost));
      return null;
    });
  }

  /** asyncio: close() flushes the buffer before connection_lost(None). */
  @Test
  void closeFlushesBufferedDataFirst() {
    LoopRunner.run(loop, () -> {
      Pair p = connect();
      byte[] big = new byte[4 * 1024 * 1024];
      new Random(2).nextBytes(big);
      p.transport().write(big);
      assertTrue(p.transport().getWriteBufferSize() > 0, "more than the socket buffers hold");
      p.transport().close();
      assertTrue(p.transport().isClosing());
      byte[][] got = new byte[1][];
      Thread reader = Thread.ofPlatform().start(() -> {
        try {
          got[0] = drainPeer(p.peer(), big.length + 1);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertNull(Async.await(p.client().lost));
      while (reader.isAlive()) {
        Async.sleep(0.01);
      }
      assertArrayEquals(big, got[0]);
      p.peer().close();
      return null;
    });
  }

  @Test
  void abortDiscardsTheBuffer() {
    LoopRunner.run(loop, () -> {
      Pair p = connect();
      p.transport().write(new byte[8 * 1024 * 1024]);
      long buffered = p.transport().getWriteBufferSize();
      assertTrue(buffered > 0);
      p.transport().abort();
      assertEquals(0, p.transport().getWriteBufferSize(), "abort drops what was buffered");
      assertNull(Async.await(p.client().lost), "asyncio: abort() loses the connection with None");
      assertTrue(drainPeer(p.peer(), 8 * 1024 * 1024 + 1).length < 8 * 1024 * 1024);
      p.peer().close();
      return null;
    });
  }
}
