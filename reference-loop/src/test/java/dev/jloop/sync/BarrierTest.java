package dev.jloop.sync;

import static dev.jloop.sync.Loops.passes;
import static dev.jloop.sync.Loops.runTasks;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Barrier} against CPython's test_locks.BarrierTests (N = 5 parties, as there). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BarrierTest {
  private static final int N = 5;

  @Test
  void badParties_testBarrierParties() {
    assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    assertThrows(IllegalArgumentException.class, () -> new Barrier(-1));
    Barrier b = new Barrier(3);
    assertEquals(3, b.parties());
    assertEquals(0, b.nWaiting());
    assertFalse(b.broken());
  }

  @Test
  void onePartyPassesAtOnce_testFillingOneTaskTwice() {
    Loops.run(() -> {
      Barrier b = new Barrier(1);
      assertEquals(0, b.await());
      assertEquals(0, b.await());
      return null;
    });
  }

  @Test
  void tasksArriveOneByOne_testFillingTaskByTask() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Barrier b = new Barrier(3);
      Task<Integer> t1 = loop.createTask(b::await);
      passes(1);
      assertEquals(1, b.nWaiting());
      Task<Integer> t2 = loop.createTask(b::await);
      passes(1);
      assertEquals(2, b.nWaiting());
      Task<Integer> t3 = loop.createTask(b::await);
      List<Integer> indices = List.of(Async.await(t1), Async.await(t2), Async.await(t3));
      assertEquals(List.of(0, 1, 2), indices, "arrival order gives the index");
      assertEquals(0, b.nWaiting());
      assertFalse(b.broken());
      return null;
    });
  }

  @Test
  void reusableAndIndicesUnique_testFillingTasksCheckReturnValue() {
    Loops.run(() -> {
      Barrier b = new Barrier(N);
      List<Integer> firstRound = new ArrayList<>();
      List<Integer> second = runTasks(N, () -> {
        firstRound.add(b.await());
        return b.await();
      });
      assertEquals(IntStream.range(0, N).boxed().toList(), firstRound.stream().sorted().toList());
      assertEquals(IntStream.range(0, N).boxed().toList(), second.stream().sorted().toList());
      assertEquals(0, b.nWaiting());
      assertFalse(b.broken());
      return null;
    });
  }

  @Test
  void drainingUntilLastLeaves_testDrainingState() {
    Loops.run(() -> {
      Barrier b = new Barrier(N);
      List<Boolean> draining = new ArrayList<>();
      runTasks(N, () -> {
        b.await();
        draining.add(b.toString().contains("draining"));
        return null;
      });
      List<Boolean> expected = new ArrayList<>();
      IntStream.range(0, N - 1).forEach(i -> expected.add(true));
      expected.add(false);
      assertEquals(expected, draining, "the last task to leave puts the barrier back to filling");
      return null;
    });
  }

  @Test
  void newcomersWaitWhileDraining_testBlockingTasksWhileDraining() {
    Loops.run(() -> {
      int rewait = 2;
      Barrier b = new Barrier(N);
      Barrier others = new Barrier(N - rewait);
      int[] rewaitLeft = {rewait};
      runTasks(N, () -> {
        b.await();
        if (rewaitLeft[0] > 0) {
          rewaitLeft[0]--;
          b.await();
        } else {
          others.await();
          b.await();
        }
        return null;
      });
      assertEquals(0, b.nWaiting());
      return null;
    });
  }

  @Test
  void cancelledWaiterLeaves_testFillingTasksCancelOne() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Barrier b = new Barrier(3);
      List<Boolean> results = new ArrayList<>();
      Task<?> t1 = loop.createTask(() -> { b.await(); results.add(true); return null; });
      passes(1);
      Task<?> t2 = loop.createTask(() -> { b.await(); results.add(true); return null; });
      passes(1);
      assertEquals(2, b.nWaiting());
      t1.cancel();
      passes(1);
      assertEquals(1, b.nWaiting());
      assertThrows(CancelledException.class, () -> Async.await(t1));
      Task<?> t3 = loop.createTask(() -> { b.await(); results.add(true); return null; });
      passes(1);
      assertEquals(2, b.nWaiting());
      Task<?> t4 = loop.createTask(() -> { b.await(); results.add(true); return null; });
      Async.await(t2);
      Async.await(t3);
      Async.await(t4);
      assertEquals(3, results.size());
      assertEquals(0, b.nWaiting());
      assertFalse(b.broken());
      return null;
    });
  }

  @Test
  void resetBreaksWaiters_testResetBarrierWhileTasksWaiting() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Barrier b = new Barrier(N);
      List<Task<Boolean>> waiters = new ArrayList<>();
      for (int i = 0; i < N - 1; i++) {
        waiters.add(loop.createTask(() -> {
          try {
            b.await();
            return false;
          } catch (BarrierBrokenException e) {
            return true;
          }
        }));
      }
      passes(1);
      loop.createTask(() -> { b.reset(); return null; });
      for (Task<Boolean> w : waiters) {
        assertTrue(Async.await(w), "a waiter got BarrierBrokenException from reset()");
      }
      assertEquals(0, b.nWaiting());
      assertFalse(b.toString().contains("resetting"), b.toString());
      assertFalse(b.broken());
      // usable again
      assertEquals(List.of(0, 1, 2, 3, 4),
          runTasks(N, b::await).stream().sorted().toList());
      return null;
    });
  }

  @Test
  void abortBreaksNowAndLater_testAbortBarrier() {
    Loops.run(() -> {
      Barrier b = new Barrier(1);
      b.abort();
      assertTrue(b.broken());
      assertEquals(0, b.nWaiting());
      assertThrows(BarrierBrokenException.class, b::await);
      b.reset();
      assertFalse(b.broken());
      assertEquals(0, b.await());
      return null;
    });
  }

  @Test
  void abortWhenATaskFails_testAbortBarrierWhenException() {
    Loops.run(() -> {
      Barrier b = new Barrier(N);
      List<Boolean> passed = new ArrayList<>();
      List<Boolean> broken = new ArrayList<>();
      runTasks(N, () -> {
        try {
          int i = b.await();
          if (i == N / 2) {
            throw new IllegalStateException("simulated failure");
          }
          b.await();
          passed.add(true);
        } catch (BarrierBrokenException e) {
          broken.add(true);
        } catch (IllegalStateException e) {
          b.abort();
        }
        return null;
      });
      assertTrue(b.broken());
      assertEquals(0, passed.size());
      assertEquals(N - 1, broken.size());
      assertEquals(0, b.nWaiting());
      return null;
    });
  }

  @Test
  void abortThenReset_testAbortBarrierWhenExceptionThenResetting() {
    Loops.run(() -> {
      Barrier b1 = new Barrier(N);
      Barrier b2 = new Barrier(N);
      int[] passed = {0};
      int[] broken = {0};
      int[] after = {0};
      runTasks(N, () -> {
        try {
          int i = b1.await();
          if (i == N / 2) {
            throw new IllegalStateException("simulated failure");
          }
          b1.await();
          passed[0]++;
        } catch (BarrierBrokenException e) {
          broken[0]++;
        } catch (IllegalStateException e) {
          b1.abort();
        }
        if (b2.await() == N / 2) {
          b1.reset();
        }
        b2.await();
        b1.await();
        after[0]++;
        return null;
      });
      assertFalse(b1.broken());
      assertEquals(0, passed[0]);
      assertEquals(N - 1, broken[0]);
      assertEquals(N, after[0]);
      assertEquals(0, b1.nWaiting());
      return null;
    });
  }

  @Test
  void waitingOutsideTaskIsRefused() {
    Barrier b = new Barrier(2);
    assertThrows(IllegalStateException.class, b::await);
  }
}
