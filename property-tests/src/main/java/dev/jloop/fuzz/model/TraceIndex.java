package dev.jloop.fuzz.model;

import dev.jloop.fuzz.trace.Event;
import dev.jloop.fuzz.trace.Kind;
import dev.jloop.fuzz.trace.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A trace's events grouped by callback, future and task, for the rule checks. */
final class TraceIndex {
  /** What the trace says about one callback. */
  static final class Callback {
    final int id;
    int scheduled = -1;
    Kind how;
    int future = -1;
    boolean futureDoneAtAdd;
    int when = -1;
    int cancelledPending = -1;
    boolean failed;
    final List<Integer> runs = new ArrayList<>();

    Callback(int id) {
      this.id = id;
    }

    int firstRun() {
      return runs.isEmpty() ? -1 : runs.get(0);
    }

    boolean isTimer() {
      return how == Kind.LATER || how == Kind.AT;
    }
  }

  /** The first completion of a future. */
  record Completion(int event, String outcome, boolean explicit) {}

  final Trace trace;
  final List<Event> events;
  final double res;
  final Map<Integer, Callback> callbacks = new LinkedHashMap<>();
  final Map<Integer, Completion> completions = new LinkedHashMap<>();
  final Map<Integer, List<Integer>> taskEvents = new LinkedHashMap<>();
  final Map<Integer, Integer> jobs = new LinkedHashMap<>();
  String abort;

  TraceIndex(Trace trace) {
    this.trace = trace;
    this.events = trace.events();
    this.res = trace.clockResolution();
    for (int i = 0; i < events.size(); i++) {
      add(i, events.get(i));
    }
  }

  private void add(int i, Event e) {
    switch (e.kind()) {
      case SOON, LATER, AT, THREADSAFE, EXECUTOR -> scheduled(i, e);
      case DONE_ADD -> {
        Callback c = scheduled(i, e);
        c.future = e.ref();
        c.futureDoneAtAdd = e.flag();
      }
      case WHEN -> cb(e.id()).when = i;
      case RUN -> cb(e.id()).runs.add(i);
      case CANCEL -> {
        Callback c = cb(e.id());
        if (e.note().equals("pending") && c.cancelledPending < 0) {
          c.cancelledPending = i;
        }
      }
      case COMPLETE -> completions.putIfAbsent(e.ref(), new Completion(i, e.note(), e.flag()));
      case ERROR -> {
        if (e.id() >= 0) {
          cb(e.id()).failed = true;
        }
      }
      case JOB -> jobs.putIfAbsent(e.id(), i);
      case TASK, TASK_CANCEL, BEGIN, AWAIT, RESUME, END, FINAL ->
          taskEvents.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(i);
      case ABORT -> abort = abort == null ? e.note() : abort;
      default -> { }
    }
  }

  private Callback scheduled(int i, Event e) {
    Callback c = cb(e.id());
    if (c.scheduled < 0) {
      c.scheduled = i;
      c.how = e.kind();
    }
    return c;
  }

  private Callback cb(int id) {
    return callbacks.computeIfAbsent(id, Callback::new);
  }

  Event at(int i) {
    return events.get(i);
  }

  /**
   * Where callback {@code c} was queued with call_soon, on the loop thread: its SOON event, or
   * for a done callback the completion of its future (or its registration, if the future was
   * done then). -1 when unknown (a completion the interpreter only observed) or not a call_soon.
   */
  int queuedAt(Callback c) {
    if (c.scheduled < 0 || !at(c.scheduled).loopThread()) {
      return -1;
    }
    if (c.how == Kind.SOON) {
      return c.scheduled;
    }
    if (c.how != Kind.DONE_ADD) {
      return -1;
    }
    if (c.futureDoneAtAdd) {
      return c.scheduled;
    }
    Completion done = completions.get(c.future);
    return done != null && done.explicit() && done.event() > c.scheduled ? done.event() : -1;
  }

  /** A timer's deadline: the handle's when(), and never less than what was asked for. */
  double deadline(Callback c) {
    Event s = at(c.scheduled);
    double asked = c.how == Kind.LATER ? s.time() + s.value() : s.value();
    return c.when >= 0 ? Math.max(asked, at(c.when).value()) : asked;
  }

  /** The deadline as the loop reported it (when()), or what was asked for call_at. */
  double reportedDeadline(Callback c) {
    return c.when >= 0 ? at(c.when).value() : deadline(c);
  }

  /** How a callback is called in messages: {@code cb3 (call_later 0.005 at #12)}. */
  String describe(Callback c) {
    if (c.scheduled < 0) {
      return "cb" + c.id;
    }
    Event s = at(c.scheduled);
    String how = switch (c.how) {
      case SOON -> "call_soon";
      case LATER -> String.format(Locale.ROOT, "call_later %.4f", s.value());
      case AT -> String.format(Locale.ROOT, "call_at %.4f", s.value());
      case THREADSAFE -> "call_soon_threadsafe";
      case EXECUTOR -> "run_in_executor done callback";
      case DONE_ADD -> "done callback of f" + c.future;
      default -> c.how.code();
    };
    return "cb" + c.id + " (" + how + " at #" + c.scheduled + ")";
  }

  static String time(double t) {
    return String.format(Locale.ROOT, "%.6f", t);
  }
}
