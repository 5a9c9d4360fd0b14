package dev.jloop.fuzz.model;

import dev.jloop.fuzz.trace.Event;
import dev.jloop.fuzz.trace.Kind;
import java.util.List;

/** Lifecycle rules: stop ends run_forever after the pass, no errors, a responsive loop. */
final class LifecycleChecks {
  private LifecycleChecks() {}

  static void check(TraceIndex x, boolean strict, List<Violation> out) {
    List<Event> evs = x.events;
    int segmentStart = -1;
    boolean stopped = false;
    boolean stoppedBefore = false;
    for (int i = 0; i < evs.size(); i++) {
      Event e = evs.get(i);
      switch (e.kind()) {
        case ERROR, HANDLER -> {
          out.add(new Violation(Rule.NO_ERRORS, e.note() + " (#" + i + ")", i));
          stopped |= e.kind() == Kind.ERROR && e.note().startsWith("run_forever");
        }
        case ABORT -> {
          stopped = true;
          if (!e.note().equals("stalled")) {
            out.add(new Violation(Rule.RESPONSIVE, e.note().equals("hung")
                ? "the loop stopped responding: a call_soon_threadsafe probe did not run within the hang timeout (#" + i + ")"
                : "the program did not end within its time limit (" + e.note() + ", #" + i + ")", i));
          }
        }
        case STOP, FINISH -> {
          stopped = true;
          if (e.loopThread()) {
            afterStop(x, i, strict, out);
          }
        }
        case SEGMENT -> {
          if (e.note().equals("start")) {
            segmentStart = i;
            stoppedBefore = stopped;
            stopped = false;
          } else if (!stopped && (!stoppedBefore || strict)) {
            // uvloop's stop() queues its effect with call_soon: a stop() late in one
            // run_forever can end the next one. CPython resets it when run_forever returns.
            out.add(new Violation(stoppedBefore ? Rule.STOP_CURRENT_PASS : Rule.STOP, "run_forever returned (#"
                + i + ") although nothing called stop() since it started (#" + segmentStart + ")", i));
          }
        }
        default -> { }
      }
    }
  }

  /**
   * After stop() recorded in pass p, run_forever returns before pass p + 3 begins (REQUIRED: a
   * pass may hold two marker counts, and uvloop runs one more batch); STRICT, as asyncio
   * documents it, callbacks queued after stop() wait for the next run_forever.
   */
  private static void afterStop(TraceIndex x, int stop, boolean strict, List<Violation> out) {
    int p = x.at(stop).pass();
    int end = -1;
    for (int j = stop + 1; j < x.events.size() && end < 0; j++) {
      Event e = x.at(j);
      if (e.kind() == Kind.SEGMENT) {
        end = j;
      } else if (e.loopThread() && e.pass() > p + 2) {
        out.add(new Violation(Rule.STOP, "pass " + e.pass() + " began (#" + j + ") after stop() in pass "
            + p + " (#" + stop + "), before run_forever returned", j));
        return;
      }
    }
    if (end < 0) {
      if (x.abort == null) {
        out.add(new Violation(Rule.STOP, "run_forever never returned after stop() (#" + stop + ")", stop));
      }
      return;
    }
    if (strict) {
      for (TraceIndex.Callback c : x.callbacks.values()) {
        int q = x.queuedAt(c);
        int r = c.firstRun();
        if (q > stop && q < end && r > q && r < end) {
          out.add(new Violation(Rule.STOP_CURRENT_PASS, x.describe(c) + " was queued after stop() (#"
              + stop + ") but ran (#" + r + ") before run_forever returned (#" + end + ")", r));
          return;
        }
      }
    }
  }
}
