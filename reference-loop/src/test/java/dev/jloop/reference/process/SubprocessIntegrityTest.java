package dev.jloop.reference.process;

import static dev.jloop.reference.proctest.Loops.hex;
import static dev.jloop.reference.proctest.Loops.run;
import static dev.jloop.reference.proctest.Loops.runFor;
import static dev.jloop.reference.proctest.Loops.runUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.io.BaseTransport;
import dev.jloop.io.ReadTransport;
import dev.jloop.io.SubprocessOptions;
import dev.jloop.io.SubprocessTransport;
import dev.jloop.io.WriteTransport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.Loops;
import dev.jloop.reference.proctest.NoLeaks;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Subprocess stdio through the pump threads: every byte in order (SHA-256 on both sides), no
 * deadlock when the child writes a lot while its stdin is still being fed, and back-pressure
 * from a paused protocol all the way to the child.
 */
@ExtendWith(NoLeaks.class)
@Timeout(300)
class SubprocessIntegrityTest {
  private SelectorEventLoop loop;

  @BeforeEach
  void open() {
    loop = new SelectorEventLoop();
  }

  @AfterEach
  void close() {
    loop.close();
  }

  /** Feeds {@code total} random bytes to the child's stdin, honouring pause/resume, then closes it. */
  private class Feeder extends RecordingSubprocessProtocol {
    final long total;
    final Random rnd;
    final MessageDigest sent = Loops.sha256();
    long written;
    boolean paused;
    int pauses;

    Feeder(long total, long seed) {
      this.total = total;
      this.rnd = new Random(seed);
      this.keepOutput = false;
    }

    @Override
    public void connectionMade(BaseTransport t) {
      super.connectionMade(t);
      loop.callSoon(this::feed);
    }

    void feed() {
      WriteTransport stdin = (WriteTransport) transport.getPipeTransport(0);
      while (!paused && written < total) {
        byte[] chunk = new byte[(int) Math.min(total - written, 1 + rnd.nextInt(200_000))];
        rnd.nextBytes(chunk);
        sent.update(chunk);
        stdin.write(chunk);
        written += chunk.length;
      }
      if (written == total) {
        stdin.close();
      }
    }

    @Override
    public void pauseWriting() {
      paused = true;
      pauses++;
    }

    @Override
    public void resumeWriting() {
      paused = false;
      loop.callSoon(this::feed);
    }
  }

  private Feeder cat(long total, long seed) {
    return run(loop, loop.subprocessExec(() -> new Feeder(total, seed), List.of("cat"),
        SubprocessOptions.pipes())).protocol();
  }

  @Test
  void sixtyFourMegabytesThroughCatWhileStdinIsStillFedArriveIntact() {
    Feeder f = cat(64L << 20, 11);
    runUntil(loop, () -> f.lostCount > 0);
    assertEquals(64L << 20, f.bytes[1]);
    assertEquals(hex(f.sent.digest()), hex(f.digest[1].digest()));
    assertEquals(Integer.valueOf(0), f.transport.getReturncode());
    assertTrue(f.pauses > 0, "the stdin buffer crossed the high-water mark at least once");
    assertNull(f.pipeLostWith[0]);
    f.transport.close();
  }

  @Test
  void aSlowReaderThatPausesStdoutStillGetsEveryByteInOrder() {
    long total = 8L << 20;
    Feeder f = run(loop, loop.subprocessExec(() -> new Feeder(total, 12) {
      int chunks;

      @Override
      public void pipeDataReceived(int fd, byte[] data) {
        super.pipeDataReceived(fd, data);
        if (++chunks % 4 == 0) {
          ReadTransport out = (ReadTransport) transport.getPipeTransport(1);
          out.pauseReading();
          loop.callLater(0.002, out::resumeReading);
        }
      }
    }, List.of("cat"), SubprocessOptions.pipes())).protocol();
    runUntil(loop, () -> f.lostCount > 0);
    assertEquals(total, f.bytes[1]);
    assertEquals(hex(f.sent.digest()), hex(f.digest[1].digest()));
    f.transport.close();
  }

  @Test
  void pausedStdoutStopsThePumpAndTheBackPressureReachesStdin() {
    long total = 16L << 20;
    Feeder f = run(loop, loop.subprocessExec(() -> new Feeder(total, 13) {
      @Override
      public void connectionMade(BaseTransport t) {
        ((ReadTransport) ((SubprocessTransport) t).getPipeTransport(1)).pauseReading();
        super.connectionMade(t);
      }
    }, List.of("cat"), SubprocessOptions.pipes())).protocol();
    runFor(loop, 0.5);
    long before = f.bytes[1];
    WriteTransport stdin = (WriteTransport) f.transport.getPipeTransport(0);
    runFor(loop, 0.5);
    assertEquals(0, before, "nothing is delivered while paused");
    assertEquals(0, f.bytes[1]);
    assertTrue(f.paused, "cat blocked on its full stdout, so stdin backed up into the buffer");
    assertTrue(stdin.getWriteBufferSize() > WriteTransport.DEFAULT_HIGH_WATER);
    assertTrue(f.written < total, "the producer stopped at the high-water mark");
    ((ReadTransport) f.transport.getPipeTransport(1)).resumeReading();
    runUntil(loop, () -> f.lostCount > 0);
    assertEquals(total, f.bytes[1]);
    assertEquals(hex(f.sent.digest()), hex(f.digest[1].digest()));
    f.transport.close();
  }

  @Test
  void randomOutputSizesOnStdoutAndStderrAreCountedExactly() {
    Random rnd = new Random(14);
    for (int i = 0; i < 5; i++) {
      int out = rnd.nextInt(3 << 20);
      int err = rnd.nextInt(1 << 20);
      var tp = run(loop, loop.subprocessShell(RecordingSubprocessProtocol::new,
          "head -c " + out + " /dev/zero; head -c " + err + " /dev/zero 1>&2",
          SubprocessOptions.pipes()));
      tp.protocol().keepOutput = false;
      runUntil(loop, () -> tp.protocol().lostCount > 0);
      assertEquals(out, tp.protocol().bytes[1]);
      assertEquals(err, tp.protocol().bytes[2]);
      tp.transport().close();
    }
  }
}
