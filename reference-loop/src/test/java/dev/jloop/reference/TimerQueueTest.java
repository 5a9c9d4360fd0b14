package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.TimerHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timer heap on its own, and asyncio's compaction rule through the loop. */
class TimerQueueTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();
  private final TimerQueue queue = new TimerQueue();
  private long sequence;

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private TimerHandle timer(double when) {
    TimerHandle t = new TimerHandle(loop, when, sequence++, () -> {}, queue::onCancelled);
    queue.add(t);
    return t;
  }

  @Test
  void pollsInDeadlineThenSequenceOrderAgainstASortedModel() {
    Random random = new Random(7);
    List<TimerHandle> model = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      // few distinct deadlines, so ties are common
      model.add(timer(random.nextInt(50)));
    }
    model.sort(Comparator.comparingDouble(TimerHandle::when).thenComparingLong(TimerHandle::sequence));
    for (TimerHandle expected : model) {
      TimerHandle got = queue.poll();
      assertEquals(expected, got, "heap order differs from (when, sequence) order");
      assertFalse(got.scheduled());
    }
    assertTrue(queue.isEmpty());
    assertNull(queue.poll());
  }

  @Test
  void cancelledTimersAtTheTopAreDropped() {
    TimerHandle a = timer(1);
    TimerHandle b = timer(2);
    timer(3);
    a.cancel();
    b.cancel();
    assertEquals(2, queue.cancelledCount());
    queue.compactIfMostlyCancelled();
    assertEquals(1, queue.size());
    assertEquals(0, queue.cancelledCount());
    assertEquals(3, queue.peek().when());
  }

  /** asyncio test_base_events test__run_once_cancelled_event_cleanup, below the threshold. */
  @Test
  void belowTheThresholdOnlyTheCancelledHeadIsDropped() {
    loop.callLater(3000, () -> {});
    for (int i = 0; i < 2; i++) {
      loop.callLater(3600, () -> {}).cancel();
    }
    for (int i = 0; i < 2; i++) {
      loop.callLater(100, () -> {}).cancel();
    }
    assertEquals(4, loop.cancelledTimerCount());
    runOnePass();
    assertEquals(2, loop.cancelledTimerCount());
    assertEquals(3, loop.scheduledTimerCount());
  }

  @Test
  void moreThan100TimersAndMoreThanHalfCancelledCompactsTheHeap() {
    List<TimerHandle> timers = scheduleFarTimers(200);
    for (int i = 99; i < 200; i++) { // 101 of 200, none at the head
      timers.get(i).cancel();
    }
    runOnePass();
    assertEquals(99, loop.scheduledTimerCount());
    assertEquals(0, loop.cancelledTimerCount());
    for (int i = 99; i < 200; i++) {
      assertFalse(timers.get(i).scheduled(), "a dropped timer still claims to be scheduled");
    }
  }

  @Test
  void exactlyHalfCancelledDoesNotCompact() {
    List<TimerHandle> timers = scheduleFarTimers(200);
    for (int i = 100; i < 200; i++) { // 100 of 200: not more than half
      timers.get(i).cancel();
    }
    runOnePass();
    assertEquals(200, loop.scheduledTimerCount());
    assertEquals(100, loop.cancelledTimerCount());
  }

  @Test
  void aHundredTimersOrFewerAreNeverCompacted() {
    List<TimerHandle> timers = scheduleFarTimers(100);
    for (int i = 1; i < 100; i++) {
      timers.get(i).cancel();
    }
    runOnePass();
    assertEquals(100, loop.scheduledTimerCount());
    assertEquals(99, loop.cancelledTimerCount());
  }

  @Test
  void compactionKeepsTheOrderOfTheSurvivors() {
    int n = 300;
    TimerHandle[] timers = new TimerHandle[n];
    List<TimerHandle> fired = new ArrayList<>();
    double base = loop.time() + 0.2;
    for (int i = 0; i < n; i++) {
      int k = i;
      timers[i] = loop.callAt(base + 0.001 * (i % 7), () -> fired.add(timers[k]));
    }
    List<TimerHandle> survivors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i % 3 == 0) {
        survivors.add(timers[i]);
      } else {
        timers[i].cancel();
      }
    }
    runOnePass();
    assertEquals(0, loop.cancelledTimerCount(), "200 of 300 cancelled: the heap should be compacted");
    assertEquals(survivors.size(), loop.scheduledTimerCount() + fired.size());
    loop.callLater(0.3, loop::stop);
    loop.runForever();
    survivors.sort(Comparator.comparingDouble(TimerHandle::when).thenComparingLong(TimerHandle::sequence));
    assertEquals(survivors, fired);
  }

  private List<TimerHandle> scheduleFarTimers(int n) {
    List<TimerHandle> timers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      timers.add(loop.callLater(3600 + i, () -> {}));
    }
    return timers;
  }

  private void runOnePass() {
    loop.stop();
    loop.runForever();
  }
}
