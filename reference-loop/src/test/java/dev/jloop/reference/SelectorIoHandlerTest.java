package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Selector multiplexer: dispatch to key handlers, wake-ups, timeouts, close. */
class SelectorIoHandlerTest {
  private final SelectorIoHandler io = new SelectorIoHandler();
  private final List<Pipe.SourceChannel> channels = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    io.close();
    for (var c : channels) {
      c.close();
    }
  }

  @Test
  void pollWithoutWaitingOnAnEmptySelectorReportsNothing() throws Exception {
    assertEquals(0, io.poll(0));
  }

  /** The loop leaves out non-blocking polls, and their clock reads, while nothing is registered. */
  @Test
  void hasRegistrationsOnceAChannelIsRegistered() throws Exception {
    assertFalse(io.hasRegistrations());
    Pipe pipe = Pipe.open();
    channels.add(pipe.source());
    pipe.sink().close();
    pipe.source().configureBlocking(false);
    pipe.source().register(io.selector(), SelectionKey.OP_READ);
    assertTrue(io.hasRegistrations());
  }

  @Test
  void aWakeupBeforeABlockingPollMakesItReturn() throws Exception {
    io.wakeup();
    assertEquals(0, io.poll(0)); // nothing registered: must not swallow the wake-up
    assertEquals(0, io.poll(-1)); // would block forever without the pending wake-up
  }

  @Test
  void aTimedPollReturnsAfterItsTimeout() throws Exception {
    assertEquals(0, io.poll(1)); // 1 ns rounds up to 1 ms
    assertEquals(0, io.poll(5_000_000));
  }

  @Test
  void readyKeysAreDispatchedToTheirHandler() throws Exception {
    Pipe pipe = Pipe.open();
    channels.add(pipe.source());
    pipe.source().configureBlocking(false);
    List<SelectionKey> seen = new ArrayList<>();
    SelectorIoHandler.KeyHandler handler = seen::add;
    SelectionKey key = pipe.source().register(io.selector(), SelectionKey.OP_READ, handler);
    assertEquals(0, io.poll(0), "nothing written yet");
    pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
    pipe.sink().close();
    assertEquals(1, io.poll(-1));
    assertEquals(1, seen.size());
    assertSame(key, seen.get(0));
    assertTrue(key.isReadable());
  }

  @Test
  void closeIsIdempotent() {
    io.close();
    io.close();
    assertTrue(io.isClosed());
    assertFalse(io.selector().isOpen());
  }
}
