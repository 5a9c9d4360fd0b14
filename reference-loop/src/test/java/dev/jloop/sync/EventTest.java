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

/** {@link Event} against CPython's test_locks.EventTests. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventTest {

  @Test
  void setWakesAllWaitersInOrder_testWait() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Event ev = new Event();
      assertFalse(ev.isSet());
      List<Integer> result = new ArrayList<>();
      Task<?> t1 = loop.createTask(() -> { ev.await(); result.add(1); return null; });
      Task<?> t2 = loop.createTask(() -> { ev.await(); result.add(2); return null; });
      passes(1);
      assertEquals(List.of(), result);
      Task<?> t3 = loop.createTask(() -> { ev.await(); result.add(3); return null; });
      ev.set();
      passes(1);
      // t3 starts after set() and does not wait; t1 and t2 resume in the order they waited
      assertEquals(List.of(3, 1, 2), result);
      assertTrue(t1.done() && t2.done() && t3.done());
      return null;
    });
  }

  @Test
  void awaitOnSetEventReturnsAtOnce_testWaitOnSet() {
    // outside a task too: nothing has to wait
    Event ev = new Event();
    ev.set();
    ev.await();
    assertTrue(ev.isSet());
  }

  @Test
  void cancelledWaiterLeaves_testWaitCancel() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Event ev = new Event();
      Task<?> wait = loop.createTask(() -> { ev.await(); return null; });
      loop.callSoon(wait::cancel);
      assertThrows(CancelledException.class, () -> Async.await(wait));
      assertFalse(ev.toString().contains("waiters"), ev.toString());
      return null;
    });
  }

  @Test
  void clear_testClear() {
    Event ev = new Event();
    ev.set();
    assertTrue(ev.isSet());
    ev.clear();
    assertFalse(ev.isSet());
  }

  @Test
  void waiterWokenBySetResumesEvenIfClearedAgain_testClearWithWaiters() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Event ev = new Event();
      List<Integer> result = new ArrayList<>();
      Task<?> t = loop.createTask(() -> { ev.await(); result.add(1); return null; });
      passes(1);
      ev.set();
      ev.clear();
      assertFalse(ev.isSet());
      ev.set();
      ev.set();
      assertTrue(ev.toString().contains("waiters:1"), ev.toString());
      passes(1);
      assertEquals(List.of(1), result);
      assertFalse(ev.toString().contains("waiters"), ev.toString());
      assertTrue(t.done());
      return null;
    });
  }

  @Test
  void waitingOutsideTaskIsRefused() {
    Event ev = new Event();
    assertThrows(IllegalStateException.class, ev::await);
  }
}
