package dev.jloop.sync;

import static dev.jloop.sync.Loops.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** {@link Semaphore} and {@link BoundedSemaphore} against CPython's test_locks.SemaphoreTests. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SemaphoreTest {

  /** A task on the running loop that acquires {@code sem}, then adds {@code tag} to {@code result}. */
  private static Task<?> acquirer(Semaphore sem, List<Integer> result, int tag) {
    return Async.getRunningLoop().createTask(() -> {
      sem.acquire();
      result.add(tag);
      return null;
    });
  }

  /** A task on the running loop that acquires {@code sem}. */
  private static Task<?> acquirer(Semaphore sem) {
    return acquirer(sem, new ArrayList<>(), 0);
  }

  @Test
  void badInitialValue() {
    assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
  }

  @Test
  void zeroPermitsIsLocked_testInitialValueZero() {
    assertTrue(new Semaphore(0).locked());
  }

  @Test
  void acquireAndRelease_testSemaphore() {
    Loops.run(() -> {
      Semaphore sem = new Semaphore();
      assertFalse(sem.locked());
      sem.acquire();
      assertTrue(sem.locked());
      sem.release();
      assertFalse(sem.locked());
      return null;
    });
  }

  @Test
  void releasesServeWaitersInOrder_testAcquire() {
    Loops.run(() -> {
      Semaphore sem = new Semaphore(3);
      List<Integer> result = new ArrayList<>();
      sem.acquire();
      sem.acquire();
      assertFalse(sem.locked());
      Task<?> t1 = acquirer(sem, result, 1);
      Task<?> t2 = acquirer(sem, result, 2);
      Task<?> t3 = acquirer(sem, result, 3);
      passes(1);
      assertEquals(List.of(1), result);
      assertTrue(sem.locked());
      assertTrue(sem.toString().contains("waiters:2"), sem.toString());
      Task<?> t4 = acquirer(sem, result, 4);
      sem.release();
      sem.release();
      passes(1);
      assertEquals(List.of(1, 2, 3), result, "the two permits went to the first two waiters");
      assertTrue(sem.locked());
      assertTrue(sem.toString().contains("waiters:1"), sem.toString());
      assertTrue(t1.done() && t2.done() && t3.done());
      assertFalse(t4.done());
      sem.release();
      Async.await(t4);
      assertEquals(List.of(1, 2, 3, 4), result);
      return null;
    });
  }

  @Test
  void cancelledWaiterLeaves_testAcquireCancel() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Semaphore sem = new Semaphore();
      sem.acquire();
      Task<?> acquire = acquirer(sem);
      loop.callSoon(acquire::cancel);
      assertThrows(CancelledException.class, () -> Async.await(acquire));
      assertFalse(sem.toString().contains("waiters"), sem.toString());
      return null;
    });
  }

  @Test
  void cancelledBeforeAwokenTakeNothing_testAcquireCancelBeforeAwoken() {
    Loops.run(() -> {
      Semaphore sem = new Semaphore(0);
      List<Integer> result = new ArrayList<>();
      Task<?> t1 = acquirer(sem, result, 1);
      Task<?> t2 = acquirer(sem, result, 2);
      Task<?> t3 = acquirer(sem, result, 3);
      Task<?> t4 = acquirer(sem, result, 4);
      passes(1);
      t1.cancel();
      t2.cancel();
      sem.release();
      passes(2);
      assertTrue(t3.done(), "the one permit skips the two cancelled waiters");
      assertFalse(t4.done());
      assertEquals(List.of(3), result);
      return null;
    });
  }

  @Test
  void permitOfCancelledWokenWaiterIsPassedOn_testAcquireHang() {
    Loops.run(() -> {
      Semaphore sem = new Semaphore(0);
      Task<?> t1 = acquirer(sem);
      Task<?> t2 = acquirer(sem);
      passes(1);
      // the release hands the permit to t1, which is cancelled before it runs
      sem.release();
      t1.cancel();
      passes(2);
      assertTrue(t1.cancelled());
      assertTrue(t2.done() && !t2.cancelled(), "t2 got the permit t1 gave back");
      assertTrue(sem.locked());
      return null;
    });
  }

  @Test
  void cancelledHolderDoesNotLeakPermit_testAcquireNoHang() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Semaphore sem = new Semaphore(1);
      Task<?>[] t2 = new Task<?>[1];
      Task<?> t1 = loop.createTask(() -> {
        sem.withPermit(() -> { Async.sleep(0); return null; });
        t2[0].cancel();
        return null;
      });
      t2[0] = loop.createTask(() -> sem.withPermit(() -> {
        throw new AssertionError("t2 must be cancelled before it gets the permit");
      }));
      Async.await(t1);
      assertThrows(CancelledException.class, () -> Async.await(t2[0]));
      sem.acquire();
      assertTrue(sem.locked());
      return null;
    });
  }

  @Test
  void fifoOverManyRounds_testAcquireFifoOrder() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Semaphore sem = new Semaphore(1);
      List<String> result = new ArrayList<>();
      List<Task<?>> tasks = new ArrayList<>();
      for (String tag : List.of("c1", "c2", "c3")) {
        tasks.add(loop.createTask(() -> {
          for (int round = 1; round <= 2; round++) {
            sem.acquire();
            result.add(tag + "_" + round);
            Async.sleep(0.01);
            sem.release();
          }
          return null;
        }));
      }
      for (Task<?> t : tasks) {
        Async.await(t);
      }
      assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
      return null;
    });
  }

  @Test
  void releaseDoesNotLetNewcomerJumpWokenWaiter_testAcquireFifoOrder2() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Semaphore sem = new Semaphore(1);
      List<Integer> result = new ArrayList<>();
      Task<?> t1 = acquirer(sem, result, 1);
      Task<?> t2 = loop.createTask(() -> {
        sem.acquire();
        result.add(2);
        sem.release();
        sem.acquire();
        result.add(4);
        return null;
      });
      Task<?> t3 = acquirer(sem, result, 3);
      passes(1);
      sem.release();
      sem.release();
      for (Task<?> t : List.of(t1, t2, t3)) {
        Async.await(t);
      }
      assertEquals(List.of(1, 2, 3, 4), result);
      return null;
    });
  }

  @Test
  void cancelledWaiterIsSkipped_testAcquireFifoOrder3() {
    Loops.run(() -> {
      Semaphore sem = new Semaphore(0);
      List<Integer> result = new ArrayList<>();
      Task<?> t1 = acquirer(sem, result, 1);
      Task<?> t2 = acquirer(sem, result, 2);
      Task<?> t3 = acquirer(sem, result, 3);
      passes(1);
      t1.cancel();
      passes(1);
      sem.release();
      sem.release();
      assertThrows(CancelledException.class, () -> Async.await(t1));
      Async.await(t2);
      Async.await(t3);
      assertEquals(List.of(2, 3), result);
      return null;
    });
  }

  @Test
  void boundedOverRelease_testReleaseNotAcquired() {
    BoundedSemaphore sem = new BoundedSemaphore();
    assertThrows(IllegalStateException.class, sem::release);
    Loops.run(() -> {
      BoundedSemaphore two = new BoundedSemaphore(2);
      two.acquire();
      two.release();
      assertThrows(IllegalStateException.class, two::release, "released more than acquired");
      assertFalse(two.locked());
      return null;
    });
  }

  @Test
  void releaseWithoutWaiters_testReleaseNoWaiters() {
    Loops.run(() -> {
      Semaphore sem = new Semaphore();
      sem.acquire();
      assertTrue(sem.locked());
      sem.release();
      assertFalse(sem.locked());
      // a plain Semaphore may be released above its initial value
      sem.release();
      sem.acquire();
      sem.acquire();
      assertTrue(sem.locked());
      return null;
    });
  }

  @Test
  void withPermitReleasesOnException_testContextManager() {
    Loops.run(() -> {
      Semaphore sem = new Semaphore(2);
      assertEquals("v", sem.withPermit(() -> {
        sem.acquire();
        assertTrue(sem.locked());
        sem.release();
        return "v";
      }));
      assertThrows(IllegalArgumentException.class,
          () -> sem.withPermit(() -> { throw new IllegalArgumentException(); }));
      sem.acquire();
      sem.acquire();
      assertTrue(sem.locked(), "both permits came back");
      assertThrows(NullPointerException.class, () -> sem.withPermit(null));
      return null;
    });
  }
}
