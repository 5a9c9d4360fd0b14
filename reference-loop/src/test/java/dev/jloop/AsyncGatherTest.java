package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.reference.SelectorEventLoop;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Async#gather}: asyncio 3.11's {@code gather} (test_tasks.py, {@code GatherTestsBase}). */
class AsyncGatherTest extends BackendTestBase {

  private Task<String> after(double seconds, String value) {
    return loop.createTask(() -> {
      Async.sleep(seconds);
      return value;
    });
  }

  @Test
  void resultsComeInArgumentOrderNotCompletionOrder() {
    List<String> results = run(() -> Async.await(
        Async.gather(after(0.03, "slow"), after(0.0, "fast"), after(0.01, "middle"))));
    assertEquals(List.of("slow", "fast", "middle"), results);
  }

  @Test
  void theFirstExceptionFailsTheGatherAtOnceAndTheOthersGoOn() {
    IOException error = new IOException("first");
    Future<String> pending = loop.createFuture();
    Task<String> failing = loop.createTask(() -> {
      throw error;
    });
    Future<List<Object>> g = Async.gather(false, pending, failing);
    assertSame(error, assertThrows(IOException.class, () -> loop.runUntilComplete(g)));
    assertFalse(pending.done(), "a sibling was cancelled by the failure");
    assertFalse(g.cancelled());
  }

  @Test
  void returnExceptionsPutsExceptionsAndCancellationsInTheList() {
    IOException error = new IOException("in list");
    Future<String> ok = loop.createFuture();
    Future<String> failed = loop.createFuture();
    Future<String> cancelled = loop.createFuture();
    Future<List<Object>> g = Async.gather(true, List.of(ok, failed, cancelled));
    ok.setResult("fine");
    failed.setException(error);
    cancelled.cancel("gone");
    List<Object> results = loop.runUntilComplete(g);
    assertEquals("fine", results.get(0));
    assertSame(error, results.get(1));
    assertEquals("gone", assertInstanceOf(CancelledException.class, results.get(2)).getMessage());
  }

  @Test
  void aCancelledChildFailsTheGatherWithCancelledExceptionButDoesNotCancelIt() {
    // asyncio: "If any child is cancelled, this is treated as if it raised CancelledError --
    // the outer Future is *not* cancelled in this case."
    Future<String> cancelled = loop.createFuture();
    Future<String> sibling = loop.createFuture();
    Future<List<Object>> g = Async.gather(false, cancelled, sibling);
    cancelled.cancel("child");
    CancelledException e = assertThrows(CancelledException.class, () -> loop.runUntilComplete(g));
    assertEquals("child", e.getMessage());
    assertFalse(g.cancelled());
    assertInstanceOf(CancelledException.class, g.exception());
    assertFalse(sibling.done());
  }

  @Test
  void cancellingTheGatherCancelsTheChildrenAndFailsItOnceAllAreDone() {
    for (boolean returnExceptions : new boolean[] {false, true}) {
      Future<String> done = loop.createFuture();
      done.setResult("early");
      Future<String> a = loop.createFuture();
      Future<String> b = loop.createFuture();
      Future<List<Object>> g = Async.gather(returnExceptions, done, a, b);
      runOnePass();
      assertTrue(g.cancel("stop"));
      assertTrue(a.cancelled());
      assertTrue(b.cancelled());
      assertFalse(g.cancelled(), "the gather is failed, not cancelled, as in asyncio");
      CancelledException e = assertThrows(CancelledException.class, () -> loop.runUntilComplete(g));
      assertEquals("stop", e.getMessage(), "returnExceptions=" + returnExceptions);
      assertFalse(g.cancel(), "cancel() of a done gather");
    }
  }

  @Test
  void cancellingTheGatherWhenNoChildCanBeCancelledReturnsFalse() {
    Future<String> done = loop.createFuture();
    done.setResult("x");
    Future<List<Object>> g = Async.gather(false, done);
    assertFalse(g.cancel());
    assertEquals(List.of("x"), loop.runUntilComplete(g));
  }

  @Test
  void cancellingTheAwaitingTaskCancelsTheChildren() {
    Task<String> a = after(60, "a");
    Task<String> b = after(60, "b");
    Task<List<String>> waiter = loop.createTask(() -> Async.await(Async.gather(a, b)));
    run(() -> {
      Async.sleep(0.01);
      waiter.cancel();
      return null;
    });
    assertThrows(CancelledException.class, () -> loop.runUntilComplete(waiter));
    assertTrue(waiter.cancelled());
    assertTrue(a.cancelled());
    assertTrue(b.cancelled());
  }

  @Test
  void aFutureGivenTwiceIsWatchedOnceAndReportedTwice() {
    Future<String> f = loop.createFuture();
    Future<List<String>> g = Async.gather(f, f);
    f.setResult("twice");
    assertEquals(List.of("twice", "twice"), loop.runUntilComplete(g));
  }

  @Test
  void gatherOfNothingIsAnEmptyListOnTheRunningLoop() {
    assertEquals(List.of(), run(() -> Async.await(Async.gather())));
    assertEquals(List.of(), run(() -> Async.await(Async.gather(true, List.of()))));
    assertThrows(IllegalStateException.class, () -> Async.gather(), "no running loop");
  }

  @Test
  void childExceptionsArrivingAfterTheGatherFailedAreMarkedRetrieved() {
    IOException second = new IOException("second, after the gather failed");
    IOException lost = new IOException("sentinel, never retrieved");
    gatherTwoFailuresAndDrop(second);
    dropUnretrieved(lost);
    assertTrue(awaitReportOf(lost), "the sentinel was never reported");
    runUntil(() -> false, 0.01, System::gc, 0.2); // more chances for a wrong report
    assertEquals(null, reportOf(second), "gather() left a late child exception unretrieved");
  }

  private void gatherTwoFailuresAndDrop(IOException second) {
    Future<String> a = loop.createFuture();
    Future<String> b = loop.createFuture();
    Future<List<Object>> g = Async.gather(false, a, b);
    a.setException(new IOException("first"));
    runOnePass();
    assertInstanceOf(IOException.class, g.exception());
    b.setException(second);
    runOnePass();
  }

  @Test
  void gatherChecksItsArguments() {
    Future<String> f = loop.createFuture();
    assertThrows(NullPointerException.class, () -> Async.gather(false, f, null));
    assertThrows(NullPointerException.class, () -> Async.gather(false, (List<Future<?>>) null));
    try (SelectorEventLoop other = new SelectorEventLoop()) {
      Future<String> foreign = other.createFuture();
      assertThrows(IllegalArgumentException.class, () -> Async.gather(Arrays.asList(f, foreign)));
    }
  }
}
