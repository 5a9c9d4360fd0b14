package dev.jloop.sync;

import static dev.jloop.sync.TaskGroupTest.crashAfter;
import static dev.jloop.sync.TaskGroupTest.errorTypes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.Coroutine;
import dev.jloop.ExceptionGroup;
import dev.jloop.Task;
import dev.jloop.TaskGroup;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TaskGroup} when the task running it is cancelled from outside, and nested groups:
 * CPython's test_taskgroups 04-08, 11-18, 22.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupCancelTest {

  /** Starts {@code runner}, lets it run a little, cancels it, and returns it. */
  private static Task<?> cancelSoon(Coroutine<?> runner) {
    Task<?> r = Async.getRunningLoop().createTask(runner);
    Async.sleep(0.02);
    assertFalse(r.done());
    r.cancel();
    return r;
  }

  /** asyncio tests' {@code try: await sleep(10) finally: 1 / 0}: fails while being cancelled. */
  private static Void failInCleanup() {
    try {
      Async.sleep(10);
    } catch (CancelledException e) {
      throw new ArithmeticException("in cleanup");
    }
    throw new ArithmeticException("not cancelled");
  }

  /** A group body whose five children fail while being cancelled; the body itself waits. */
  private static Void fiveFailInCleanup(TaskGroup g) {
    for (int i = 0; i < 5; i++) {
      g.createTask(TaskGroupCancelTest::failInCleanup);
    }
    Async.sleep(10);
    return null;
  }

  /**
   * asyncio's test_taskgroup_15/16 body: a child crashes while the body, cancelled from
   * outside, is still cleaning up.
   */
  private static Void crashDuringCleanup(TaskGroup g) {
    g.createTask(() -> crashAfter(0.05));
    try {
      Async.sleep(10);
    } catch (CancelledException e) {
      Async.sleep(0.1);
      throw e;
    }
    return null;
  }

  /** The group failed with exactly one kind of error: an inner group of ArithmeticExceptions. */
  private static void assertInnerGroupOfArithmetic(ExceptionGroup eg) {
    assertEquals(Set.of(ExceptionGroup.class), errorTypes(eg));
    assertEquals(Set.of(ArithmeticException.class),
        errorTypes((ExceptionGroup) eg.exceptions().get(0)));
  }

  private static Void sleepCountingCancel(int[] counter, int add) {
    try {
      Async.sleep(10);
    } catch (CancelledException e) {
      counter[0] += add;
      throw e;
    }
    return null;
  }

  @Test
  void outsideCancelCancelsChildren_testCancellation() {
    Loops.run(() -> {
      int[] num = {0};
      Task<?> r = cancelSoon(() -> TaskGroup.run(g -> {
        for (int i = 0; i < 5; i++) {
          g.createTask(() -> sleepCountingCancel(num, 1));
        }
        return null;
      }));
      assertThrows(CancelledException.class, () -> Async.await(r));
      assertEquals(5, num[0], "every child saw the cancel");
      return null;
    });
  }

  @Test
  void outsideCancelReachesBodyAndChildren_testTaskgroup07() {
    Loops.run(() -> {
      int[] num = {0};
      Task<?> r = cancelSoon(() -> TaskGroup.run(g -> {
        for (int i = 0; i < 5; i++) {
          g.createTask(() -> sleepCountingCancel(num, 1));
        }
        return sleepCountingCancel(num, 10);
      }));
      assertThrows(CancelledException.class, () -> Async.await(r));
      assertEquals(15, num[0]);
      assertTrue(r.cancelled());
      return null;
    });
  }

  @Test
  void childFailuresWinOverOutsideCancel_testTaskgroup08() {
    Loops.run(() -> {
      Task<?> r = cancelSoon(() -> TaskGroup.run(TaskGroupCancelTest::fiveFailInCleanup));
      ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Async.await(r));
      assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
      assertEquals(5, eg.exceptions().size());
      return null;
    });
  }

  @Test
  void outsideCancelSurvivesLosingToFailures() {
    // CPython 3.13: the group re-arms an outside cancel that its failures overrode
    Loops.run(() -> {
      boolean[] nextAwaitCancelled = {false};
      Task<?> r = cancelSoon(() -> {
        assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
          g.createTask(TaskGroupCancelTest::failInCleanup);
          Async.sleep(10);
          return null;
        }));
        assertEquals(1, Async.currentTask().cancelling(), "the outside request is still counted");
        try {
          Async.sleep(10);
        } catch (CancelledException e) {
          nextAwaitCancelled[0] = true;
          throw e;
        }
        return null;
      });
      assertThrows(CancelledException.class, () -> Async.await(r));
      assertTrue(nextAwaitCancelled[0], "the outside cancel reached the next await");
      return null;
    });
  }

  @Test
  void innerGroupFailureNested_testTaskgroup11() {
    Loops.run(() -> {
      Task<?> r = cancelSoon(() -> TaskGroup.run(outer ->
          TaskGroup.run(TaskGroupCancelTest::fiveFailInCleanup)));
      assertInnerGroupOfArithmetic(assertThrows(ExceptionGroup.class, () -> Async.await(r)));
      return null;
    });
  }

  @Test
  void innerGroupFailureWithOuterSibling_testTaskgroup12() {
    Loops.run(() -> {
      Task<?> r = cancelSoon(() -> TaskGroup.run(outer -> {
        outer.createTask(() -> { Async.sleep(10); return null; });
        return TaskGroup.run(TaskGroupCancelTest::fiveFailInCleanup);
      }));
      assertInnerGroupOfArithmetic(assertThrows(ExceptionGroup.class, () -> Async.await(r)));
      return null;
    });
  }

  @Test
  void outerChildFailsFirst_testTaskgroup13() {
    Loops.run(() -> {
      Task<?> r = Async.getRunningLoop().createTask(() -> TaskGroup.run(outer -> {
        outer.createTask(() -> crashAfter(0.01));
        return TaskGroup.run(inner -> inner.createTask(() -> crashAfter(10)));
      }));
      ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Async.await(r));
      assertEquals(Set.of(ArithmeticException.class), errorTypes(eg),
          "the inner group was cancelled, not failed: it adds nothing");
      return null;
    });
  }

  @Test
  void innerChildFailsFirst_testTaskgroup14() {
    Loops.run(() -> {
      Task<?> r = Async.getRunningLoop().createTask(() -> TaskGroup.run(outer -> {
        outer.createTask(() -> crashAfter(10));
        return TaskGroup.run(inner -> inner.createTask(() -> crashAfter(0.01)));
      }));
      assertInnerGroupOfArithmetic(assertThrows(ExceptionGroup.class, () -> Async.await(r)));
      return null;
    });
  }

  @Test
  void childFailsWhileBodyHandlesOutsideCancel_testTaskgroup15() {
    Loops.run(() -> {
      Task<?> r = cancelSoon(() -> TaskGroup.run(TaskGroupCancelTest::crashDuringCleanup));
      ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Async.await(r));
      assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
      return null;
    });
  }

  @Test
  void sameThroughAnIntermediateTask_testTaskgroup16() {
    Loops.run(() -> {
      Task<?> r = cancelSoon(() -> Async.await(Async.getRunningLoop().createTask(
          () -> TaskGroup.run(TaskGroupCancelTest::crashDuringCleanup))));
      ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Async.await(r));
      assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
      return null;
    });
  }

  @Test
  void emptyGroupBodyCancelled_testTaskgroup17() {
    Loops.run(() -> {
      int[] num = {0};
      Task<?> r = cancelSoon(() -> TaskGroup.run(g -> sleepCountingCancel(num, 10)));
      assertThrows(CancelledException.class, () -> Async.await(r));
      assertEquals(10, num[0]);
      return null;
    });
  }

  @Test
  void bodyTurnsCancelIntoError_testTaskgroup18() {
    Loops.run(() -> {
      Task<?> r = cancelSoon(() -> TaskGroup.run(g -> {
        try {
          Async.sleep(10);
        } catch (CancelledException e) {
          throw new IllegalArgumentException("weird, but supported");
        }
        return null;
      }));
      ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Async.await(r));
      assertEquals(Set.of(IllegalArgumentException.class), errorTypes(eg));
      return null;
    });
  }

  @Test
  void cancelWhileRunWaits_testTaskgroup22() {
    Loops.run(() -> {
      Task<?> r = cancelSoon(() -> TaskGroup.run(g -> {
        g.createTask(() -> { Async.sleep(1); return 42; });
        g.createTask(() -> { Async.sleep(2); return 11; });
        return null;
      }));
      CancelledException e = assertThrows(CancelledException.class, () -> Async.await(r));
      assertInstanceOf(CancelledException.class, e);
      assertTrue(r.cancelled());
      return null;
    });
  }

  @Test
  void failureInsideDoesNotLeakCancelToCaller_testTaskgroup04() {
    // the group's own cancel of its parent must not outlive run(): code after it goes on
    Loops.run(() -> {
      boolean[] after = {false};
      Task<?> runner = Async.getRunningLoop().createTask(() -> {
        assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
          g.createTask(() -> crashAfter(0.01));
          g.createTask(() -> { Async.sleep(1); return null; });
          return null;
        }));
        Async.sleep(0.01);
        after[0] = true;
        return null;
      });
      Async.await(runner);
      assertTrue(after[0]);
      assertEquals(0, runner.cancelling());
      return null;
    });
  }
}
