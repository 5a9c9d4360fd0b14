package dev.jloop.fuzz.model;

import dev.jloop.fuzz.model.TraceIndex.Callback;
import dev.jloop.fuzz.trace.Kind;
import java.util.ArrayList;
import java.util.List;

/** Timer rules: never early, deadline order, equal deadlines in scheduling order (STRICT). */
final class TimerChecks {
  private TimerChecks() {}

  static void check(TraceIndex x, boolean strict, List<Violation> out) {
    List<Callback> ran = new ArrayList<>();
    for (Callback c : x.callbacks.values()) {
      if (c.isTimer() && c.scheduled >= 0 && !c.failed && c.firstRun() >= 0) {
        ran.add(c);
        double t = x.at(c.firstRun()).time();
        double d = x.deadline(c);
        if (t < d - x.res) {
          out.add(new Violation(Rule.TIMER_NOT_EARLY, x.describe(c) + " ran at t="
              + TraceIndex.time(t) + " (#" + c.firstRun() + "), before its deadline "
              + TraceIndex.time(d), c.firstRun()));
        }
      }
    }
    prompt(x, out);
    for (Callback a : ran) {
      for (Callback b : ran) {
        if (a != b && b.firstRun() < a.firstRun()) {
          order(x, strict, a, b, out);
        }
      }
    }
  }

  /**
   * {@code b} ran before {@code a}: fine unless a's deadline was earlier (or equal and a came
   * first). Only timers whose handle reports a deadline count: uvloop turns a call_later that is
   * due within half a millisecond into a call_soon, which runs after the timers due in the same
   * libuv iteration.
   */
  private static void order(TraceIndex x, boolean strict, Callback a, Callback b, List<Violation> out) {
    if (a.when < 0 || b.when < 0) {
      return;
    }
    double da = x.reportedDeadline(a);
    double db = x.reportedDeadline(b);
    // a was in the heap before b fell due: then a loop that pops by deadline pops a first.
    boolean bothPending = x.at(a.scheduled).time() <= db - x.res;
    if (da < db - x.res && bothPending) {
      out.add(new Violation(Rule.TIMER_ORDER, x.describe(b) + " with deadline " + TraceIndex.time(db)
          + " ran (#" + b.firstRun() + ") before " + x.describe(a) + " with the earlier deadline "
          + TraceIndex.time(da) + " (#" + a.firstRun() + ")", b.firstRun()));
    } else if (strict && da == db && a.scheduled < b.scheduled) {
      out.add(new Violation(Rule.TIMER_EQUAL_FIFO, x.describe(b) + " ran (#" + b.firstRun()
          + ") before " + x.describe(a) + " (#" + a.firstRun() + "), scheduled first for the same deadline "
          + TraceIndex.time(da), b.firstRun()));
    }
  }

  /**
   * Once a pass marker saw the clock past a timer's deadline (pass k), the timer is moved to the
   * ready queue at the start of pass k + 1 at the latest, so it runs before the marker of pass
   * k + 2.
   */
  private static void prompt(TraceIndex x, List<Violation> out) {
    List<Integer> marks = new ArrayList<>();
    for (int i = 0; i < x.events.size(); i++) {
      if (x.at(i).kind() == Kind.MARK && x.at(i).loopThread()) {
        marks.add(i);
      }
    }
    for (Callback c : x.callbacks.values()) {
      if (!c.isTimer() || c.scheduled < 0 || c.failed || c.cancelledPending >= 0) {
        continue;
      }
      double d = x.reportedDeadline(c);
      int after = Math.max(c.scheduled, c.when);
      for (int k = 0; k + 2 < marks.size(); k++) {
        int m = marks.get(k);
        if (m > after && x.at(m).time() >= d + x.res) {
          int late = marks.get(k + 2);
          int r = c.firstRun();
          if (r < 0 || r > late) {
            out.add(new Violation(Rule.TIMER_PROMPT, x.describe(c) + " was due at " + TraceIndex.time(d)
                + "; pass " + x.at(m).pass() + " began after that (#" + m + ", t=" + TraceIndex.time(x.at(m).time())
                + ") but the timer had not run when pass " + x.at(late).pass() + " began (#" + late + ")", late));
          }
          break;
        }
      }
    }
  }
}
