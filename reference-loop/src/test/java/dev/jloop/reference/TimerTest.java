package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.TimerHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timers: deadline order, ties, never early, past deadlines, cancellation (asyncio call_later/call_at). */
class TimerTest {
  private final RecordingIoHandler io = new RecordingIoHandler();
  private final SelectorEventLoop loop = new SelectorEventLoop(io);
  private final List<String> log = new ArrayList<>();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private void runUntilTimersDone(double lastDelay) {
    loop.callLater(lastDelay, loop::stop);
    loop.runForever();
  }

  /** asyncio test_events test_call_later: the callback sees at least the delay elapsed. */
  @Test
  void timersRunInDeadlineOrderAndNeverEarly() {
    double[] delays = {0.05, 0.01, 0.03, 0.0, 0.02, 0.04, 0.015};
    List<TimerHandle> fired = new ArrayList<>();
    List<String> early = new ArrayList<>();
    TimerHandle[] handles = new TimerHandle[delays.length];
    for (int i = 0; i < delays.length; i++) {
      int n = i;
      handles[i] = loop.callLater(delays[i], () -> {
        double now = loop.time();
        if (now < handles[n].when()) {
          early.add("timer " + n + " (when=" + handles[n].when() + ") ran at " + now);
        }
        fired.add(handles[n]);
      });
    }
    runUntilTimersDone(0.1);
    assertEquals(List.of(), early, "timers ran before their deadline");
    assertEquals(delays.length, fired.size());
    for (int i = 1; i < fired.size(); i++) {
      assertTrue(fired.get(i - 1).when() <= fired.get(i).when(),
          "timer when=" + fired.get(i).when() + " ran after when=" + fired.get(i - 1).when());
    }
  }

  @Test
  void manyRandomTimersAreNeverEarly() {
    Random random = new Random(42);
    int n = 300;
    TimerHandle[] handles = new TimerHandle[n];
    double[] lateness = new double[n];
    int[] count = {0};
    for (int i = 0; i < n; i++) {
      int k = i;
      handles[i] = loop.callLater(random.nextDouble() * 0.05, () -> {
        lateness[k] = loop.time() - handles[k].when();
        count[0]++;
      });
    }
    runUntilTimersDone(0.06);
    assertEquals(n, count[0]);
    for (int i = 0; i < n; i++) {
      assertTrue(lateness[i] >= 0, "timer " + i + " ran " + (-lateness[i]) + " s early");
    }
  }

  /** STRICT: asyncio leaves equal deadlines unordered; jloop runs them in scheduling order. */
  @Test
  void equalDeadlinesRunInSchedulingOrder() {
    double when = loop.time() + 0.02;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      loop.callAt(when, () -> order.add(n));
      loop.callAt(when + 0.001 * (i % 3), () -> {}); // other deadlines mixed in
    }
    runUntilTimersDone(0.05);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(i);
    }
    assertEquals(expected, order);
  }

  /** asyncio test_base_events test_call_later_negative_delays: earlier deadline first. */
  @Test
  void negativeDelayMeansAsSoonAsPossible() {
    loop.callLater(-1, () -> log.add("a"));
    loop.callLater(-2, () -> log.add("b"));
    loop.stop();
    loop.runForever(); // exactly one pass
    assertEquals(List.of("b", "a"), log);
  }

  @Test
  void callAtInThePastRunsInTheNextPass() {
    loop.callAt(loop.time() - 10, () -> log.add("past"));
    loop.stop();
    loop.runForever();
    assertEquals(List.of("past"), log);
  }

  /** asyncio's _run_once appends due timers after the callbacks that were already ready. */
  @Test
  void dueTimersRunAfterTheCallbacksAlreadyReady() {
    loop.callLater(-1, () -> log.add("timer"));
    loop.callSoon(() -> log.add("soon"));
    loop.stop();
    loop.runForever();
    assertEquals(List.of("soon", "timer"), log);
  }

  @Test
  void callLaterWithADurationWaitsAtLeastThatLong() {
    double start = loop.time();
    double[] ranAt = {-1};
    loop.callLater(Duration.ofMillis(30), () -> {
      ranAt[0] = loop.time();
      loop.stop();
    });
    loop.runForever();
    assertTrue(ranAt[0] - start >= 0.03, "ran after " + (ranAt[0] - start) + " s");
  }

  /** asyncio TimerHandle.cancel: counted in _timer_cancelled_count, dropped lazily. */
  @Test
  void cancelledTimerNeverRuns() {
    TimerHandle h = loop.callLater(0.01, () -> log.add("cancelled"));
    loop.callLater(0.005, () -> log.add("kept"));
    h.cancel();
    assertTrue(h.cancelled());
    assertEquals(1, loop.cancelledTimerCount());
    runUntilTimersDone(0.05);
    assertEquals(List.of("kept"), log);
    assertFalse(h.scheduled());
    assertEquals(0, loop.scheduledTimerCount());
    assertEquals(0, loop.cancelledTimerCount());
  }

  @Test
  void timerCancelledByAnEarlierCallbackOfTheSamePassDoesNotRun() {
    TimerHandle[] t = new TimerHandle[1];
    loop.callLater(-2, () -> t[0].cancel());
    t[0] = loop.callLater(-1, () -> log.add("should not run"));
    loop.stop();
    loop.runForever();
    assertEquals(List.of(), log);
  }

  @Test
  void cancellingAFiredTimerIsHarmless() {
    TimerHandle h = loop.callLater(-1, () -> log.add("ran"));
    loop.stop();
    loop.runForever();
    h.cancel();
    assertEquals(0, loop.cancelledTimerCount(), "a timer out of the heap must not count as cancelled in it");
    assertEquals(List.of("ran"), log);
  }

  @Test
  void pollWaitsUntilTheEarliestTimerAndNoLonger() {
    loop.callLater(3600, () -> {});
    loop.callLater(0.05, loop::stop);
    loop.runForever();
    long first = io.timeouts.get(0);
    assertTrue(first > 0 && first <= 50_000_000L, "first poll timeout " + first + " ns");
  }

  /** asyncio caps one select at MAXIMUM_SELECT_TIMEOUT (a day); a huge deadline must not overflow. */
  @Test
  void pollTimeoutIsCappedAtOneDay() throws Exception {
    loop.callLater(1e12, () -> log.add("far future"));
    LoopThread lt = LoopThread.start(loop);
    try {
      assertTrue(io.blockingPolls.tryAcquire(LoopThread.PATIENCE_MS, java.util.concurrent.TimeUnit.MILLISECONDS));
    } finally {
      lt.stopAndJoin();
    }
    long first = io.timeouts.get(0);
    assertEquals(24L * 3600 * 1_000_000_000L, first);
    assertEquals(List.of(), log);
  }

  @Test
  void timeIsMonotonicAndAdvances() throws InterruptedException {
    double previous = loop.time();
    for (int i = 0; i < 100_000; i++) {
      double now = loop.time();
      assertTrue(now >= previous, "time went back from " + previous + " to " + now);
      previous = now;
    }
    double before = loop.time();
    Thread.sleep(20);
    assertTrue(loop.time() - before >= 0.02, "time advanced less than the 20 ms slept");
  }
}
