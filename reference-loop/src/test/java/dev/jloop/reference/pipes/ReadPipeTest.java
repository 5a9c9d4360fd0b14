package dev.jloop.reference.pipes;

import static dev.jloop.reference.proctest.Loops.hex;
import static dev.jloop.reference.proctest.Loops.run;
import static dev.jloop.reference.proctest.Loops.runUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Future;
import dev.jloop.io.ReadTransport;
import dev.jloop.io.TransportProtocol;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.Loops;
import dev.jloop.reference.proctest.NoLeaks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's connect_read_pipe and _UnixReadPipeTransport over java.nio.channels.Pipe. */
@ExtendWith(NoLeaks.class)
@Timeout(120)
class ReadPipeTest {
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

  private TransportProtocol<ReadTransport, RecordingProtocol> connect(RecordingProtocol p) {
    return run(loop, loop.connectReadPipe(() -> p, pipe.source()));
  }

  /** Writes {@code total} random bytes in random-size writes with pauses; returns the SHA-256. */
  private Thread writer(long total, long seed, AtomicReference<String> sha) {
    Thread t = new Thread(() -> {
      Random rnd = new Random(seed);
      MessageDigest md = Loops.sha256();
      try (var sink = pipe.sink()) {
        long left = total;
        while (left > 0) {
          byte[] chunk = new byte[(int) Math.min(left, 1 + rnd.nextInt(100_000))];
          rnd.nextBytes(chunk);
          md.update(chunk);
          ByteBuffer b = ByteBuffer.wrap(chunk);
          while (b.hasRemaining()) {
            sink.write(b);
          }
          left -= chunk.length;
          if (rnd.nextInt(20) == 0) {
            Thread.sleep(1);
          }
        }
        sha.set(hex(md.digest()));
      } catch (IOException | InterruptedException e) {
        sha.set("writer failed: " + e);
      }
    }, "test-pipe-writer");
    t.start();
    return t;
  }

  @Test
  void everyByteArrivesInOrderThenEofThenConnectionLost() throws Exception {
    AtomicReference<String> sha = new AtomicReference<>();
    RecordingProtocol p = new RecordingProtocol();
    var tp = connect(p);
    assertEquals(List.of("made"), p.events);
    assertSame(pipe.source(), tp.transport().getExtraInfo("pipe"));
    Thread w = writer(8L << 20, 1, sha);
    runUntil(loop, () -> p.lostCount > 0);
    w.join();
    assertEquals(8L << 20, p.bytes);
    assertEquals(sha.get(), hex(p.digest.digest()));
    // asyncio: eof_received then connection_lost(None), each in its own callback
    assertEquals(List.of("made", "data", "eof", "lost"), p.events);
    assertNull(p.lostWith);
    assertFalse(pipe.source().isOpen(), "the transport closes the pipe");
  }

  @Test
  void aSlowReaderThatPausesAndResumesStillGetsEveryByte() throws Exception {
    AtomicReference<String> sha = new AtomicReference<>();
    RecordingProtocol p = new RecordingProtocol() {
      int calls;

      @Override
      public void dataReceived(byte[] data) {
        super.dataReceived(data);
        ReadTransport t = (ReadTransport) transport;
        if (++calls % 3 == 0) {
          t.pauseReading();
          assertFalse(t.isReading());
          loop.callLater(0.002, t::resumeReading);
        }
      }
    };
    connect(p);
    Thread w = writer(4L << 20, 2, sha);
    runUntil(loop, () -> p.lostCount > 0);
    w.join();
    assertEquals(4L << 20, p.bytes);
    assertEquals(sha.get(), hex(p.digest.digest()));
  }

  @Test
  void pausedTransportDeliversNothingUntilResumed() throws IOException {
    RecordingProtocol p = new RecordingProtocol();
    var tp = connect(p);
    tp.transport().pauseReading();
    tp.transport().pauseReading();
    pipe.sink().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    Loops.runFor(loop, 0.05);
    assertEquals(0, p.bytes);
    tp.transport().resumeReading();
    tp.transport().resumeReading();
    runUntil(loop, () -> p.bytes == 3);
    assertTrue(tp.transport().isReading());
    tp.transport().close();
    runUntil(loop, () -> p.lostCount == 1);
  }

  @Test
  void closeEndsWithConnectionLostNullOnceAndClosesThePipe() {
    RecordingProtocol p = new RecordingProtocol();
    var tp = connect(p);
    tp.transport().close();
    assertTrue(tp.transport().isClosing());
    assertFalse(tp.transport().isReading());
    tp.transport().close();
    runUntil(loop, () -> p.lostCount > 0);
    Loops.runFor(loop, 0.02);
    assertEquals(List.of("made", "lost"), p.events);
    assertNull(p.lostWith);
    assertFalse(pipe.source().isOpen());
  }

  @Test
  void badArguments() throws IOException {
    assertThrows(NullPointerException.class, () -> loop.connectReadPipe(null, pipe.source()));
    assertThrows(NullPointerException.class, () -> loop.connectReadPipe(RecordingProtocol::new, null));
    assertThrows(IllegalArgumentException.class,
        () -> loop.connectReadPipe(RecordingProtocol::new, pipe.sink()));
    Pipe other = Pipe.open();
    other.source().close();
    other.sink().close();
    assertThrows(IllegalArgumentException.class,
        () -> loop.connectReadPipe(RecordingProtocol::new, other.source()));
    Future<?> nullProtocol = loop.connectReadPipe(() -> null, pipe.source());
    assertInstanceOf(NullPointerException.class, assertThrows(Throwable.class, () -> run(loop, nullProtocol)));
    loop.close();
    assertThrows(IllegalStateException.class,
        () -> loop.connectReadPipe(RecordingProtocol::new, pipe.source()));
  }

  @Test
  void aPipeAlreadyUsedByATransportIsRefused() {
    RecordingProtocol p = new RecordingProtocol();
    var tp = connect(p);
    Future<?> second = loop.connectReadPipe(RecordingProtocol::new, pipe.source());
    assertInstanceOf(IllegalStateException.class, assertThrows(Throwable.class, () -> run(loop, second)));
    tp.transport().close();
    runUntil(loop, () -> p.lostCount == 1);
  }
}
