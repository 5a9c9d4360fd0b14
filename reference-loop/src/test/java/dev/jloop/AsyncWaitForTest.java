package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.reference.SelectorEventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Async#waitFor}: asyncio's {@code wait_for} (test_waitfor.py). */
class AsyncWaitForTest extends BackendTestBase {

  private Task<String> after(double seconds, String value) {
    return loop.createTask(() -> {
      Async.sleep(seconds);
      return value;
    });
  }

  @Test
  void returnsTheResultWhenTheFutureIsInTime() {
    assertEquals("quick", run(() -> Async.waitFor(after(0.01, "quick"), 10)));
    assertEquals("coroutine", run(() -> Async.waitFor(() -> "coroutine", 10)));
  }

  @Test
  void onTimeoutCancelsTheFutureAndThrowsAsyncTimeoutException() {
    Task<String> slow = after(60, "never");
    AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class,
        () -> run(() -> Async.waitFor(slow, 0.02)));
    assertInstanceOf(CancelledException.class, e.getCause());
    assertTrue(slow.cancelled(), "waitFor() returned before its future was cancelled");
  }

  @Test
  void waitsUntilTheCancelledFutureHasFinishedItsCleanUp() {
    // bpo-32751: wait_for() must not return while the inner task still runs.
    List<String> log = new ArrayList<>();
    Task<String> inner = loop.createTask(() -> {
      try {
        Async.sleep(60);
        return "never";
      } catch (CancelledException e) {
        Async.sleep(0.02); // clean-up that itself awaits
        log.add("inner cleaned up");
        throw e;
      }
    });
    assertThrows(AsyncTimeoutException.class, () -> run(() -> {
      try {
        return Async.waitFor(inner, 0.01);
      } finally {
        log.add("waitFor returned");
      }
    }));
    assertEquals(List.of("inner cleaned up", "waitFor returned"), log);
  }

  @Test
  void anInnerTaskThatRefusesTheCancelDeliversItsOutcome() {
    // bpo-40607: if cancelling failed, the inner outcome is what wait_for returns or raises.
    Task<String> stubborn = loop.createTask(() -> {
      try {
        Async.sleep(60);
        return "slept";
      } catch (CancelledException e) {
        return "refused";
      }
    });
    assertEquals("refused", run(() -> Async.waitFor(stubborn, 0.01)));
  }

  @Test
  void zeroOrNegativeTimeoutReturnsADoneResultAndCancelsAPendingFuture() {
    Future<String> done = loop.createFuture();
    done.setResult("ready");
    assertEquals("ready", run(() -> Async.waitFor(done, 0)));
    for (double timeout : new double[] {0, -1, Double.NEGATIVE_INFINITY}) {
      Future<String> pending = loop.createFuture();
      assertThrows(AsyncTimeoutException.class, () -> run(() -> Async.waitFor(pending, timeout)));
      assertTrue(pending.cancelled(), "timeout " + timeout);
    }
  }

  @Test
  void infiniteTimeoutWaitsWithoutLimit() {
    assertEquals("late", run(() -> Async.waitFor(after(0.03, "late"), Double.POSITIVE_INFINITY)));
  }

  @Test
  void cancellingTheWaitingTaskCancelsTheFutureAndPropagates() {
    Task<String> inner = after(60, "never");
    Task<String> waiter = loop.createTask(() -> Async.waitFor(inner, 30));
    run(() -> {
      Async.sleep(0.01);
      waiter.cancel("outer");
      return null;
    });
    CancelledException e = assertThrows(CancelledException.class, () -> loop.runUntilComplete(waiter));
    assertEquals("outer", e.getMessage());
    assertTrue(inner.cancelled());
    assertTrue(waiter.cancelled());
  }

  @Test
  void cancellationInThePassTheFutureCompletesWins() {
    // A deliberate 3.12 choice (gh-86296): 3.11 returned the result and lost the cancellation.
    Future<String> f = loop.createFuture();
    Task<String> waiter = loop.createTask(() -> Async.waitFor(f, 30));
    runOnePass();
    runOnePass();
    f.setResult("done meanwhile");
    waiter.cancel();
    assertThrows(CancelledException.class, () -> loop.runUntilComplete(waiter));
    assertTrue(waiter.cancelled());
  }

  @Test
  void futureExceptionPassesThroughUnchanged() {
    IllegalArgumentException error = new IllegalArgumentException("inner");
    Task<String> failing = loop.createTask(() -> {
      throw error;
    });
    assertEquals(error, assertThrows(IllegalArgumentException.class,
        () -> run(() -> Async.waitFor(failing, 10))));
  }

  @Test
  void badArgumentsAreRejected() {
    Future<String> f = loop.createFuture();
    assertThrows(IllegalArgumentException.class, () -> run(() -> Async.waitFor(f, Double.NaN)));
    assertThrows(NullPointerException.class, () -> run(() -> Async.waitFor((Future<String>) null, 1)));
    assertThrows(IllegalStateException.class, () -> Async.waitFor(f, 1), "outside a task");
    try (SelectorEventLoop other = new SelectorEventLoop()) {
      Future<String> foreign = other.createFuture();
      assertThrows(IllegalArgumentException.class, () -> run(() -> Async.waitFor(foreign, 1)));
    }
    assertFalse(f.done());
  }
}
