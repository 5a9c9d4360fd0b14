package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.reference.SelectorEventLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** {@link Async#asCompleted}: asyncio's {@code as_completed} (test_tasks.py {@code test_as_completed*}). */
class AsyncAsCompletedTest extends BackendTestBase {

  private Task<String> after(double seconds, String value) {
    return loop.createTask(() -> {
      Async.sleep(seconds);
      return value;
    });
  }

  private Future<String> at(double delay, String value) {
    Future<String> f = loop.createFuture();
    loop.callLater(delay, () -> f.setResult(value));
    return f;
  }

  @Test
  void yieldsTheFuturesInCompletionOrder() {
    // Timers set in one go, so that their order does not depend on how fast tasks start.
    List<Future<String>> tasks = List.of(at(0.04, "c"), at(0.0, "a"), at(0.02, "b"));
    List<String> order = run(() -> {
      List<String> seen = new ArrayList<>();
      for (Future<String> f : Async.asCompleted(tasks)) {
        assertTrue(f.done());
        assertTrue(tasks.contains(f), "yielded a future that was not given");
        seen.add(f.result());
      }
      return seen;
    });
    assertEquals(List.of("a", "b", "c"), order);
  }

  @Test
  void failedFuturesAreYieldedToo() {
    IOException error = new IOException("x");
    Future<String> failing = loop.createFuture();
    failing.setException(error);
    Future<String> yielded = run(() -> Async.asCompleted(List.of(failing)).next());
    assertSame(failing, yielded);
    assertSame(error, yielded.exception());
  }

  @Test
  void afterTheTimeoutEveryRemainingNextThrows() {
    // The quick one is done before the timer exists, so no stall of the loop can reorder them.
    Future<String> quick = loop.createFuture();
    quick.setResult("quick");
    List<Future<String>> tasks = List.of(quick, after(60, "slow1"), after(60, "slow2"));
    List<String> outcomes = run(() -> {
      List<String> seen = new ArrayList<>();
      AsCompleted<String> it = Async.asCompleted(tasks, 0.05);
      while (it.hasNext()) {
        try {
          seen.add(it.next().result());
        } catch (AsyncTimeoutException e) {
          seen.add("timeout");
        }
      }
      assertThrows(NoSuchElementException.class, it::next);
      return seen;
    });
    assertEquals(List.of("quick", "timeout", "timeout"), outcomes);
    assertFalse(tasks.get(1).cancelled(), "as_completed does not cancel on timeout");
  }

  @Test
  void aFutureGivenTwiceIsYieldedOnce() {
    Future<String> f = loop.createFuture();
    f.setResult("x");
    int count = run(() -> {
      int n = 0;
      for (Future<String> ignored : Async.asCompleted(Arrays.asList(f, f))) {
        n++;
      }
      return n;
    });
    assertEquals(1, count);
  }

  @Test
  void iterableOnlyOnceAndEmptyIsFine() {
    AsCompleted<String> empty = Async.asCompleted(List.of(), 1.0);
    assertFalse(empty.hasNext());
    assertSame(empty, empty.iterator());
    assertThrows(IllegalStateException.class, empty::iterator);
  }

  @Test
  void badArgumentsAreRejected() {
    Future<String> f = loop.createFuture();
    assertThrows(IllegalArgumentException.class, () -> Async.asCompleted(List.of(f), Double.NaN));
    assertThrows(NullPointerException.class, () -> Async.asCompleted(null));
    assertThrows(NullPointerException.class, () -> Async.asCompleted(Arrays.asList(f, null)));
    try (SelectorEventLoop other = new SelectorEventLoop()) {
      Future<String> foreign = other.createFuture();
      assertThrows(IllegalArgumentException.class, () -> Async.asCompleted(List.of(f, foreign)));
    }
    AsCompleted<String> it = Async.asCompleted(List.of(f));
    assertThrows(IllegalStateException.class, it::next, "outside a task");
  }
}
