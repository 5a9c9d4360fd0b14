package dev.jloop.fuzz.model;

import dev.jloop.fuzz.model.TraceIndex.Callback;
import dev.jloop.fuzz.trace.Event;
import dev.jloop.fuzz.trace.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Callback rules: cancelled never run, loop thread, next pass, FIFO, done callbacks, exactly once, executor. */
final class CallbackChecks {
  private CallbackChecks() {}

  static void check(TraceIndex x, List<Violation> out) {
    for (Callback c : x.callbacks.values()) {
      if (c.scheduled >= 0) {
        runs(x, c, out);
        count(x, c, out);
      }
    }
    fifo(x, out);
    registrationOrder(x, out);
    for (Map.Entry<Integer, Integer> job : x.jobs.entrySet()) {
      if (x.at(job.getValue()).loopThread()) {
        out.add(new Violation(Rule.EXECUTOR_THREAD, "job j" + job.getKey()
            + " ran on the loop thread (#" + job.getValue() + ")", job.getValue()));
      }
    }
    if ("stalled".equals(x.abort) && out.stream().noneMatch(v -> v.rule() == Rule.EXACTLY_ONCE)) {
      out.add(new Violation(Rule.EXACTLY_ONCE,
          "the run stalled: work was pending but the loop ran nothing more", -1));
    }
  }

  private static void runs(TraceIndex x, Callback c, List<Violation> out) {
    if (c.cancelledPending >= 0) {
      for (int r : c.runs) {
        if (r > c.cancelledPending) {
          out.add(new Violation(Rule.CANCELLED_NEVER_RUN, x.describe(c) + " was cancelled at #"
              + c.cancelledPending + " while pending, then ran at #" + r, r));
          break;
        }
      }
    }
    for (int r : c.runs) {
      Event e = x.at(r);
      if (!e.loopThread()) {
        out.add(new Violation(Rule.LOOP_THREAD,
            x.describe(c) + " ran on a thread other than the loop's (#" + r + ")", r));
      } else if (e.depth() > 0) {
        out.add(new Violation(c.how == Kind.DONE_ADD ? Rule.DONE_CALLBACKS : Rule.NEXT_PASS,
            x.describe(c) + " ran synchronously, inside another callback (#" + r + ", depth "
                + e.depth() + ")", r));
      }
    }
    int r = c.firstRun();
    if (r < 0) {
      return;
    }
    int q = x.queuedAt(c);
    Event run = x.at(r);
    // Only callbacks queued during a pass (the root callback is queued before the loop runs).
    if (q >= 0 && x.at(q).pass() > 0 && run.loopThread() && run.depth() == 0
        && run.pass() <= x.at(q).pass()) {
      out.add(new Violation(c.how == Kind.DONE_ADD ? Rule.DONE_CALLBACKS : Rule.NEXT_PASS,
          x.describe(c) + " was queued in pass " + x.at(q).pass() + " (#" + q
              + ") and ran in the same pass (#" + r + ")", r));
    }
    if (c.how == Kind.DONE_ADD) {
      TraceIndex.Completion done = x.completions.get(c.future);
      if (done == null || done.event() > r) {
        out.add(new Violation(Rule.DONE_CALLBACKS, x.describe(c) + " ran at #" + r
            + " before f" + c.future + " completed", r));
      }
    }
    if (c.how == Kind.EXECUTOR) {
      Integer job = x.jobs.get(c.id);
      if (job == null || job > r) {
        out.add(new Violation(Rule.EXECUTOR_THREAD, x.describe(c) + " ran at #" + r
            + " before its job j" + c.id + " ran", r));
      }
    }
  }

  private static void count(TraceIndex x, Callback c, List<Violation> out) {
    if (c.failed) {
      return;
    }
    boolean cancelledFirst = c.cancelledPending >= 0
        && (c.runs.isEmpty() || c.runs.get(0) > c.cancelledPending);
    boolean due = !cancelledFirst
        && (c.how != Kind.DONE_ADD || x.completions.containsKey(c.future));
    if (c.runs.size() > 1 && !cancelledFirst) {
      out.add(new Violation(Rule.EXACTLY_ONCE, x.describe(c) + " ran " + c.runs.size()
          + " times (" + refs(c.runs) + ")", c.runs.get(1)));
    } else if (c.runs.isEmpty() && due) {
      out.add(new Violation(Rule.EXACTLY_ONCE, x.describe(c) + " never ran"
          + (x.abort == null ? "" : " (the run was cut: " + x.abort + ")"), c.scheduled));
    }
  }

  /** Callbacks queued with call_soon run in queue order. */
  private static void fifo(TraceIndex x, List<Violation> out) {
    List<Callback> queued = new ArrayList<>();
    for (Callback c : x.callbacks.values()) {
      int r = c.firstRun();
      if (x.queuedAt(c) >= 0 && r >= 0 && x.at(r).loopThread()
          && (c.cancelledPending < 0 || c.cancelledPending > r)) {
        queued.add(c);
      }
    }
    queued.sort(Comparator.comparingInt(x::queuedAt));
    Callback latest = null;
    for (Callback c : queued) {
      if (latest != null && c.firstRun() < latest.firstRun()) {
        out.add(new Violation(Rule.CALLBACK_FIFO, x.describe(c) + " was queued at #" + x.queuedAt(c)
            + ", after " + x.describe(latest) + " was queued at #" + x.queuedAt(latest)
            + ", but ran first (#" + c.firstRun() + " < #" + latest.firstRun() + ")", c.firstRun()));
      } else if (latest == null || c.firstRun() > latest.firstRun()) {
        latest = c;
      }
    }
  }

  /** The done callbacks of one future run in registration order. */
  private static void registrationOrder(TraceIndex x, List<Violation> out) {
    Map<Integer, List<Callback>> byFuture = new LinkedHashMap<>();
    for (Callback c : x.callbacks.values()) {
      if (c.how == Kind.DONE_ADD && c.firstRun() >= 0) {
        byFuture.computeIfAbsent(c.future, k -> new ArrayList<>()).add(c);
      }
    }
    for (List<Callback> cbs : byFuture.values()) {
      cbs.sort(Comparator.comparingInt(c -> c.scheduled));
      for (int i = 1; i < cbs.size(); i++) {
        Callback a = cbs.get(i - 1);
        Callback b = cbs.get(i);
        if (b.firstRun() < a.firstRun()) {
          out.add(new Violation(Rule.DONE_CALLBACKS, x.describe(b) + " ran (#" + b.firstRun()
              + ") before " + x.describe(a) + " (#" + a.firstRun()
              + "), which was registered first", b.firstRun()));
        }
      }
    }
  }

  static String refs(List<Integer> events) {
    StringBuilder b = new StringBuilder();
    for (int e : events) {
      b.append(b.length() == 0 ? "#" : ", #").append(e);
    }
    return b.toString();
  }
}
