package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;
import static dev.jloop.tck.Level.STRICT;

import dev.jloop.EventLoop;
import dev.jloop.TimerHandle;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/** call_later, call_at and time: deadline order, never early, cancel, the clock. */
@Area(value = "timers", description = "Timed callbacks and the loop clock: deadline order, never early, cancellation.")
public final class TimerScenarios {
  /** asyncio lets a timer run up to the clock resolution early; jloop allows one millisecond. */
  static final double EARLY_TOLERANCE = 0.001;

  TimerScenarios() {}

  private record Fired(String name, double when) {}

  @Scenario(id = "timers.deadline-order", level = REQUIRED, apis = {"call_later", "call_at"},
      rule = "Timers run in the order of their deadlines, whatever the order they were scheduled in.",
      reference = "test_events.EventLoopTestsMixin.test_call_later")
  void deadlineOrder(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Fired> fired = new ArrayList<>();
    double now = loop.time();
    double[] offsets = {0.030, 0.010, 0.020, 0.005};
    String[] names = {"A", "B", "C", "D"};
    for (int i = 0; i < offsets.length; i++) {
      Fired f = new Fired(names[i], offsets[i]);
      loop.callAt(now + offsets[i], () -> fired.add(f));
    }
    loop.callAt(now + 0.05, loop::stop);
    loop.runForever();
    s.expectEquals("number of timers that ran", 4, fired.size());
    for (int i = 1; i < fired.size(); i++) {
      Fired a = fired.get(i - 1);
      Fired b = fired.get(i);
      s.check(a.when() <= b.when(), "timer %s (when=+%.3f) ran before timer %s (when=+%.3f)",
          a.name(), a.when(), b.name(), b.when());
    }
  }

  @Scenario(id = "timers.equal-deadline-fifo", level = STRICT, apis = "call_at",
      rule = "Timers with equal deadlines run in the order they were scheduled.",
      reference = "asyncio-eventloop: loop.call_at (order of equal deadlines is undefined in asyncio)")
  void equalDeadlineFifo(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    double when = loop.time() + 0.01;
    List<String> names = List.of("A", "B", "C", "D", "E");
    for (String n : names) {
      loop.callAt(when, () -> ran.add(n));
    }
    loop.callAt(when + 0.01, loop::stop);
    loop.runForever();
    s.expectOrder("timers sharing one deadline", names, ran);
  }

  @Scenario(id = "timers.never-early", level = REQUIRED, apis = {"call_later", "time"},
      rule = "A timer never runs before its deadline on the loop clock.",
      reference = "test_events.EventLoopTestsMixin.test_call_later")
  void neverEarly(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> early = new ArrayList<>();
    double loop0 = loop.time();
    long wall0 = System.nanoTime();
    for (double d : new double[] {0.001, 0.01, 0.03, 0.05}) {
      TimerHandle[] h = new TimerHandle[1];
      h[0] = loop.callLater(d, () -> {
        double byLoop = loop.time() - loop0;
        double byWall = (System.nanoTime() - wall0) / 1e9;
        if (loop.time() < h[0].when() - EARLY_TOLERANCE || byLoop < d - EARLY_TOLERANCE || byWall < d - EARLY_TOLERANCE) {
          early.add(String.format(Locale.ROOT,
              "callLater(%.3f) ran %.4f s after it was scheduled by the loop clock (%.4f s by the wall clock)",
              d, byLoop, byWall));
        }
      });
    }
    loop.callLater(0.06, loop::stop);
    loop.runForever();
    s.check(early.isEmpty(), "%s", String.join("; ", early));
  }


  @Scenario(id = "timers.when", level = REQUIRED, apis = {"call_later", "time"},
      rule = "A timer's when is the loop time at scheduling plus the delay.",
      reference = "test_events.TimerTests.test_when")
  void when(ScenarioContext s) {
    EventLoop loop = s.loop();
    double before = loop.time();
    TimerHandle h = loop.callLater(10.0, () -> { });
    double after = loop.time();
    s.check(h.when() >= before + 10.0 - EARLY_TOLERANCE && h.when() <= after + 10.0 + EARLY_TOLERANCE,
        "callLater(10.0) at loop time in [%.6f, %.6f] has when()=%.6f", before, after, h.when());
    TimerHandle at = loop.callAt(before + 5, () -> { });
    s.expectEquals("callAt(t).when()", before + 5, at.when());
    h.cancel();
    at.cancel();
  }

  @Scenario(id = "timers.past-deadline-runs-soon", level = REQUIRED, apis = {"call_at", "call_later"},
      rule = "A timer whose deadline has passed, or with a negative delay, runs in the next pass.",
      reference = "test_base_events.BaseEventLoopTests.test_call_later_negative_delays")
  void pastDeadlineRunsSoon(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    loop.callAt(loop.time() - 10, () -> ran.add("callAt(past)"));
    loop.callLater(-1, () -> ran.add("callLater(-1)"));
    loop.callLater(s.scaled(1.0), () -> {
      ran.add("guard");
      loop.stop();
    });
    loop.callSoon(() -> loop.callSoon(() -> loop.callSoon(loop::stop)));
    loop.runForever();
    s.check(ran.contains("callAt(past)") && ran.contains("callLater(-1)") && !ran.contains("guard"),
        "timers in the past did not run within three passes; ran %s", ran);
  }

  @Scenario(id = "timers.cancel", level = REQUIRED, apis = {"call_at", "TimerHandle.cancel"},
      rule = "A cancelled timer does not run and reports cancelled.",
      reference = "test_events.TimerTests.test_timer")
  void cancel(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    double now = loop.time();
    TimerHandle h = loop.callAt(now + 0.01, () -> ran.add("cancelled timer"));
    loop.callAt(now + 0.005, h::cancel);
    loop.callAt(now + 0.02, loop::stop);
    loop.runForever();
    s.check(h.cancelled(), "TimerHandle.cancelled() was false after cancel()");
    s.check(ran.isEmpty(), "the cancelled timer ran");
  }

  @Scenario(id = "timers.cancel-many", level = REQUIRED, apis = {"call_later", "TimerHandle.cancel"},
      rule = "Cancelling most of many timers leaves the others running in deadline order.",
      reference = "test_base_events.BaseEventLoopTests.test__run_once_cancelled_event_cleanup")
  void cancelMany(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Integer> ran = new ArrayList<>();
    List<Integer> expected = new ArrayList<>();
    double now = loop.time();
    for (int i = 0; i < 300; i++) {
      int n = i;
      TimerHandle h = loop.callAt(now + 0.01 + i * 0.0001, () -> ran.add(n));
      if (i % 3 == 0) {
        expected.add(i);
      } else {
        h.cancel();
      }
    }
    loop.callAt(now + 0.1, loop::stop);
    loop.runForever();
    s.expectOrder("timers left after cancelling two thirds", expected, ran);
  }

  @Scenario(id = "timers.many-random-deadlines", level = REQUIRED, apis = "call_at",
      rule = "Many timers with distinct deadlines scheduled in random order run sorted by deadline.",
      reference = "asyncio-eventloop: loop.call_at")
  void manyRandomDeadlines(ScenarioContext s) {
    EventLoop loop = s.loop();
    Random rnd = new Random(42);
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      slots.add(i);
    }
    Collections.shuffle(slots, rnd);
    List<Integer> ran = new ArrayList<>();
    double now = loop.time();
    for (int slot : slots) {
      loop.callAt(now + 0.01 + slot * 0.00005, () -> ran.add(slot));
    }
    loop.callAt(now + 0.1, loop::stop);
    loop.runForever();
    s.expectOrder("500 timers by deadline", slots.stream().sorted().toList(), ran);
  }

  @Scenario(id = "timers.timer-schedules-timer", level = REQUIRED, apis = "call_later",
      rule = "A timer scheduled from a timer callback runs after its own delay.",
      reference = "asyncio-eventloop: loop.call_later")
  void timerSchedulesTimer(ScenarioContext s) {
    EventLoop loop = s.loop();
    double[] times = new double[2];
    loop.callLater(0.01, () -> {
      times[0] = loop.time();
      loop.callLater(0.02, () -> {
        times[1] = loop.time();
        loop.stop();
      });
    });
    loop.callLater(s.scaled(2.0), loop::stop);
    loop.runForever();
    s.check(times[1] > 0, "the timer scheduled from a timer did not run");
    s.check(times[1] - times[0] >= 0.02 - EARLY_TOLERANCE,
        "the inner timer (delay 0.020) ran %.4f s after the outer one", times[1] - times[0]);
  }

  @Scenario(id = "timers.time-monotonic", level = REQUIRED, apis = "time",
      rule = "The loop clock never goes backwards, on the loop thread or any other.",
      reference = "asyncio-eventloop: loop.time")
  void timeMonotonic(ScenarioContext s) throws InterruptedException {
    EventLoop loop = s.loop();
    double[] backwards = {0, 0};
    Thread other = s.thread("clock", () -> {
      double last = loop.time();
      for (int i = 0; i < 100_000; i++) {
        double t = loop.time();
        if (t < last) {
          backwards[1] = last - t;
        }
        last = t;
      }
    });
    double last = loop.time();
    for (int i = 0; i < 100_000; i++) {
      double t = loop.time();
      if (t < last) {
        backwards[0] = last - t;
      }
      last = t;
    }
    other.join();
    s.check(backwards[0] == 0 && backwards[1] == 0,
        "time() went backwards by %.9f s on the loop thread and %.9f s on another thread", backwards[0], backwards[1]);
  }

  @Scenario(id = "timers.time-in-seconds", level = REQUIRED, apis = "time",
      rule = "The loop clock counts seconds.",
      reference = "test_base_events.BaseEventLoopTests.test_time_and_call_at")
  void timeInSeconds(ScenarioContext s) throws InterruptedException {
    EventLoop loop = s.loop();
    double t0 = loop.time();
    long w0 = System.nanoTime();
    Thread.sleep(50);
    double elapsed = loop.time() - t0;
    double wall = (System.nanoTime() - w0) / 1e9;
    s.check(elapsed >= wall * 0.9 - EARLY_TOLERANCE && elapsed <= wall * 1.1 + 0.01,
        "time() advanced %.4f while %.4f s passed on System.nanoTime()", elapsed, wall);
  }

  @Scenario(id = "timers.duration-overload", level = STRICT, apis = "call_later",
      rule = "call_later with a Duration schedules the same deadline as with seconds.",
      reference = "jloop EventLoop.callLater(Duration, Runnable)")
  void durationOverload(ScenarioContext s) {
    EventLoop loop = s.loop();
    double before = loop.time();
    TimerHandle h = loop.callLater(Duration.ofMillis(1500), () -> { });
    double after = loop.time();
    s.check(h.when() >= before + 1.5 - EARLY_TOLERANCE && h.when() <= after + 1.5 + EARLY_TOLERANCE,
        "callLater(Duration.ofMillis(1500)) at loop time in [%.6f, %.6f] has when()=%.6f", before, after, h.when());
    h.cancel();
  }

  @Scenario(id = "timers.wait-without-spinning", level = REQUIRED, apis = {"call_later", "run_forever"},
      rule = "A loop with nothing ready sleeps until its next timer instead of spinning the CPU.",
      reference = "test_events.EventLoopTestsMixin.test_timeout_rounding")
  void waitWithoutSpinning(ScenarioContext s) throws InterruptedException {
    EventLoop loop = s.loop();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    // A thread that does spin meanwhile measures what spinning costs on this machine right now.
    AtomicBoolean spin = new AtomicBoolean(true);
    double[] yardstick = {-1};
    Thread spinner = s.thread("cpu-yardstick", () -> {
      long c0 = mx.getCurrentThreadCpuTime();
      while (spin.get()) {
        Thread.onSpinWait();
      }
      yardstick[0] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
    });
    double[] ranAt = new double[1];
    loop.callLater(0.2, () -> {
      ranAt[0] = loop.time();
      spin.set(false);
      loop.stop();
    });
    double start = loop.time();
    long cpu0 = mx.getCurrentThreadCpuTime();
    loop.runForever();
    double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
    spin.set(false);
    spinner.join();
    double waited = ranAt[0] - start;
    s.check(waited >= 0.2 - EARLY_TOLERANCE, "the 0.2 s timer ran after %.4f s", waited);
    boolean measurable = cpu0 >= 0 && yardstick[0] >= 0.005;
    s.check(!measurable || cpu < yardstick[0] / 4,
        "the loop thread used %.4f s of CPU while waiting %.3f s for its only timer, against %.4f s for a thread"
            + " that spun meanwhile", cpu, waited, yardstick[0]);
  }
}
