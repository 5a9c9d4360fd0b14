package dev.jloop.fuzz.model;

import dev.jloop.fuzz.trace.Event;
import dev.jloop.fuzz.trace.Kind;
import dev.jloop.fuzz.trace.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds traces by hand, the way the interpreter records them: {@link #mark()} starts a pass,
 * {@link #run} starts a callback (later events are "inside" it, depth 1), {@link #time} moves
 * the clock.
 */
final class TraceBuilder {
  private final List<Event> events = new ArrayList<>();
  private int pass;
  private double time;
  private int depth;

  TraceBuilder() {
    add(Kind.SOON, 0, -1, 0, "", false);
    add(Kind.SEGMENT, 0, -1, 0, "start", false);
  }

  TraceBuilder time(double t) {
    time = t;
    return this;
  }

  TraceBuilder mark() {
    pass++;
    depth = 0;
    return add(Kind.MARK, pass, -1, 0, "", false);
  }

  TraceBuilder run(int id) {
    depth = 0;
    add(Kind.RUN, id, -1, 0, "", false);
    depth = 1;
    return this;
  }

  /** A run inside the current callback (a loop that ran it synchronously). */
  TraceBuilder runInline(int id) {
    return add(Kind.RUN, id, -1, 0, "", false);
  }

  TraceBuilder runOffLoop(int id) {
    events.add(new Event(Kind.RUN, id, -1, -1, time, 0, false, -1, "", false));
    return this;
  }

  TraceBuilder soon(int id) {
    return add(Kind.SOON, id, -1, 0, "", false);
  }

  TraceBuilder later(int id, double delay) {
    add(Kind.LATER, id, -1, delay, "", false);
    return add(Kind.WHEN, id, -1, time + delay, "", false);
  }

  TraceBuilder at(int id, double when) {
    add(Kind.AT, id, -1, when, "", false);
    return add(Kind.WHEN, id, -1, when, "", false);
  }

  TraceBuilder cancel(int id, String state) {
    return add(Kind.CANCEL, id, -1, 0, state, false);
  }

  TraceBuilder future(int fid) {
    return add(Kind.FUTURE, -1, fid, 0, "", false);
  }

  TraceBuilder onDone(int fid, int id, boolean done) {
    return add(Kind.DONE_ADD, id, fid, 0, "", done);
  }

  TraceBuilder complete(int fid, String outcome) {
    return add(Kind.COMPLETE, -1, fid, 0, outcome, true);
  }

  TraceBuilder threadsafeFromWorker(int id) {
    events.add(new Event(Kind.THREADSAFE, id, -1, -1, time, 0, false, -1, "", false));
    return this;
  }

  TraceBuilder executor(int id) {
    return add(Kind.EXECUTOR, id, -1, 0, "", false);
  }

  TraceBuilder job(int id, boolean onLoop) {
    events.add(new Event(Kind.JOB, id, -1, onLoop ? pass : -1, time, 0, onLoop, onLoop ? depth : -1, "", false));
    return this;
  }

  TraceBuilder task(int tid) {
    return add(Kind.TASK, tid, -1, 0, "", false);
  }

  TraceBuilder taskCancel(int tid, boolean returned) {
    return add(Kind.TASK_CANCEL, tid, -1, 0, "", returned);
  }

  TraceBuilder begin(int tid) {
    depth = 0;
    add(Kind.BEGIN, tid, -1, 0, "", false);
    depth = 1;
    return this;
  }

  TraceBuilder await(int tid, String what, int ref, double value, boolean suspends) {
    add(Kind.AWAIT, tid, ref, value, what, suspends);
    depth = 0;
    return this;
  }

  TraceBuilder resume(int tid, String outcome) {
    depth = 0;
    add(Kind.RESUME, tid, -1, 0, outcome, false);
    depth = 1;
    return this;
  }

  TraceBuilder end(int tid, String outcome) {
    return add(Kind.END, tid, -1, 0, outcome, false);
  }

  TraceBuilder finalState(int tid, String state) {
    return add(Kind.FINAL, tid, -1, 0, state, false);
  }

  TraceBuilder stop() {
    return add(Kind.STOP, -1, -1, 0, "", false);
  }

  TraceBuilder segment(int n, String startOrEnd) {
    return add(Kind.SEGMENT, n, -1, 0, startOrEnd, false);
  }

  TraceBuilder finish() {
    add(Kind.FINISH, -1, -1, 0, "", false);
    return add(Kind.SEGMENT, 0, -1, 0, "end", false);
  }

  TraceBuilder event(Kind kind, int id, String note) {
    return add(kind, id, -1, 0, note, false);
  }

  private TraceBuilder add(Kind kind, int id, int ref, double value, String note, boolean flag) {
    events.add(new Event(kind, id, ref, pass, time, value, true, depth, note, flag));
    return this;
  }

  Trace build() {
    return new Trace("hand-made", 1e-9, events);
  }
}
