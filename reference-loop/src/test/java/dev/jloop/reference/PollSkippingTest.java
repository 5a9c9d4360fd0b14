package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reference loop's one departure from asyncio's pass structure: a pass with callbacks ready
 * may skip its non-blocking poll, within a time bound and a pass bound ({@link PollSkipping}).
 * asyncio's {@code _run_once} polls in every pass, so a callback chain that reschedules itself
 * never starves I/O there; these tests hold the reference loop to the same guarantee, within the
 * bounds.
 */
class PollSkippingTest {
  private final RecordingIoHandler io = new RecordingIoHandler();
  private final List<SelectorEventLoop> loops = new ArrayList<>();
  private final List<Pipe> pipes = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (SelectorEventLoop l : loops) {
      l.close();
    }
    for (Pipe p : pipes) {
      p.source().close();
      p.sink().close();
    }
  }

  /** A loop on a real selector (addReader needs one). */
  private SelectorEventLoop loop(PollSkipping policy) {
    return loop(new SelectorIoHandler(), policy);
  }

  private SelectorEventLoop loop(IoHandler handler, PollSkipping policy) {
    SelectorEventLoop l = new SelectorEventLoop(handler, policy);
    loops.add(l);
    return l;
  }

  /** A pipe with one byte waiting in it, its read end registered with addReader. */
  private Pipe readablePipe(SelectorEventLoop l, Runnable onReadable) throws IOException {
    Pipe p = Pipe.open();
    pipes.add(p);
    p.source().configureBlocking(false);
    p.sink().write(ByteBuffer.wrap(new byte[] {1}));
    l.addReader(p.source(), onReadable);
    return p;
  }

  /**
   * A callSoon chain that never ends, started before the loop runs: the reader must still run,
   * and within the pass bound. Mirrors asyncio, where a busy chain cannot starve I/O because
   * every pass polls.
   */
  @Test
  void aCallbackChainThatNeverEndsStillLetsIoIn() throws IOException {
    int maxPasses = 8;
    SelectorEventLoop l = loop(new PollSkipping(60_000_000, maxPasses)); // a minute: only the pass bound acts
    int[] passes = {0};
    int[] readerRanAtPass = {-1};
    Runnable[] chain = new Runnable[1];
    chain[0] = () -> {
      passes[0]++;
      if (passes[0] > 10_000) {
        l.stop(); // a starved reader: give up and fail below
      } else {
        l.callSoon(chain[0]);
      }
    };
    // The first pass polls and finds the pipe readable: drain it once so that the reader must
    // be found again by a later poll, during the chain.
    Pipe[] p = new Pipe[1];
    boolean[] firstReadDone = {false};
    p[0] = readablePipe(l, () -> {
      if (!firstReadDone[0]) {
        firstReadDone[0] = true;
        drain(p[0]);
        l.callSoon(() -> write(p[0])); // readable again from the next pass on
        return;
      }
      readerRanAtPass[0] = passes[0];
      l.stop();
    });
    l.callSoon(chain[0]);
    l.runForever();
    assertTrue(readerRanAtPass[0] >= 0, "the reader never ran while the chain spun: I/O starved");
    // The byte is in the pipe before pass 2 starts; it must be seen within maxPasses + 1 passes.
    assertTrue(readerRanAtPass[0] <= maxPasses + 2,
        "the reader ran only after " + readerRanAtPass[0] + " passes of the chain");
  }

  /** Every pass that lasts longer than the time bound is followed by a poll, as in asyncio. */
  @Test
  void aPassLongerThanTheTimeBoundIsFollowedByAPoll() throws IOException {
    SelectorEventLoop l = loop(new PollSkipping(50, 1_000_000)); // only the time bound acts
    int[] passes = {0};
    int[] readerRanAtPass = {-1};
    Runnable[] slowChain = new Runnable[1];
    slowChain[0] = () -> {
      passes[0]++;
      long until = System.nanoTime() + 200_000; // busy 200 us: four times the bound
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      if (passes[0] < 1000 && readerRanAtPass[0] < 0) {
        l.callSoon(slowChain[0]);
      } else {
        l.stop();
      }
    };
    Pipe[] p = new Pipe[1];
    boolean[] firstReadDone = {false};
    p[0] = readablePipe(l, () -> {
      if (!firstReadDone[0]) {
        firstReadDone[0] = true;
        drain(p[0]);
        l.callSoon(() -> write(p[0]));
        return;
      }
      if (readerRanAtPass[0] < 0) { // the byte stays: it runs again until the chain stops
        readerRanAtPass[0] = passes[0];
      }
    });
    l.callSoon(slowChain[0]);
    l.runForever();
    // The write runs in pass 2; pass 3 follows a slow pass, so it polls and runs the reader.
    assertTrue(readerRanAtPass[0] >= 0 && readerRanAtPass[0] <= 3,
        "the reader ran at chain pass " + readerRanAtPass[0] + " although every pass was slow");
  }

  /** asyncio's test_utils.run_once idiom: call_soon(stop); run_forever() sees ready I/O. */
  @Test
  void everyRunStartsWithAPoll() throws IOException {
    SelectorEventLoop l = loop(PollSkipping.fromSystemProperties());
    l.callSoon(l::stop);
    l.runForever(); // one pass that polls: recent, so a skipping policy would skip the next
    int[] reads = {0};
    readablePipe(l, () -> reads[0]++);
    l.callSoon(l::stop);
    l.runForever();
    assertEquals(1, reads[0], "the pass of a new run did not poll");
  }

  /**
   * A JDK selector closes a registered channel's descriptor only at its next selection; a run
   * that ends on passes that skipped their poll must still leave a closed channel closed, as
   * when every pass polled (a pipe's writer then sees the broken pipe at once).
   */
  @Test
  void aRunEndingOnSkippedPollsLeavesClosedChannelsClosed() throws IOException {
    SelectorEventLoop l = loop(new PollSkipping(60_000_000, 1_000_000)); // skip whenever allowed
    Pipe p = Pipe.open();
    pipes.add(p);
    p.source().configureBlocking(false);
    l.addReader(p.source(), () -> {});
    l.callSoon(() -> l.callSoon(() -> { // the second pass: it skips its poll
      l.removeReader(p.source());
      try {
        p.source().close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      l.callSoon(l::stop); // the third pass skips too, and ends the run
    }));
    l.runForever();
    assertThrows(IOException.class, () -> p.sink().write(ByteBuffer.wrap(new byte[] {1})),
        "the pipe's read end is still open after the run");
  }

  /** With either bound 0, every pass with callbacks ready polls without waiting (asyncio's rule). */
  @Test
  void zeroBoundsPollInEveryPass() {
    SelectorEventLoop l = loop(io, new PollSkipping(0, 64));
    int[] n = {0};
    Runnable[] chain = new Runnable[1];
    chain[0] = () -> {
      if (++n[0] < 20) {
        l.callSoon(chain[0]);
      } else {
        l.stop();
      }
    };
    l.callSoon(chain[0]);
    l.runForever();
    assertEquals(20, io.timeouts.size(), "one poll per pass");
    assertTrue(io.timeouts.stream().allMatch(t -> t == 0L), "non-blocking polls: " + io.timeouts);
  }

  /** A policy that skips still polls at least once every maxPasses + 1 passes. */
  @Test
  void thePassBoundLimitsConsecutiveSkips() {
    PollSkipping policy = new PollSkipping(60_000_000, 3);
    assertFalse(policy.skipNonBlockingPoll(), "the first pass polls");
    policy.polled();
    int skipped = 0;
    for (int i = 0; i < 10 && policy.skipNonBlockingPoll(); i++) {
      skipped++;
    }
    assertEquals(3, skipped);
    policy.polled();
    assertTrue(policy.skipNonBlockingPoll(), "a poll starts a new count");
    policy.pollNext();
    assertFalse(policy.skipNonBlockingPoll(), "pollNext forces the next pass to poll");
  }

  @Test
  void negativeBoundsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new PollSkipping(-1, 64));
    assertThrows(IllegalArgumentException.class, () -> new PollSkipping(50, -1));
    PollSkipping never = new PollSkipping(0, 0);
    never.polled();
    assertFalse(never.skipNonBlockingPoll(), "zero bounds never skip");
  }

  private static void drain(Pipe p) {
    try {
      p.source().read(ByteBuffer.allocate(16));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void write(Pipe p) {
    try {
      p.sink().write(ByteBuffer.wrap(new byte[] {2}));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
