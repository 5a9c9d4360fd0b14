package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Handle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ready queue and the pass structure of {@code runOnce} (asyncio's {@code _run_once}). */
class SchedulingOrderTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();
  private final List<String> log = new ArrayList<>();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  /** asyncio's call_soon promises FIFO order (its docstring; test_events test_call_soon). */
  @Test
  void callSoonRunsCallbacksInFifoOrder() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int n = i;
      loop.callSoon(() -> order.add(n));
    }
    loop.callSoon(loop::stop);
    loop.runForever();
    assertEquals(1000, order.size());
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, order.get(i), "callback " + i + " ran out of FIFO order");
    }
  }

  @Test
  void callSoonReturnsAHandleOfThisLoop() {
    Handle h = loop.callSoon(() -> {});
    assertSame(loop, h.getLoop());
    assertFalse(h.cancelled());
  }

  /** asyncio test_base_events test_run_once: call_soon(stop) + run_forever runs one pass. */
  @Test
  void callbacksScheduledDuringAPassRunInTheNextPass() {
    loop.callSoon(() -> {
      log.add("a");
      loop.callSoon(() -> log.add("a-child"));
    });
    loop.callSoon(() -> log.add("b"));
    loop.callSoon(loop::stop);
    loop.runForever();
    assertEquals(List.of("a", "b"), log, "a callback scheduled during the pass ran in that pass");

    loop.callSoon(loop::stop);
    loop.runForever();
    assertEquals(List.of("a", "b", "a-child"), log);
  }

  @Test
  void aCallbackThatReschedulesItselfRunsOncePerPass() {
    int[] runs = {0};
    Runnable[] self = new Runnable[1];
    self[0] = () -> {
      runs[0]++;
      loop.callSoon(self[0]);
    };
    loop.callSoon(self[0]);
    for (int pass = 1; pass <= 5; pass++) {
      loop.stop();
      loop.runForever();
      assertEquals(pass, runs[0], "after " + pass + " passes");
    }
  }

  @Test
  void cancelledHandleDoesNotRun() {
    Handle h = loop.callSoon(() -> log.add("cancelled"));
    loop.callSoon(() -> log.add("kept"));
    h.cancel();
    loop.stop();
    loop.runForever();
    assertEquals(List.of("kept"), log);
    assertTrue(h.cancelled());
  }

  @Test
  void handleCancelledByAnEarlierCallbackOfTheSamePassDoesNotRun() {
    Handle[] later = new Handle[1];
    loop.callSoon(() -> later[0].cancel());
    later[0] = loop.callSoon(() -> log.add("should not run"));
    loop.stop();
    loop.runForever();
    assertEquals(List.of(), log);
  }

  /** asyncio test_events test_call_soon_threadsafe_same_thread. */
  @Test
  void callSoonThreadsafeThenCallSoonOnOneThreadKeepOrder() {
    loop.callSoonThreadsafe(() -> log.add("hello"));
    loop.callSoon(() -> log.add("world"));
    loop.callSoonThreadsafe(() -> log.add("again"));
    loop.callSoon(loop::stop);
    loop.runForever();
    assertEquals(List.of("hello", "world", "again"), log);
  }

  @Test
  void callSoonThreadsafeFromTheLoopThreadKeepsOrderWithCallSoon() {
    loop.callSoon(() -> {
      loop.callSoon(() -> log.add("1"));
      loop.callSoonThreadsafe(() -> log.add("2"));
      loop.callSoon(() -> log.add("3"));
      loop.callSoon(loop::stop);
    });
    loop.runForever();
    loop.callSoon(loop::stop);
    loop.runForever();
    assertEquals(List.of("1", "2", "3"), log);
  }

  /** asyncio's stop(): "every callback already scheduled will still run". */
  @Test
  void stopLetsTheCurrentPassFinish() {
    loop.callSoon(() -> {
      log.add("stopper");
      loop.stop();
      loop.callSoon(() -> log.add("next pass"));
    });
    loop.callSoon(() -> log.add("same pass"));
    loop.runForever();
    assertEquals(List.of("stopper", "same pass"), log);
    assertFalse(loop.isRunning());

    loop.stop();
    loop.runForever();
    assertEquals(List.of("stopper", "same pass", "next pass"), log);
  }

  /** asyncio test_base_events test_run_forever_pre_stopped: stop() first, then one pass. */
  @Test
  void stopBeforeRunForeverRunsExactlyOnePass() {
    Runnable[] self = new Runnable[1];
    self[0] = () -> {
      log.add("pass");
      loop.callSoon(self[0]);
    };
    loop.callSoon(self[0]);
    loop.stop();
    loop.runForever();
    assertEquals(List.of("pass"), log);
  }

  @Test
  void stopBeforeRunForeverDoesNotWaitForTimers() {
    loop.callLater(3600, () -> log.add("timer"));
    loop.stop();
    loop.runForever(); // must return at once: poll timeout 0 while stopping
    assertEquals(List.of(), log);
    assertEquals(1, loop.scheduledTimerCount());
  }

  @Test
  void runForeverCanBeRestartedAfterStop() {
    for (int i = 0; i < 3; i++) {
      int n = i;
      loop.callSoon(() -> log.add("run " + n));
      loop.callSoon(loop::stop);
      loop.runForever();
    }
    assertEquals(List.of("run 0", "run 1", "run 2"), log);
  }
}
