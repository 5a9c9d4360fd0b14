package dev.jloop.reference.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.ReadTransport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.streams.IncompleteReadException;
import dev.jloop.streams.LimitOverrunException;
import dev.jloop.streams.StreamReader;
import dev.jloop.streams.StreamReaderProtocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** StreamReader fed by hand, as asyncio's test_streams.StreamTests. */
class StreamReaderTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();

  @AfterEach
  void close() {
    loop.close();
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private <T> T run(dev.jloop.Coroutine<T> body) {
    return loop.runUntilComplete(body);
  }

  /** A transport that records pause/resume calls. */
  static final class FakeTransport implements ReadTransport {
    final List<String> calls = new ArrayList<>();
    boolean reading = true;

    @Override public boolean isReading() { return reading; }
    @Override public void pauseReading() { reading = false; calls.add("pause"); }
    @Override public void resumeReading() { reading = true; calls.add("resume"); }
    @Override public Object getExtraInfo(String name) { return null; }
    @Override public boolean isClosing() { return false; }
    @Override public void close() {}
    @Override public void setProtocol(BaseProtocol protocol) {}
    @Override public BaseProtocol getProtocol() { return null; }
  }

  @Test
  void readNReturnsWhatIsBufferedUpToN() {
    StreamReader r = new StreamReader(loop);
    r.feedData(b("abcdef"));
    run(() -> {
      assertArrayEquals(b("abcd"), Async.await(r.read(4)));
      assertArrayEquals(b("ef"), Async.await(r.read(100)));
      assertArrayEquals(new byte[0], Async.await(r.read(0)));
      Future<byte[]> waiting = r.read(10);
      assertFalse(waiting.done());
      r.feedData(b("gh"));
      assertArrayEquals(b("gh"), Async.await(waiting));
      r.feedEof();
      assertArrayEquals(new byte[0], Async.await(r.read(10)), "EOF: empty");
      return null;
    });
  }

  @Test
  void readAllCollectsUntilEofBeyondTheLimit() {
    StreamReader r = new StreamReader(loop, 4);
    run(() -> {
      Future<byte[]> all = r.read();
      for (int i = 0; i < 10; i++) {
        r.feedData(b("0123456789"));
      }
      assertFalse(all.done());
      r.feedEof();
      assertEquals(100, Async.await(all).length);
      assertTrue(r.atEof());
      return null;
    });
  }

  @Test
  void readexactlyWaitsForAllAndReportsPartialAtEof() {
    StreamReader r = new StreamReader(loop);
    run(() -> {
      Future<byte[]> f = r.readexactly(5);
      r.feedData(b("ab"));
      assertFalse(f.done());
      r.feedData(b("cdefg"));
      assertArrayEquals(b("abcde"), Async.await(f));
      r.feedEof();
      IncompleteReadException e = assertThrows(IncompleteReadException.class,
          () -> Async.await(r.readexactly(5)));
      assertArrayEquals(b("fg"), e.partial());
      assertEquals(5, e.expected());
      assertTrue(r.atEof(), "the partial bytes left the buffer");
      assertArrayEquals(new byte[0], Async.await(r.readexactly(0)));
      return null;
    });
    assertThrows(IllegalArgumentException.class, () -> r.readexactly(-1));
  }

  @Test
  void readlineSplitsLinesAndReturnsTheIncompleteLastOne() {
    StreamReader r = new StreamReader(loop);
    r.feedData(b("line1\nline2\nrest"));
    r.feedEof();
    run(() -> {
      assertArrayEquals(b("line1\n"), Async.await(r.readline()));
      assertArrayEquals(b("line2\n"), Async.await(r.readline()));
      assertArrayEquals(b("rest"), Async.await(r.readline()));
      assertArrayEquals(new byte[0], Async.await(r.readline()));
      return null;
    });
  }

  @Test
  void readuntilFindsMultiByteSeparatorsAcrossFeeds() {
    StreamReader r = new StreamReader(loop);
    run(() -> {
      Future<byte[]> f = r.readuntil(b("\r\n\r\n"));
      r.feedData(b("HEAD\r\n"));
      r.feedData(b("X: y\r"));
      assertFalse(f.done());
      r.feedData(b("\n\r\nbody"));
      assertArrayEquals(b("HEAD\r\nX: y\r\n\r\n"), Async.await(f));
      r.feedEof();
      IncompleteReadException e = assertThrows(IncompleteReadException.class,
          () -> Async.await(r.readuntil(b("\r\n"))));
      assertArrayEquals(b("body"), e.partial());
      assertNull(e.expected());
      return null;
    });
    assertThrows(IllegalArgumentException.class, () -> r.readuntil(new byte[0]));
  }

  /** asyncio: LimitOverrunError leaves the data in the buffer, so it can be read another way. */
  @Test
  void readuntilOverTheLimitFailsAndKeepsTheData() {
    StreamReader r = new StreamReader(loop, 5);
    run(() -> {
      r.feedData(b("0123456789\n"));
      LimitOverrunException e = assertThrows(LimitOverrunException.class, () -> Async.await(r.readuntil()));
      assertEquals(10, e.consumed(), "separator found, but at 10 > limit 5");
      assertArrayEquals(b("0123456789\n"), Async.await(r.read(100)), "still buffered");
      r.feedData(b("abcdefgh"));
      LimitOverrunException e2 = assertThrows(LimitOverrunException.class, () -> Async.await(r.readuntil()));
      assertTrue(e2.consumed() > 5);
      return null;
    });
  }

  /** asyncio: readline over the limit raises ValueError and drops the line (or the buffer). */
  @Test
  void readlineOverTheLimitDropsTheLine() {
    StreamReader r = new StreamReader(loop, 5);
    run(() -> {
      r.feedData(b("0123456789\nok\n"));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Async.await(r.readline()));
      assertInstanceOf(LimitOverrunException.class, e.getCause());
      assertArrayEquals(b("ok\n"), Async.await(r.readline()), "the long line and its newline were dropped");
      r.feedData(b("0123456789"));
      assertThrows(IllegalArgumentException.class, () -> Async.await(r.readline()));
      r.feedData(b("x\n"));
      assertArrayEquals(b("x\n"), Async.await(r.readline()), "without a newline the buffer was cleared");
      return null;
    });
  }

  @Test
  void onlyOneReadMayWaitButACancelledOneStepsAside() {
    StreamReader r = new StreamReader(loop);
    run(() -> {
      Future<byte[]> first = r.read(1);
      assertThrows(IllegalStateException.class, () -> r.readline(),
          "asyncio: called while another coroutine is already waiting for incoming data");
      first.cancel();
      assertThrows(CancelledException.class, () -> Async.await(first));
      Future<byte[]> second = r.read(3);
      r.feedData(b("xyz"));
      assertArrayEquals(b("xyz"), Async.await(second), "the cancelled read took nothing");
      return null;
    });
  }

  @Test
  void anExceptionFailsTheWaitingReadAndEveryLaterOne() {
    StreamReader r = new StreamReader(loop);
    RuntimeException boom = new RuntimeException("reset");
    run(() -> {
      Future<byte[]> f = r.readexactly(3);
      r.setException(boom);
      assertSame(boom, assertThrows(RuntimeException.class, () -> Async.await(f)));
      assertSame(boom, assertThrows(RuntimeException.class, () -> Async.await(r.read(1))));
      assertSame(boom, r.exception());
      return null;
    });
  }

  /** The transport pauses above 2 x limit and resumes at the limit, or when a read must wait. */
  @Test
  void pausesTheTransportAboveTwiceTheLimit() {
    StreamReader r = new StreamReader(loop, 10);
    FakeTransport t = new FakeTransport();
    r.setTransport(t);
    assertThrows(IllegalStateException.class, () -> r.setTransport(t));
    run(() -> {
      r.feedData(new byte[15]);
      r.feedData(new byte[10]);
      assertEquals(List.of("pause"), t.calls);
      Async.await(r.read(10)); // 15 left: above the limit
      assertEquals(List.of("pause"), t.calls);
      Async.await(r.read(5)); // 10 left: at the limit
      assertEquals(List.of("pause", "resume"), t.calls);
      r.feedData(new byte[25]); // 35 > 20: paused again
      Future<byte[]> big = r.readexactly(50); // must wait: resumes at once (no deadlock)
      assertEquals(List.of("pause", "resume", "pause", "resume"), t.calls);
      r.feedData(new byte[15]);
      assertEquals(50, Async.await(big).length);
      return null;
    });
  }

  /**
   * The protocol's arrays are its own (Protocol.dataReceived), so the reader may hand them to
   * a read without copying; an array given to the public feedData is copied, as asyncio's
   * feed_data copies into its bytearray.
   */
  @Test
  void protocolDataIsHandedOnWithoutCopyButFeedDataCopies() {
    StreamReader r = new StreamReader(loop);
    StreamReaderProtocol p = new StreamReaderProtocol(loop, r);
    run(() -> {
      Future<byte[]> waiting = r.read(1000);
      byte[] received = b("fresh read");
      p.dataReceived(received);
      assertSame(received, Async.await(waiting));
      byte[] mine = b("caller's");
      r.feedData(mine);
      mine[0] = 'X';
      assertArrayEquals(b("caller's"), Async.await(r.read(1000)));
      byte[] twoParts = b("head+tail");
      p.dataReceived(twoParts);
      assertArrayEquals(b("head"), Async.await(r.read(4)));
      assertArrayEquals(b("+tail"), Async.await(r.read(1000)));
      return null;
    });
  }

  /** A reader subclass that overrides feedData still sees every chunk (asyncio calls feed_data). */
  @Test
  void protocolCallsAnOverriddenFeedData() {
    List<Integer> fed = new ArrayList<>();
    StreamReader r = new StreamReader(loop) {
      @Override
      public void feedData(byte[] data) {
        fed.add(data.length);
        super.feedData(data);
      }
    };
    new StreamReaderProtocol(loop, r).dataReceived(b("abc"));
    assertEquals(List.of(3), fed);
    assertArrayEquals(b("abc"), run(() -> Async.await(r.read(10))));
  }

  @Test
  void badUse() {
    assertThrows(IllegalArgumentException.class, () -> new StreamReader(loop, 0));
    assertThrows(NullPointerException.class, () -> new StreamReader(null));
    StreamReader r = new StreamReader(loop);
    r.feedEof();
    assertThrows(IllegalStateException.class, () -> r.feedData(b("late")));
    assertTrue(r.atEof());
  }
}
