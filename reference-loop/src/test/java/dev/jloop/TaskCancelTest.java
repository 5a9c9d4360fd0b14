package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a {@link Task}: the request reaches the body at its await point, as asyncio's
 * {@code Task.cancel} (test_tasks.py {@code test_cancel*}, {@code test_cancelling},
 * {@code test_uncancel*}), on both coroutine backends.
 */
class TaskCancelTest extends BackendTestBase {

  @Test
  void cancelReachesTheAwaitPointWithItsMessage() {
    Future<Void> inner = never();
    List<String> log = new ArrayList<>();
    Task<Void> t = loop.createTask(() -> {
      try {
        Async.await(inner);
      } catch (CancelledException e) {
        log.add("caught " + e.getMessage());
        throw e;
      }
      return null;
    });
    runOnePass();
    assertTrue(t.cancel("stop it"));
    assertFalse(t.cancelled(), "a task is cancelled only once its body ends");
    assertTrue(inner.cancelled(), "cancel() cancels the future the task awaits");
    CancelledException e = assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
    assertEquals("stop it", e.getMessage());
    assertEquals(List.of("caught stop it"), log);
    assertTrue(t.cancelled());
    assertFalse(t.cancel(), "cancel() of a done task");
  }

  @Test
  void cancelBeforeTheFirstStepEndsTheTaskWithoutRunningTheBody() {
    List<String> log = new ArrayList<>();
    Task<Void> t = loop.createTask(() -> {
      log.add("body ran");
      return null;
    });
    assertTrue(t.cancel("early"));
    CancelledException e = assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
    assertEquals("early", e.getMessage());
    assertEquals(List.of(), log);
    assertTrue(t.cancelled());
  }

  @Test
  void cancelDuringSleepInterruptsIt() {
    Task<Void> sleeper = loop.createTask(() -> {
      Async.sleep(60);
      return null;
    });
    run(() -> {
      Async.sleep(0);
      sleeper.cancel();
      return null;
    });
    assertThrows(CancelledException.class, () -> loop.runUntilComplete(sleeper));
    assertTrue(sleeper.cancelled());
  }

  @Test
  void bodyMayCatchTheCancellationAndFinishNormally() {
    Future<String> later = loop.createFuture();
    Task<String> t = loop.createTask(() -> {
      try {
        Async.await(never());
      } catch (CancelledException e) {
        Task<?> me = Async.currentTask();
        assertEquals(1, me.cancelling());
        assertEquals(0, me.uncancel());
      }
      return "recovered with " + Async.await(later);
    });
    runOnePass();
    t.cancel();
    runOnePass();
    assertFalse(t.done());
    later.setResult("x");
    assertEquals("recovered with x", loop.runUntilComplete(t));
    assertFalse(t.cancelled());
    assertEquals(0, t.cancelling());
  }

  @Test
  void cancellingCountsRequestsAndUncancelNeverGoesBelowZero() {
    Task<Void> t = loop.createTask(() -> Async.await(never()));
    assertEquals(0, t.cancelling());
    assertEquals(0, t.uncancel());
    t.cancel();
    t.cancel("second");
    assertEquals(2, t.cancelling());
    assertEquals(1, t.uncancel());
    assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
    assertEquals(1, t.cancelling(), "finishing does not reset the count");
  }

  @Test
  void cancelFromInsideTheBodyTakesEffectAtTheNextAwait() {
    List<String> log = new ArrayList<>();
    Task<Void> t = loop.createTask(() -> {
      Async.currentTask().cancel("self");
      log.add("still running");
      try {
        Async.sleep(0);
      } catch (CancelledException e) {
        log.add("cancelled at sleep: " + e.getMessage());
        throw e;
      }
      return null;
    });
    assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
    assertEquals(List.of("still running", "cancelled at sleep: self"), log);
  }

  @Test
  void cancelRequestedWhileRunningCancelsATaskThatReturnsWithoutAwaiting() {
    // asyncio: _must_cancel set when the coroutine returns -> the task ends cancelled.
    Task<String> t = loop.createTask(() -> {
      Async.currentTask().cancel("late");
      return "value";
    });
    assertEquals("late", assertThrows(CancelledException.class, () -> loop.runUntilComplete(t)).getMessage());
    assertTrue(t.cancelled());
  }

  @Test
  void aCancelledExceptionEscapingTheBodyCancelsTheTask() {
    Task<Void> t = loop.createTask(() -> {
      throw new CancelledException("by hand");
    });
    assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
    assertTrue(t.cancelled());
    assertEquals("by hand", assertThrows(CancelledException.class, t::result).getMessage());
  }

  @Test
  void cancellingATaskThatAwaitsAnotherTaskCancelsTheInnerOne() {
    Task<Void> inner = loop.createTask(() -> Async.await(never()));
    Task<Void> outer = loop.createTask(() -> Async.await(inner));
    runOnePass();
    outer.cancel("chain");
    assertThrows(CancelledException.class, () -> loop.runUntilComplete(outer));
    assertTrue(inner.cancelled());
    assertTrue(outer.cancelled());
  }

  @Test
  void anInnerTaskSwallowingTheCancelLetsTheOuterTaskGoOn() {
    // asyncio Task.cancel: when the awaited future accepts the cancel, _must_cancel stays False,
    // so an inner task that catches it and returns decides the outcome.
    Task<String> inner = loop.createTask(() -> {
      try {
        Async.await(never());
        return "not cancelled";
      } catch (CancelledException e) {
        return "swallowed";
      }
    });
    Task<String> outer = loop.createTask(() -> Async.await(inner));
    runOnePass();
    assertTrue(outer.cancel());
    assertEquals("swallowed", loop.runUntilComplete(outer));
    assertFalse(outer.cancelled());
    assertEquals(1, outer.cancelling());
  }

  @Test
  void cancelWhileTheAwaitedFutureIsDoneButTheWakeUpPendingStillCancels() {
    Future<String> f = loop.createFuture();
    Task<String> t = loop.createTask(() -> Async.await(f));
    runOnePass();
    f.setResult("too late");
    assertTrue(t.cancel("wins"), "the task is still pending");
    CancelledException e = assertThrows(CancelledException.class, () -> loop.runUntilComplete(t));
    assertEquals("wins", e.getMessage());
  }

  @Test
  void cancelWithNullMessageIsAllowed() {
    Task<Void> t = loop.createTask(() -> Async.await(never()));
    runOnePass();
    t.cancel(null);
    assertNull(assertThrows(CancelledException.class, () -> loop.runUntilComplete(t)).getMessage());
  }
}
