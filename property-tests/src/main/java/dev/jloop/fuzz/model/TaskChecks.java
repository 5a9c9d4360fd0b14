package dev.jloop.fuzz.model;

import dev.jloop.fuzz.trace.Event;
import dev.jloop.fuzz.trace.Kind;
import java.util.List;
import java.util.Map;

/** Task rules: start and resume in later passes, cancellation at the await point, await outcomes, sleep. */
final class TaskChecks {
  private TaskChecks() {}

  static void check(TraceIndex x, List<Violation> out) {
    for (Map.Entry<Integer, List<Integer>> e : x.taskEvents.entrySet()) {
      task(x, e.getKey(), e.getValue(), out);
    }
  }

  private static void task(TraceIndex x, int tid, List<Integer> evs, List<Violation> out) {
    int created = -1;
    int cancelAt = -1;
    int everCancelled = -1;
    int openAwait = -1;
    for (int i : evs) {
      Event e = x.at(i);
      switch (e.kind()) {
        case TASK -> created = i;
        case TASK_CANCEL -> {
          if (e.flag()) {
            cancelAt = cancelAt < 0 ? i : cancelAt;
            everCancelled = everCancelled < 0 ? i : everCancelled;
          }
        }
        case BEGIN -> {
          if (cancelAt >= 0) {
            out.add(new Violation(Rule.TASK_CANCEL, "t" + tid + "'s body started (#" + i
                + ") although its cancel() returned true (#" + cancelAt + ") before its first step", i));
          }
          stepCheck(x, "t" + tid + "'s first step", created, i, out);
        }
        case AWAIT -> openAwait = i;
        case RESUME -> {
          if (openAwait >= 0) {
            resume(x, tid, openAwait, i, cancelAt, out);
            if (e.note().equals("cancelled")) {
              cancelAt = -1;
            }
          }
          openAwait = -1;
        }
        case FINAL -> {
          if (everCancelled >= 0 && !e.note().equals("cancelled") && !e.note().equals("pending")) {
            out.add(new Violation(Rule.TASK_CANCEL, "t" + tid + "'s cancel() returned true (#"
                + everCancelled + ") but it ended with " + e.note() + " (#" + i + ")", i));
          }
        }
        default -> { }
      }
    }
  }

  private static void resume(TraceIndex x, int tid, int a, int i, int cancelAt, List<Violation> out) {
    Event aw = x.at(a);
    Event e = x.at(i);
    String what = aw.note().equals("sleep") ? "sleep(" + aw.value() + ")" : aw.note().charAt(0) + "" + aw.ref();
    if (aw.note().equals("job")) {
      what = "job j" + aw.ref();
    }
    if (e.depth() > 0) {
      out.add(new Violation(Rule.NEXT_PASS, "t" + tid + " resumed from " + what
          + " inside another callback (#" + i + ", depth " + e.depth() + ")", i));
    }
    if (cancelAt >= 0 && aw.flag()) {
      if (!e.note().equals("cancelled")) {
        out.add(new Violation(Rule.TASK_CANCEL, "t" + tid + " awaited " + what + " (#" + a
            + ") with its cancel() true since #" + cancelAt + " but resumed with " + e.note()
            + " (#" + i + ")", i));
      }
      return;
    }
    if (e.note().equals("cancelled") && aw.note().equals("sleep")) {
      return;
    }
    String expected = expected(x, aw, i, tid, what, out);
    if (expected != null && !expected.equals(e.note())) {
      out.add(new Violation(Rule.AWAIT_OUTCOME, "t" + tid + " awaited " + what + " (#" + a
          + ") and resumed with " + e.note() + " (#" + i + "), expected " + expected, i));
    }
    if (aw.note().equals("sleep") && aw.value() > 0 && e.time() < aw.time() + aw.value() - x.res) {
      out.add(new Violation(Rule.SLEEP, "t" + tid + " resumed from " + what + " after "
          + TraceIndex.time(e.time() - aw.time()) + " s (#" + a + " to #" + i + ")", i));
    }
    if (aw.note().equals("sleep") && aw.value() == 0 && e.loopThread() && aw.loopThread()
        && e.pass() <= aw.pass()) {
      out.add(new Violation(Rule.SLEEP, "t" + tid + " resumed from sleep(0) in the pass it yielded in ("
          + aw.pass() + ", #" + a + " to #" + i + ")", i));
    }
  }

  /** What the await must give, or null if the trace cannot say. */
  private static String expected(TraceIndex x, Event aw, int resumed, int tid, String what,
      List<Violation> out) {
    switch (aw.note()) {
      case "sleep" -> {
        return "none";
      }
      case "job" -> {
        Integer job = x.jobs.get(aw.ref());
        if (job == null || job > resumed) {
          out.add(new Violation(Rule.AWAIT_OUTCOME, "t" + tid + " resumed from " + what + " (#"
              + resumed + ") before the job ran", resumed));
        }
        return "result:j" + aw.ref();
      }
      case "future" -> {
        TraceIndex.Completion done = x.completions.get(aw.ref());
        if (done == null || done.event() > resumed) {
          out.add(new Violation(Rule.AWAIT_OUTCOME, "t" + tid + " resumed from " + what + " (#"
              + resumed + ") before it completed", resumed));
          return null;
        }
        return done.outcome().equals("result") ? "result:f" + aw.ref() : done.outcome();
      }
      case "task" -> {
        List<Integer> target = x.taskEvents.getOrDefault(aw.ref(), List.of());
        for (int j : target) {
          if (x.at(j).kind() == Kind.END && j > resumed) {
            out.add(new Violation(Rule.AWAIT_OUTCOME, "t" + tid + " resumed from " + what + " (#"
                + resumed + ") before t" + aw.ref() + " ended (#" + j + ")", resumed));
          }
          if (x.at(j).kind() == Kind.FINAL) {
            String state = x.at(j).note();
            return state.equals("result") ? "result:t" + aw.ref()
                : state.equals("cancelled") ? "cancelled" : null;
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /** A task step (its start) runs from the loop, in a pass after the one that created it. */
  private static void stepCheck(TraceIndex x, String what, int created, int i, List<Violation> out) {
    Event e = x.at(i);
    if (e.depth() > 0) {
      out.add(new Violation(Rule.NEXT_PASS, what + " ran inside another callback (#" + i
          + ", depth " + e.depth() + ")", i));
    } else if (created >= 0 && e.loopThread() && x.at(created).loopThread()
        && e.pass() <= x.at(created).pass()) {
      out.add(new Violation(Rule.NEXT_PASS, what + " ran in the pass that created it ("
          + e.pass() + ", #" + created + " to #" + i + ")", i));
    }
  }
}
