package dev.jloop.reference.pipes;

import static dev.jloop.reference.proctest.Loops.hex;
import static dev.jloop.reference.proctest.Loops.run;
import static dev.jloop.reference.proctest.Loops.runUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.io.TransportProtocol;
import dev.jloop.io.WriteTransport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.Loops;
import dev.jloop.reference.proctest.NoLeaks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's connect_write_pipe and _UnixWritePipeTransport over java.nio.channels.Pipe. */
@ExtendWith(NoLeaks.class)
@Timeout(120)
class WritePipeTest {
  private SelectorEventLoop loop;
  private Pipe pipe;

  @BeforeEach
  void open() throws IOException {
    loop = new SelectorEventLoop();
    pipe = Pipe.open();
  }

  @AfterEach
  void close() throws IOException {
    pipe.sink().close();
    pipe.source().close();
    loop.close();
  }

  private TransportProtocol<WriteTransport, RecordingProtocol> connect(RecordingProtocol p) {
    return run(loop, loop.connectWritePipe(() -> p, pipe.sink()));
  }

  /** Reads the source to its end, slowly; publishes the SHA-256 and the count. */
  private Thread slowReader(AtomicReference<String> sha, AtomicLong count) {
    Thread t = new Thread(() -> {
      MessageDigest md = Loops.sha256();
      ByteBuffer buf = ByteBuffer.allocate(8192);
      long n = 0;
      try (var source = pipe.source()) {
        int r;
        int reads = 0;
        while ((r = source.read(buf.clear())) >= 0) {
          md.update(buf.array(), 0, r);
          n += r;
          if (++reads % 16 == 0) {
            Thread.sleep(1);
          }
        }
        count.set(n);
        sha.set(hex(md.digest()));
      } catch (IOException | InterruptedException e) {
        sha.set("reader failed: " + e);
      }
    }, "test-pipe-reader");
    t.start();
    return t;
  }

  @Test
  void randomWritesRespectingFlowControlArriveIntactAndCloseFlushesFirst() throws Exception {
    final long total = 16L << 20;
    Random rnd = new Random(5);
    MessageDigest sent = Loops.sha256();
    long[] written = {0};
    boolean[] paused = {false};
    long[] bufferAtPause = {0};
    RecordingProtocol p = new RecordingProtocol() {
      @Override
      public void pauseWriting() {
        super.pauseWriting();
        paused[0] = true;
        bufferAtPause[0] = ((WriteTransport) transport).getWriteBufferSize();
      }

      @Override
      public void resumeWriting() {
        super.resumeWriting();
        paused[0] = false;
      }
    };
    var tp = connect(p);
    WriteTransport t = tp.transport();
    Runnable[] produce = new Runnable[1];
    produce[0] = () -> {
      while (!paused[0] && written[0] < total) {
        byte[] chunk = new byte[(int) Math.min(total - written[0], 1 + rnd.nextInt(50_000))];
        rnd.nextBytes(chunk);
        sent.update(chunk);
        t.write(chunk);
        written[0] += chunk.length;
      }
      if (written[0] < total) {
        loop.callLater(0.001, produce[0]);
      } else {
        t.close();
      }
    };
    AtomicReference<String> sha = new AtomicReference<>();
    AtomicLong count = new AtomicLong();
    Thread r = slowReader(sha, count);
    loop.callSoon(produce[0]);
    runUntil(loop, () -> p.lostCount > 0);
    r.join();
    assertNull(p.lostWith);
    assertEquals(total, count.get());
    assertEquals(hex(sent.digest()), sha.get());
    assertTrue(p.pauses > 0, "a slow reader makes the buffer cross the high-water mark");
    assertEquals(p.pauses, p.resumes);
    assertTrue(bufferAtPause[0] > WriteTransport.DEFAULT_HIGH_WATER);
    assertEquals(0, t.getWriteBufferSize());
    assertFalse(pipe.sink().isOpen());
  }

  @Test
  void writeEofClosesThePipeAfterTheDataAndLaterWritesAreDropped() throws IOException {
    RecordingProtocol p = new RecordingProtocol();
    var tp = connect(p);
    WriteTransport t = tp.transport();
    assertTrue(t.canWriteEof());
    ByteBuffer data = ByteBuffer.wrap(new byte[] {7, 8, 9});
    t.write(data);
    assertFalse(data.hasRemaining(), "write(ByteBuffer) consumes the buffer");
    t.writeEof();
    assertTrue(t.isClosing());
    for (int i = 0; i < 10; i++) {
      t.write(new byte[] {1});
    }
    runUntil(loop, () -> p.lostCount > 0);
    assertNull(p.lostWith);
    ByteBuffer in = ByteBuffer.allocate(10);
    pipe.source().read(in);
    assertEquals(3, in.position());
    assertEquals(-1, pipe.source().read(in.clear()), "EOF after the data");
  }

  @Test
  void writingToAPipeWhoseReaderClosedEndsInConnectionLostWithBrokenPipe() throws IOException {
    RecordingProtocol p = new RecordingProtocol();
    var tp = connect(p);
    pipe.source().close();
    tp.transport().write(new byte[] {1, 2, 3});
    runUntil(loop, () -> p.lostCount > 0);
    assertInstanceOf(IOException.class, p.lostWith);
    assertTrue(tp.transport().isClosing());
  }

  @Test
  void readerClosingWhileDataIsBufferedEndsInConnectionLostWithTheError() throws IOException {
    RecordingProtocol p = new RecordingProtocol();
    var tp = connect(p);
    tp.transport().write(new byte[1 << 20]);
    assertTrue(tp.transport().getWriteBufferSize() > 0, "nobody reads: most of it is buffered");
    Loops.runFor(loop, 0.02);
    pipe.source().close();
    runUntil(loop, () -> p.lostCount > 0);
    assertInstanceOf(IOException.class, p.lostWith);
    assertEquals(0, tp.transport().getWriteBufferSize());
  }

  @Test
  void abortDropsTheBufferAndCallsConnectionLostNullOnce() {
    RecordingProtocol p = new RecordingProtocol();
    var tp = connect(p);
    tp.transport().write(new byte[1 << 20]);
    tp.transport().abort();
    assertEquals(0, tp.transport().getWriteBufferSize());
    tp.transport().abort();
    tp.transport().close();
    runUntil(loop, () -> p.lostCount > 0);
    Loops.runFor(loop, 0.02);
    assertEquals(1, p.lostCount);
    assertNull(p.lostWith);
    assertFalse(pipe.sink().isOpen());
  }

  @Test
  void socketPeerClosingIsNoticedWithoutAWriteAsAsyncioWatchesItForReading() throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      SocketChannel ours = SocketChannel.open(server.getLocalAddress());
      SocketChannel theirs = server.accept();
      RecordingProtocol p = new RecordingProtocol();
      run(loop, loop.connectWritePipe(() -> p, ours));
      theirs.close();
      runUntil(loop, () -> p.lostCount > 0);
      assertNull(p.lostWith, "nothing was buffered: asyncio's _read_ready closes without error");
      assertFalse(ours.isOpen());
    }
  }

  @Test
  void waterMarks() {
    RecordingProtocol p = new RecordingProtocol();
    var tp = connect(p);
    WriteTransport t = tp.transport();
    assertEquals(new WriteTransport.WaterMarks(16384, 65536), t.getWriteBufferLimits());
    t.setWriteBufferLimits(100, 10);
    assertEquals(new WriteTransport.WaterMarks(10, 100), t.getWriteBufferLimits());
    assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(10, 100));
    t.close();
    runUntil(loop, () -> p.lostCount > 0);
  }

  @Test
  void badArguments() {
    assertThrows(NullPointerException.class, () -> loop.connectWritePipe(null, pipe.sink()));
    assertThrows(NullPointerException.class, () -> loop.connectWritePipe(RecordingProtocol::new, null));
    assertThrows(IllegalArgumentException.class,
        () -> loop.connectWritePipe(RecordingProtocol::new, pipe.source()));
    RecordingProtocol p = new RecordingProtocol();
    var tp = connect(p);
    assertThrows(NullPointerException.class, () -> tp.transport().write((byte[]) null));
    assertThrows(NullPointerException.class, () -> tp.transport().write((ByteBuffer) null));
    tp.transport().write(new byte[0]);
    tp.transport().close();
    runUntil(loop, () -> p.lostCount > 0);
    loop.close();
    assertThrows(IllegalStateException.class,
        () -> loop.connectWritePipe(RecordingProtocol::new, pipe.sink()));
  }
}
