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
import dev.jloop.TaskGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Queue}, {@link LifoQueue}, {@link PriorityQueue} against CPython's test_queues. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class QueueTest {

  @Test
  void badInput() {
    assertThrows(IllegalArgumentException.class, () -> new Queue<>(-1));
    assertThrows(IllegalArgumentException.class, () -> new LifoQueue<>(-1));
    assertThrows(IllegalArgumentException.class, () -> new PriorityQueue<>(-1));
    assertThrows(NullPointerException.class, () -> new PriorityQueue<String>(0, null));
    Queue<String> q = new Queue<>();
    assertThrows(NullPointerException.class, () -> q.putNowait(null));
    Loops.run(() -> {
      assertThrows(NullPointerException.class, () -> q.put(null));
      return null;
    });
    assertTrue(q.empty(), "a refused null left nothing behind");
  }

  @Test
  void emptyAndFull_testEmpty_testFull_testMaxsize() {
    Queue<Integer> q = new Queue<>(2);
    assertTrue(q.empty());
    assertEquals(2, q.maxsize());
    q.putNowait(1);
    assertFalse(q.empty());
    assertFalse(q.full());
    q.putNowait(2);
    assertTrue(q.full());
    assertThrows(QueueFullException.class, () -> q.putNowait(3), "test_nonblocking_put_exception");
    assertEquals(2, q.qsize());
    assertFalse(new Queue<Integer>().full(), "maxsize 0 is unbounded");
  }

  @Test
  void retrievalOrder_testOrder() {
    Queue<Integer> fifo = new Queue<>();
    Queue<Integer> lifo = new LifoQueue<>();
    Queue<Integer> prio = new PriorityQueue<>();
    Queue<String> byLength = new PriorityQueue<>(0, Comparator.comparing(String::length));
    for (int i : new int[] {1, 3, 2}) {
      fifo.putNowait(i);
      lifo.putNowait(i);
      prio.putNowait(i);
    }
    byLength.putNowait("ccc");
    byLength.putNowait("a");
    byLength.putNowait("bb");
    assertEquals(List.of(1, 3, 2), drain(fifo));
    assertEquals(List.of(2, 3, 1), drain(lifo));
    assertEquals(List.of(1, 2, 3), drain(prio));
    assertEquals(List.of("a", "bb", "ccc"), drain(byLength));
    assertThrows(QueueEmptyException.class, fifo::getNowait, "test_nonblocking_get_exception");
  }

  private static <E> List<E> drain(Queue<E> q) {
    List<E> out = new ArrayList<>();
    while (!q.empty()) {
      out.add(q.getNowait());
    }
    return out;
  }

  @Test
  void getWaitsForPut_testBlockingGet_testPutWithWaitingGetters() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Queue<String> q = new Queue<>();
      Task<String> t = loop.createTask(q::get);
      passes(1);
      assertFalse(t.done());
      q.put("a");
      assertEquals("a", Async.await(t));
      return null;
    });
  }

  @Test
  void putWaitsForRoom_testBlockingPut_testGetWithWaitingPutters() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Queue<String> q = new Queue<>(1);
      loop.createTask(() -> { q.put("a"); return null; });
      loop.createTask(() -> { q.put("b"); return null; });
      assertEquals("a", q.get());
      assertEquals("b", q.get());
      return null;
    });
  }

  @Test
  void gettersServedInFifoOrder() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Queue<Integer> q = new Queue<>();
      List<String> got = new ArrayList<>();
      List<Task<?>> getters = new ArrayList<>();
      for (String name : List.of("g1", "g2", "g3")) {
        getters.add(loop.createTask(() -> { got.add(name + "=" + q.get()); return null; }));
      }
      passes(1);
      q.putNowait(1);
      q.putNowait(2);
      q.putNowait(3);
      for (Task<?> g : getters) {
        Async.await(g);
      }
      assertEquals(List.of("g1=1", "g2=2", "g3=3"), got);
      return null;
    });
  }

  @Test
  void cancelledGetterSkipped_testGetCancelledRace() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Queue<String> q = new Queue<>();
      Task<String> t1 = loop.createTask(q::get);
      Task<String> t2 = loop.createTask(q::get);
      passes(1);
      t1.cancel();
      passes(1);
      assertTrue(t1.done());
      q.put("a");
      passes(1);
      assertEquals("a", Async.await(t2));
      assertFalse(q.toString().contains("getters"), q.toString());
      return null;
    });
  }

  @Test
  void wokenGetterCancelledLosesNoItem_testGetCancelDropOnePendingReader() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Queue<Integer> q = new Queue<>();
      Task<Integer> reader = loop.createTask(q::get);
      passes(1);
      q.putNowait(1);
      q.putNowait(2);
      reader.cancel();
      Integer result;
      try {
        result = Async.await(reader);
      } catch (CancelledException e) {
        result = Async.await(loop.createTask(q::get));
      }
      assertEquals(1, result, "getting 2 would mean item 1 was dropped");
      return null;
    });
  }

  @Test
  void wokenGetterCancelledPassesWakeUpOn_testGetCancelDropManyPendingReaders() {
    Loops.run(() -> {
      Queue<Integer> q = new Queue<>();
      List<Task<Integer>> readers = new ArrayList<>();
      TaskGroup.run(tg -> {
        for (int i = 0; i < 3; i++) {
          readers.add(tg.createTask(q::get));
        }
        passes(1);
        q.putNowait(1);
        q.putNowait(2);
        readers.get(0).cancel();
        assertThrows(CancelledException.class, () -> Async.await(readers.get(0)));
        Async.await(readers.get(2));
        return null;
      });
      assertEquals(Set.of(1, 2), Set.of(readers.get(1).result(), readers.get(2).result()));
      return null;
    });
  }

  @Test
  void wokenPutterCancelledLosesNoRoom_testPutCancelDrop() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Queue<Integer> q = new Queue<>(1);
      q.putNowait(1);
      Task<?> writer = loop.createTask(() -> { q.put(2); return null; });
      passes(1);
      assertEquals(1, q.getNowait());
      writer.cancel();
      try {
        Async.await(writer);
      } catch (CancelledException e) {
        Async.await(loop.createTask(() -> { q.put(2); return null; }));
      }
      assertEquals(2, q.getNowait());
      assertEquals(0, q.qsize());
      return null;
    });
  }

  @Test
  void wokenPutterCancelledPassesWakeUpOn() {
    // the putter side of asyncio's "woken up by get_nowait(), but can't take the call"
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Queue<String> q = new Queue<>(1);
      q.putNowait("first");
      Task<?> p1 = loop.createTask(() -> { q.put("p1"); return null; });
      Task<?> p2 = loop.createTask(() -> { q.put("p2"); return null; });
      passes(1);
      assertEquals("first", q.getNowait());
      p1.cancel();
      assertThrows(CancelledException.class, () -> Async.await(p1));
      Async.await(p2);
      assertEquals(List.of("p2"), drain(q));
      return null;
    });
  }

  @Test
  void cancelledPutterSkipped_testPutCancelledRace() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Queue<String> q = new Queue<>(1);
      Task<?> putA = loop.createTask(() -> { q.put("a"); return null; });
      Task<?> putB = loop.createTask(() -> { q.put("b"); return null; });
      Task<?> putC = loop.createTask(() -> { q.put("X"); return null; });
      passes(1);
      assertTrue(putA.done());
      assertFalse(putB.done());
      putC.cancel();
      passes(1);
      assertTrue(putC.done());
      assertEquals("a", q.getNowait());
      passes(1);
      assertEquals("b", q.getNowait());
      Async.await(putB);
      assertTrue(q.empty(), "the cancelled put added nothing");
      return null;
    });
  }

  @Test
  void cancelledPutterLeavesQueue_testCancelledPutsNotBeingHeldInSelfPutters() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Queue<Integer> q = new Queue<>(1);
      q.putNowait(1);
      Task<?> put = loop.createTask(() -> { q.put(1); return null; });
      passes(1);
      assertTrue(q.toString().contains("putters=1"), q.toString());
      put.cancel();
      assertThrows(CancelledException.class, () -> Async.await(put));
      assertFalse(q.toString().contains("putters"), q.toString());
      return null;
    });
  }

  @Test
  void producerConsumerThroughSizeOneQueue_testWhyAreGettersWaiting() {
    Loops.run(() -> {
      Queue<Integer> q = new Queue<>(1);
      List<Integer> got = new ArrayList<>();
      TaskGroup.run(tg -> {
        tg.createTask(() -> { for (int i = 0; i < 5; i++) { q.put(i); } return null; });
        tg.createTask(() -> { for (int i = 0; i < 5; i++) { got.add(q.get()); } return null; });
        return null;
      });
      assertEquals(List.of(0, 1, 2, 3, 4), got);
      return null;
    });
  }

  @Test
  void waitingOutsideTaskIsRefused() {
    Queue<Integer> q = new Queue<>(1);
    assertThrows(IllegalStateException.class, q::get);
    q.putNowait(1);
    assertThrows(IllegalStateException.class, () -> q.put(2));
    assertEquals(1, q.qsize());
  }

  private static Supplier<Queue<Integer>> kind(String name) {
    return switch (name) {
      case "fifo" -> Queue::new;
      case "lifo" -> LifoQueue::new;
      default -> PriorityQueue::new;
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"fifo", "lifo", "priority"})
  void taskDoneTooOften_testTaskDoneUnderflow(String name) {
    Queue<Integer> q = kind(name).get();
    assertThrows(IllegalStateException.class, q::taskDone);
    q.putNowait(1);
    q.getNowait();
    q.taskDone();
    assertThrows(IllegalStateException.class, q::taskDone, "one more than was put");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fifo", "lifo", "priority"})
  void joinWaitsForEveryTaskDone_testTaskDone(String name) {
    Loops.run(() -> {
      Queue<Integer> q = kind(name).get();
      IntStream.range(0, 100).forEach(q::putNowait);
      int[] accumulator = {0};
      boolean[] running = {true};
      TaskGroup.run(tg -> {
        List<Task<?>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          workers.add(tg.createTask(() -> {
            while (running[0]) {
              accumulator[0] += q.get();
              q.taskDone();
            }
            return null;
          }));
        }
        q.join();
        assertEquals(4950, accumulator[0], "join() returned only after every item was processed");
        running[0] = false;
        workers.forEach(w -> q.putNowait(0));
        return null;
      });
      return null;
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"fifo", "lifo", "priority"})
  void joinOnEmptyQueueReturnsAtOnce_testJoinEmptyQueue(String name) {
    Queue<Integer> q = kind(name).get();
    // nothing outstanding: no task needed, nothing waits
    q.join();
    q.join();
  }

  @Test
  void joinWaitsUntilLastTaskDone() {
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Queue<String> q = new Queue<>();
      q.putNowait("x");
      q.putNowait("y");
      Task<?> joiner = loop.createTask(() -> { q.join(); return null; });
      q.getNowait();
      q.getNowait();
      q.taskDone();
      passes(2);
      assertFalse(joiner.done(), "one item is still being processed");
      q.taskDone();
      Async.await(joiner);
      return null;
    });
  }
}
