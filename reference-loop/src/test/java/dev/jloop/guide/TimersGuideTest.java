package dev.jloop.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.EventLoop;
import dev.jloop.TimerHandle;
import dev.jloop.reference.SelectorEventLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** User guide, "Callbacks and timers" (asyncio-eventloop: call_soon, call_later, call_at). */
class TimersGuideTest {
  @Test
  void callbacksAndTimersInOrder() throws Exception {
    String out = Stdout.capture(() -> {
      // tag::timers[]
      try (EventLoop loop = new SelectorEventLoop()) {
        double t0 = loop.time();                  // the loop's monotonic clock, in seconds
        loop.callAt(t0 + 0.03, () -> System.out.println("at t0 + 0.03"));
        loop.callAt(t0 + 0.01, () -> System.out.println("at t0 + 0.01"));
        TimerHandle late = loop.callAt(t0 + 0.02, () -> System.out.println("never printed"));
        loop.callSoon(() -> System.out.println("soon: before any timer"));
        late.cancel();
        loop.callAt(t0 + 0.05, loop::stop);
        loop.runForever();                        // returns after stop()
      }
      // end::timers[]
    });
    assertEquals("soon: before any timer\nat t0 + 0.01\nat t0 + 0.03\n", out);
  }

  @Test
  void callLaterNeverEarly() {
    // tag::call-later[]
    double[] times = new double[3];               // scheduled, deadline, ran
    try (EventLoop loop = new SelectorEventLoop()) {
      times[0] = loop.time();
      TimerHandle timer = loop.callLater(Duration.ofMillis(20), () -> {
        times[2] = loop.time();                   // never before the deadline
        loop.stop();
      });
      times[1] = timer.when();                    // time() at the call + 0.020
      loop.runForever();
    }
    // end::call-later[]
    assertTrue(times[1] - times[0] >= 0.020 - 1e-9, "deadline " + times[1] + " for a call at " + times[0]);
    assertTrue(times[2] >= times[1], "ran at " + times[2] + ", before its deadline " + times[1]);
  }
}
