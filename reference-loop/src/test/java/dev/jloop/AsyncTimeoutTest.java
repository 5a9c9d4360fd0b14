package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Async#timeout} and {@link Timeout}: asyncio 3.11's {@code asyncio.timeout}
 * (test_timeouts.py), including how {@code cancelling()}/{@code uncancel()} decide which
 * cancellation becomes a timeout.
 */
class AsyncTimeoutTest extends BackendTestBase {

  @Test
  void aBlockThatFinishesInTimeReturnsItsResult() {
    String result = run(() -> {
      Timeout t = Async.timeout(10);
      String r = t.run(() -> {
        Async.sleep(0.01);
        return "in time";
      });
      assertFalse(t.expired());
      return r;
    });
    assertEquals("in time", result);
  }

  @Test
  void anOverdueBlockIsCancelledAndTheCancellationBecomesAsyncTimeoutException() {
    List<String> log = new ArrayList<>();
    Timeout[] holder = new Timeout[1];
    AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class, () -> run(() -> {
      holder[0] = Async.timeout(0.02);
      return holder[0].run(() -> {
        try {
          Async.sleep(60);
          return "slept";
        } catch (CancelledException cancelled) {
          log.add("body saw the cancellation");
          throw cancelled;
        }
      });
    }));
    assertInstanceOf(CancelledException.class, e.getCause());
    assertTrue(holder[0].expired());
    assertEquals(List.of("body saw the cancellation"), log);
  }

  @Test
  void theTaskIsNotLeftCancellingAfterATimeout() {
    int cancelling = run(() -> {
      try {
        Async.timeout(0.01, () -> Async.await(never()));
      } catch (AsyncTimeoutException expected) {
        // the task carries on
      }
      Async.sleep(0.01); // would throw if a cancel request were still pending
      return Async.currentTask().cancelling();
    });
    assertEquals(0, cancelling);
  }

  @Test
  void aBodyThatSwallowsTheCancellationReturnsNormallyButExpired() {
    Timeout[] holder = new Timeout[1];
    String r = run(() -> {
      holder[0] = Async.timeoutAt(loop.time() + 0.01);
      return holder[0].run(() -> {
        try {
          Async.sleep(60);
          return "slept";
        } catch (CancelledException swallowed) {
          return "swallowed";
        }
      });
    });
    assertEquals("swallowed", r);
    assertTrue(holder[0].expired());
  }

  @Test
  void rescheduleMovesTheDeadline() {
    String r = run(() -> {
      Timeout t = Async.timeout(0.01);
      return t.run(() -> {
        t.reschedule(loop.time() + 10);
        Async.sleep(0.05); // past the first deadline
        return "extended";
      });
    });
    assertEquals("extended", r);

    assertThrows(AsyncTimeoutException.class, () -> run(() -> {
      Timeout t = Async.timeout(Double.POSITIVE_INFINITY);
      return t.run(() -> {
        assertEquals(Double.POSITIVE_INFINITY, t.when());
        t.reschedule(loop.time() - 1); // in the past: expires in the next pass
        Async.sleep(60);
        return "never";
      });
    }));
  }

  @Test
  void rescheduleToInfinityDisablesTheDeadline() {
    String r = run(() -> {
      Timeout t = Async.timeout(0.01);
      return t.run(() -> {
        t.reschedule(Double.POSITIVE_INFINITY);
        Async.sleep(0.05);
        return "no deadline";
      });
    });
    assertEquals("no deadline", r);
  }

  @Test
  void whenReportsTheDeadlineInLoopTime() {
    run(() -> {
      double before = loop.time();
      Timeout t = Async.timeout(5);
      assertTrue(t.when() >= before + 5 && t.when() <= loop.time() + 5, "when=" + t.when());
      assertEquals(12.5, Async.timeoutAt(12.5).when());
      return null;
    });
  }

  @Test
  void stateErrorsAreIllegalState() {
    run(() -> {
      Timeout fresh = Async.timeout(10);
      assertThrows(IllegalStateException.class, () -> fresh.reschedule(1), "not entered");
      fresh.run(() -> null);
      assertThrows(IllegalStateException.class, () -> fresh.reschedule(1), "finished");
      assertThrows(IllegalStateException.class, () -> fresh.run(() -> null), "entered twice");
      Timeout expired = Async.timeout(0);
      try {
        expired.run(() -> Async.await(never()));
      } catch (AsyncTimeoutException expected) {
        // fine
      }
      assertThrows(IllegalStateException.class, () -> expired.reschedule(1), "expired");
      return null;
    });
    Timeout outside = Async.timeoutAt(1);
    assertThrows(IllegalStateException.class, () -> outside.run(() -> null), "outside a task");
    assertThrows(IllegalStateException.class, () -> Async.timeout(1), "no running loop");
    assertThrows(IllegalArgumentException.class, () -> Async.timeoutAt(Double.NaN));
    assertThrows(NullPointerException.class, () -> run(() -> Async.timeout(1).run(null)));
  }

  @Test
  void innerExpiryIsConvertedByTheInnerTimeoutOnly() {
    String r = run(() -> Async.timeout(10, () -> {
      try {
        Async.timeout(0.01, () -> Async.await(never()));
        return "inner returned";
      } catch (AsyncTimeoutException expected) {
        return "inner timed out, outer unaffected";
      }
    }));
    assertEquals("inner timed out, outer unaffected", r);
  }

  @Test
  void outerExpiryPassesThroughTheInnerTimeoutAsCancellation() {
    // test_timeouts.py test_nested_timeouts: the outer, which caused the cancel, converts it.
    List<String> log = new ArrayList<>();
    assertThrows(AsyncTimeoutException.class, () -> run(() -> Async.timeout(0.01, () -> {
      try {
        return Async.timeout(10, () -> Async.await(never()));
      } catch (CancelledException e) {
        log.add("inner let the cancellation through");
        throw e;
      }
    })));
    assertEquals(List.of("inner let the cancellation through"), log);
  }

  @Test
  void anExternalCancelDuringAnExpiredTimeoutStaysACancellation() {
    // asyncio: uncancel() > cancelling-at-entry means someone else also asked: re-raise.
    Task<Object> t = loop.createTask(() -> Async.timeout(0.01, () -> {
      try {
        return Async.await(never());
      } catch (CancelledException first) {
        Async.currentTask().cancel("external"); // a second request while expiring
        throw first;
      }
    }));
    assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
    assertTrue(t.cancelled());
  }

  @Test
  void aCancelOfTheTaskWithoutExpiryIsNotConverted() {
    Task<Object> t = loop.createTask(() -> Async.timeout(10, () -> Async.await(never())));
    run(() -> {
      Async.sleep(0.01);
      t.cancel();
      return null;
    });
    assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
  }
}
