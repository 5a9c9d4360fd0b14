package dev.jloop.sync;

import static dev.jloop.sync.Loops.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.EventLoop;
import dev.jloop.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Condition} against CPython's test_locks.ConditionTests (3.11, plus the 3.13 tests of the
 * lost-wake-up fix: test_cancelled_error_*, test_cancelled_wakeup*).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConditionTest {

  /** A task that waits on {@code cond} once, then records {@code tag} and releases. */
  private static Task<?> waiter(EventLoop loop, Condition cond, List<Integer> result, int tag) {
    return loop.createTask(() -> {
      cond.acquire();
      cond.await();
      result.add(tag);
      cond.release();
      return null;
    });
  }

  @Test
  void notifiedWaiterReturnsOnlyWithTheLock_testWait() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Condition cond = new Condition();
      List<Integer> result = new ArrayList<>();
      List<Task<?>> tasks = new ArrayList<>();
      for (int tag = 1; tag <= 3; tag++) {
        int t = tag;
        // these keep the lock after await() returns, as in the asyncio test
        tasks.add(loop.createTask(() -> { cond.acquire(); cond.await(); result.add(t); return null; }));
      }
      passes(1);
      assertEquals(List.of(), result);
      assertFalse(cond.locked(), "await() released the lock");
      cond.acquire();
      cond.notifyOne();
      passes(1);
      assertEquals(List.of(), result, "notified, but the lock is still ours");
      assertTrue(cond.locked());
      cond.release();
      passes(1);
      assertEquals(List.of(1), result);
      assertTrue(cond.locked(), "t1 holds the lock again");
      cond.notify(2);
      passes(1);
      assertEquals(List.of(1), result);
      cond.release();
      passes(1);
      assertEquals(List.of(1, 2), result);
      cond.release();
      passes(1);
      assertEquals(List.of(1, 2, 3), result);
      assertTrue(cond.locked());
      assertTrue(tasks.stream().allMatch(Task::done));
      return null;
    });
  }

  @Test
  void cancelledWaiterHoldsLockAgain_testWaitCancel() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Condition cond = new Condition();
      cond.acquire();
      Task<?> wait = loop.createTask(() -> { cond.await(); return null; });
      loop.callSoon(wait::cancel);
      assertThrows(CancelledException.class, () -> Async.await(wait));
      assertFalse(cond.toString().contains("waiters"), cond.toString());
      assertTrue(cond.locked());
      return null;
    });
  }

  @Test
  void cancelAfterNotifyWhileLockContested_testWaitCancelContested() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Condition cond = new Condition();
      cond.acquire();
      Task<?> wait = loop.createTask(() -> { cond.await(); return null; });
      passes(1);
      assertFalse(cond.locked());
      cond.acquire();
      cond.notifyOne();
      loop.callSoon(wait::cancel);
      loop.callSoon(cond::release);
      try {
        Async.await(wait);
      } catch (CancelledException acceptable) {
        // asyncio accepts either outcome here
      }
      assertTrue(cond.locked(), "the waiter re-acquired the lock in every case");
      return null;
    });
  }

  @Test
  void cancelWhileReacquiring_testWaitCancelAfterNotify() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Condition cond = new Condition();
      boolean[] waited = {false};
      Task<?> waiter = loop.createTask(() -> cond.withLock(() -> {
        waited[0] = true;
        cond.await();
        return null;
      }));
      passes(1);
      cond.acquire();
      cond.notifyOne();
      passes(1);
      waiter.cancel();
      passes(1);
      cond.release();
      passes(1);
      assertTrue(waiter.cancelled(), "bpo-32841: the cancel reaches the waiter");
      assertTrue(waited[0]);
      assertFalse(cond.locked());
      return null;
    });
  }

  @Test
  void unacquired_testWaitUnacquired_testNotifyUnacquired() {
    Loops.run(() -> {
      Condition cond = new Condition();
      assertThrows(IllegalStateException.class, cond::await);
      assertThrows(IllegalStateException.class, cond::notifyOne);
      assertThrows(IllegalStateException.class, cond::notifyAllWaiters);
      assertThrows(IllegalStateException.class, () -> cond.notify(3));
      return null;
    });
  }

  @Test
  void badArguments() {
    assertThrows(NullPointerException.class, () -> new Condition(null));
    Loops.run(() -> {
      Condition cond = new Condition();
      cond.acquire();
      assertThrows(IllegalArgumentException.class, () -> cond.notify(-1));
      assertThrows(NullPointerException.class, () -> cond.waitFor(null));
      cond.notify(0);
      return null;
    });
  }

  @Test
  void waitForRechecksPredicate_testWaitFor() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Condition cond = new Condition();
      boolean[] predicate = {false};
      List<Integer> result = new ArrayList<>();
      Task<?> t = loop.createTask(() -> {
        cond.acquire();
        cond.waitFor(() -> predicate[0]);
        result.add(1);
        cond.release();
        return null;
      });
      passes(1);
      cond.acquire();
      cond.notifyOne();
      cond.release();
      passes(1);
      assertEquals(List.of(), result, "notified with a false predicate: waits again");
      predicate[0] = true;
      cond.acquire();
      cond.notifyOne();
      cond.release();
      passes(1);
      assertEquals(List.of(1), result);
      assertTrue(t.done());
      return null;
    });
  }

  @Test
  void waitForTruePredicateNeedsNoLock_testWaitForUnacquired() {
    Loops.run(() -> {
      Condition cond = new Condition();
      cond.waitFor(() -> true);
      assertThrows(IllegalStateException.class, () -> cond.waitFor(() -> false));
      return null;
    });
  }

  @Test
  void notifyWakesAtMostN_testNotify() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Condition cond = new Condition();
      List<Integer> result = new ArrayList<>();
      Task<?> t1 = waiter(loop, cond, result, 1);
      Task<?> t2 = waiter(loop, cond, result, 2);
      Task<?> t3 = waiter(loop, cond, result, 3);
      passes(1);
      cond.acquire();
      cond.notify(1);
      cond.release();
      passes(1);
      assertEquals(List.of(1), result);
      cond.acquire();
      cond.notify(1);
      cond.notify(2048);
      cond.release();
      passes(1);
      assertEquals(List.of(1, 2, 3), result);
      assertTrue(t1.done() && t2.done() && t3.done());
      return null;
    });
  }

  @Test
  void notifyAllWakesEveryone_testNotifyAll() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Condition cond = new Condition();
      List<Integer> result = new ArrayList<>();
      waiter(loop, cond, result, 1);
      waiter(loop, cond, result, 2);
      passes(1);
      cond.acquire();
      cond.notifyAllWaiters();
      cond.release();
      passes(1);
      assertEquals(List.of(1, 2), result);
      return null;
    });
  }

  @Test
  void sharedLock_testExplicitLock_testContextManager() {
    Loops.run(() -> {
      Lock lock = new Lock();
      Condition cond = new Condition(lock);
      cond.withLock(() -> {
        assertTrue(lock.locked());
        assertTrue(cond.locked());
        return null;
      });
      assertFalse(lock.locked());
      lock.withLock(() -> {
        assertTrue(cond.locked());
        return null;
      });
      assertFalse(cond.locked());
      return null;
    });
  }

  @Test
  void boundToOneLoop_testAmbiguousLoops() {
    Condition cond = new Condition();
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Task<?> w = loop.createTask(() -> cond.withLock(() -> { cond.await(); return null; }));
      passes(1);
      cond.withLock(() -> { cond.notifyOne(); return null; });
      Async.await(w);
      return null;
    });
    Loops.run(() -> {
      cond.acquire();
      assertThrows(IllegalStateException.class, cond::await, "bound to a different event loop");
      assertTrue(cond.locked(), "the refused await() did not release the lock");
      return null;
    });
  }

  @Test
  void cancelWhileWaitingRethrowsSameException_testCancelledErrorWakeup() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Condition cond = new Condition();
      CancelledException[] raised = new CancelledException[1];
      Task<?> task = loop.createTask(() -> cond.withLock(() -> {
        raised[0] = assertThrows(CancelledException.class, () -> cond.waitFor(() -> false));
        throw raised[0];
      }));
      passes(1);
      task.cancel("foo");
      CancelledException e = assertThrows(CancelledException.class, () -> Async.await(task));
      assertEquals("foo", e.getMessage());
      assertEquals("foo", raised[0].getMessage());
      return null;
    });
  }

  @Test
  void cancelWhileReacquiringRethrowsSameException_testCancelledErrorReAquire() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Condition cond = new Condition();
      boolean[] wake = {false};
      CancelledException[] raised = new CancelledException[1];
      Task<?> task = loop.createTask(() -> cond.withLock(() -> {
        raised[0] = assertThrows(CancelledException.class, () -> cond.waitFor(() -> wake[0]));
        throw raised[0];
      }));
      passes(1);
      cond.acquire();
      wake[0] = true;
      cond.notifyOne();
      passes(1);
      task.cancel("foo");
      cond.release();
      CancelledException e = assertThrows(CancelledException.class, () -> Async.await(task));
      assertEquals("foo", e.getMessage());
      assertSame(CancelledException.class, raised[0].getClass());
      assertEquals("foo", raised[0].getMessage(), "the cancel met while re-acquiring is rethrown");
      return null;
    });
  }

  @Test
  void notifiedWaiterCancelledBeforeRunning_testCancelledWakeup() {
    assertNotificationSurvivesCancel(false);
  }

  @Test
  void notifiedWaiterCancelledWhileRelocking_testCancelledWakeupRelock() {
    assertNotificationSurvivesCancel(true);
  }

  /** Two consumers; one item is produced and one consumer notified, then cancelled. */
  private static void assertNotificationSurvivesCancel(boolean letItReachTheLock) {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Condition cond = new Condition();
      int[] state = {0};
      List<Task<?>> consumers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        consumers.add(loop.createTask(() -> cond.withLock(() -> {
          while (true) {
            cond.waitFor(() -> state[0] != 0);
            if (state[0] < 0) {
              return null;
            }
            state[0]--;
          }
        })));
      }
      passes(1);
      cond.acquire();
      state[0]++;
      cond.notify(1);
      if (letItReachTheLock) {
        passes(1);
      }
      consumers.get(0).cancel();
      // give the other consumer every chance to take the item (asyncio waits 10 ms here)
      cond.release();
      passes(10);
      cond.acquire();
      assertEquals(0, state[0], "the notification went to the other consumer");
      state[0] = -1;
      cond.notifyAllWaiters();
      cond.release();
      Async.await(consumers.get(1));
      return null;
    });
  }
}
