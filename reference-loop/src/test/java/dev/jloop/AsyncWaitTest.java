package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.reference.SelectorEventLoop;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Async#wait}: asyncio's {@code wait} with its three {@code return_when} modes. */
class AsyncWaitTest extends BackendTestBase {

  private Task<String> after(double seconds, String value) {
    return loop.createTask(() -> {
      Async.sleep(seconds);
      return value;
    });
  }

  @Test
  void allCompletedWaitsForEveryFuture() {
    Task<String> a = after(0.02, "a");
    Task<String> b = after(0.0, "b");
    WaitResult<Task<String>> r = run(() -> Async.wait(List.of(a, b)));
    assertEquals(List.of(a, b), List.copyOf(r.done()), "done keeps argument order");
    assertEquals(Set.of(), r.pending());
  }

  @Test
  void firstCompletedReturnsAsSoonAsOneIsDone() {
    Task<String> slow = after(60, "slow");
    Task<String> fast = after(0.0, "fast");
    WaitResult<Task<String>> r = run(() -> Async.wait(List.of(slow, fast), null, ReturnWhen.FIRST_COMPLETED));
    assertEquals(Set.of(fast), r.done());
    assertEquals(Set.of(slow), r.pending());
    assertFalse(slow.done(), "wait() cancelled a pending future");
  }

  @Test
  void firstCompletedCountsACancelledFuture() {
    Future<String> cancelled = loop.createFuture();
    Future<String> pending = loop.createFuture();
    cancelled.cancel();
    WaitResult<Future<String>> r = run(() -> Async.wait(List.of(pending, cancelled), null, ReturnWhen.FIRST_COMPLETED));
    assertEquals(Set.of(cancelled), r.done());
  }

  @Test
  void firstExceptionReturnsOnAFailureButNotOnACancellation() {
    Future<String> cancelled = loop.createFuture();
    Future<String> failing = loop.createFuture();
    Future<String> pending = loop.createFuture();
    WaitResult<Future<String>> r = run(() -> {
      cancelled.cancel();
      loop.callLater(0.02, () -> failing.setException(new IOException("x")));
      return Async.wait(List.of(cancelled, failing, pending), null, ReturnWhen.FIRST_EXCEPTION);
    });
    assertEquals(List.of(cancelled, failing), List.copyOf(r.done()));
    assertEquals(Set.of(pending), r.pending());
  }

  @Test
  void firstExceptionWithoutFailuresWaitsForAll() {
    Task<String> a = after(0.01, "a");
    Task<String> b = after(0.02, "b");
    WaitResult<Task<String>> r = run(() -> Async.wait(List.of(a, b), null, ReturnWhen.FIRST_EXCEPTION));
    assertEquals(Set.of(a, b), r.done());
  }

  @Test
  void timeoutReturnsThePendingFuturesWithoutThrowingOrCancelling() {
    Future<String> slow = after(60, "slow");
    Future<String> fast = loop.createFuture();
    fast.setResult("done before the timer exists, so no stall can reorder them");
    WaitResult<Future<String>> r = run(() -> Async.wait(List.of(slow, fast), 0.05, ReturnWhen.ALL_COMPLETED));
    assertEquals(Set.of(fast), r.done());
    assertEquals(Set.of(slow), r.pending());
    assertFalse(slow.cancelled());
    assertThrows(UnsupportedOperationException.class, () -> r.done().clear());
  }

  @Test
  void alwaysSuspendsAtLeastOnePassEvenWhenEverythingIsDone() {
    Future<String> done = loop.createFuture();
    done.setResult("x");
    List<String> log = new java.util.ArrayList<>();
    run(() -> {
      loop.callSoon(() -> log.add("other callback"));
      Async.wait(List.of(done));
      log.add("after wait");
      return null;
    });
    assertEquals(List.of("other callback", "after wait"), log);
  }

  @Test
  void duplicatesAreCountedOnce() {
    Future<String> f = loop.createFuture();
    f.setResult("x");
    WaitResult<Future<String>> r = run(() -> Async.wait(Arrays.asList(f, f)));
    assertEquals(1, r.done().size());
  }

  @Test
  void badArgumentsAreRejected() {
    Future<String> f = loop.createFuture();
    assertThrows(IllegalArgumentException.class, () -> run(() -> Async.wait(List.<Future<?>>of())));
    assertThrows(IllegalArgumentException.class,
        () -> run(() -> Async.wait(List.of(f), Double.NaN, ReturnWhen.ALL_COMPLETED)));
    assertThrows(NullPointerException.class, () -> run(() -> Async.wait(List.of(f), 1.0, null)));
    assertThrows(NullPointerException.class, () -> run(() -> Async.wait(Arrays.asList(f, null))));
    assertThrows(IllegalStateException.class, () -> Async.wait(List.of(f)), "outside a task");
    try (SelectorEventLoop other = new SelectorEventLoop()) {
      Future<String> foreign = other.createFuture();
      assertThrows(IllegalArgumentException.class, () -> run(() -> Async.wait(List.of(foreign))));
    }
    assertTrue(!f.done());
  }
}
