package dev.jloop.sync;

import static dev.jloop.sync.Loops.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Lock} against CPython's test_locks.LockTests. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LockTest {

  @Test
  void lockThenRelease_testLock() {
    Loops.run(() -> {
      Lock lock = new Lock();
      assertFalse(lock.locked());
      lock.acquire();
      assertTrue(lock.locked(), "acquire() on a free lock holds it at once");
      lock.release();
      assertFalse(lock.locked());
      return null;
    });
  }

  @Test
  void releaseUnlocked_testReleaseNotAcquired() {
    Lock lock = new Lock();
    assertThrows(IllegalStateException.class, lock::release);
  }

  @Test
  void waitersAcquireInFifoOrder_testAcquire() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Lock lock = new Lock();
      List<Integer> result = new ArrayList<>();
      lock.acquire();
      Task<?> t1 = loop.createTask(() -> { lock.acquire(); result.add(1); return null; });
      Task<?> t2 = loop.createTask(() -> { lock.acquire(); result.add(2); return null; });
      passes(1);
      assertEquals(List.of(), result);
      lock.release();
      passes(1);
      assertEquals(List.of(1), result);
      passes(1);
      assertEquals(List.of(1), result, "t2 waits until t1's lock is released");
      Task<?> t3 = loop.createTask(() -> { lock.acquire(); result.add(3); return null; });
      lock.release();
      passes(1);
      assertEquals(List.of(1, 2), result);
      lock.release();
      passes(1);
      assertEquals(List.of(1, 2, 3), result);
      assertTrue(t1.done() && t2.done() && t3.done());
      return null;
    });
  }

  @Test
  void cancelledWaiterLeavesQueue_testAcquireCancel() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Lock lock = new Lock();
      lock.acquire();
      Task<?> task = loop.createTask(() -> { lock.acquire(); return null; });
      loop.callSoon(task::cancel);
      assertThrows(CancelledException.class, () -> Async.await(task));
      assertFalse(lock.toString().contains("waiters"), "no waiter left: " + lock);
      lock.release();
      lock.acquire();
      assertTrue(lock.locked());
      return null;
    });
  }

  @Test
  void releaseSkipsCancelledWaiter_testCancelRace() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Lock lock = new Lock();
      Future<Void> blocker = loop.createFuture();
      Task<?> ta = loop.createTask(() -> lockIt(lock, blocker));
      passes(1);
      assertTrue(lock.locked());
      Task<?> tb = loop.createTask(() -> lockIt(lock, null));
      passes(1);
      Task<?> tc = loop.createTask(() -> lockIt(lock, null));
      passes(1);
      assertTrue(lock.toString().contains("waiters:2"), lock.toString());
      // A releases while B is cancelled in the same pass: the lock must go to C
      blocker.setResult(null);
      tb.cancel();
      passes(1);
      assertFalse(lock.locked());
      assertTrue(ta.done());
      assertTrue(tb.cancelled());
      Async.await(tc);
      assertFalse(lock.locked());
      return null;
    });
  }

  private static Void lockIt(Lock lock, Future<Void> blocker) {
    lock.acquire();
    try {
      if (blocker != null) {
        Async.await(blocker);
      }
    } finally {
      lock.release();
    }
    return null;
  }

  @Test
  void cancelAndReleaseInOneCallbackTakeOnlyOneLock_testCancelReleaseRace() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Lock lock = new Lock();
      int[] lockCount = {0};
      lock.acquire();
      Task<?> t1 = loop.createTask(() -> { lock.acquire(); lockCount[0]++; return null; });
      Task<?> t2 = loop.createTask(() -> { lock.acquire(); lockCount[0]++; return null; });
      Task<?> t3 = loop.createTask(() -> { lock.acquire(); lockCount[0]++; return null; });
      passes(1);
      loop.callSoon(() -> {
        t1.cancel();
        lock.release();
      });
      assertThrows(CancelledException.class, () -> Async.await(t1));
      assertEquals(1, lockCount[0], "bpo-32734: exactly one waiter took the lock");
      assertTrue(t2.done());
      assertFalse(t3.done());
      t3.cancel();
      passes(1);
      assertTrue(t3.cancelled());
      return null;
    });
  }

  @Test
  void wokenWaiterCancelledHandsOff_testFinishedWaiterCancelled() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Lock lock = new Lock();
      lock.acquire();
      Task<?> tb = loop.createTask(() -> { lock.acquire(); return null; });
      passes(1);
      Task<?> tc = loop.createTask(() -> { lock.acquire(); return null; });
      tb.cancel();
      lock.release();
      passes(1);
      assertTrue(lock.locked(), "the wake-up meant for tb went to tc");
      assertTrue(tb.cancelled());
      Async.await(tc);
      return null;
    });
  }

  @Test
  void wokenWaiterKeepsItsTurnAgainstNewcomer_fastPathFairness() {
    // asyncio's acquire() takes a free lock at once only if every queued waiter is cancelled
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Lock lock = new Lock();
      List<String> order = new ArrayList<>();
      lock.acquire();
      loop.createTask(() -> { lock.acquire(); order.add("waiter"); lock.release(); return null; });
      passes(1);
      lock.release();
      // the lock is free, but the woken waiter has not run yet: this task must queue behind it
      assertFalse(lock.locked());
      lock.acquire();
      order.add("newcomer");
      assertEquals(List.of("waiter", "newcomer"), order);
      return null;
    });
  }

  @Test
  void freeLockWithOnlyCancelledWaitersIsTakenAtOnce() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Lock lock = new Lock();
      lock.acquire();
      Task<?> waiter = loop.createTask(() -> { lock.acquire(); return null; });
      passes(1);
      waiter.cancel();
      lock.release();
      // the cancelled waiter has not run yet, but it no longer counts
      lock.acquire();
      assertTrue(lock.locked());
      passes(2);
      assertTrue(waiter.cancelled());
      assertTrue(lock.locked(), "the cancelled waiter's wake-up does not disturb the holder");
      return null;
    });
  }

  @Test
  void withLockReleasesOnException_testContextManager() {
    Loops.run(() -> {
      Lock lock = new Lock();
      assertEquals(42, lock.withLock(() -> {
        assertTrue(lock.locked());
        return 42;
      }));
      assertFalse(lock.locked());
      IOException thrown = assertThrows(IOException.class, () -> lock.withLock(() -> {
        throw new IOException("checked, rethrown as is");
      }));
      assertEquals("checked, rethrown as is", thrown.getMessage());
      assertFalse(lock.locked());
      assertThrows(NullPointerException.class, () -> lock.withLock(null));
      return null;
    });
  }

  @Test
  void waitingOutsideTaskFailsWithoutLeavingWaiter() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Lock lock = new Lock();
      lock.acquire();
      Future<Throwable> outcome = loop.createFuture();
      loop.callSoon(() -> {
        try {
          lock.acquire();
          outcome.setResult(null);
        } catch (Throwable t) {
          outcome.setResult(t);
        }
      });
      assertTrue(Async.await(outcome) instanceof IllegalStateException, "callback cannot wait");
      assertFalse(lock.toString().contains("waiters"), lock.toString());
      return null;
    });
  }

  @Test
  void boundToFirstLoop_mixinsLoopBound() {
    Lock lock = new Lock();
    Loops.run(() -> {
      lock.acquire();
      Task<?> waiter = Async.getRunningLoop().createTask(() -> { lock.acquire(); return null; });
      passes(1);
      lock.release();
      Async.await(waiter);
      return null;
    });
    // still held by the finished waiter; a task of another loop has to wait: refused
    Loops.run(() -> {
      assertThrows(IllegalStateException.class, lock::acquire);
      return null;
    });
  }
}
