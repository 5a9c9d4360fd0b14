package dev.jloop.fuzz.internal;

import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.Task;
import dev.jloop.TimerHandle;
import dev.jloop.fuzz.program.Op;
import dev.jloop.fuzz.trace.Kind;

/**
 * The ops a callback (or a task body, between awaits) runs, for the {@link Interpreter}: each
 * records what it is about to do, then calls the loop. Loop thread only, except the worker and
 * executor-job bodies it starts.
 */
final class CallbackOps {
  private final Interpreter in;

  CallbackOps(Interpreter in) {
    this.in = in;
  }

  void exec(Op op) {
    switch (op) {
      case Op.CallSoon o -> {
        in.ensureMarker();
        in.states.put(o.id(), Interpreter.State.SCHEDULED);
        in.record(Kind.SOON, o.id(), -1, 0, "", false);
        in.handles.put(o.id(), in.loop.callSoon(in.callback(o.id(), o.body())));
      }
      case Op.CallLater o -> {
        in.states.put(o.id(), Interpreter.State.SCHEDULED);
        in.record(Kind.LATER, o.id(), -1, o.delay(), "", false);
        in.noteDeadline(in.loop.time() + o.delay());
        timer(o.id(), in.loop.callLater(o.delay(), in.callback(o.id(), o.body())));
      }
      case Op.CallAt o -> {
        in.states.put(o.id(), Interpreter.State.SCHEDULED);
        double when = in.t0 + o.offset();
        in.record(Kind.AT, o.id(), -1, when, "", false);
        timer(o.id(), in.loop.callAt(when, in.callback(o.id(), o.body())));
      }
      case Op.Threadsafe o -> threadsafe(o);
      case Op.Cancel o -> cancel(o.target());
      case Op.NewFuture o -> {
        in.futures.put(o.fid(), in.loop.createFuture());
        in.record(Kind.FUTURE, -1, o.fid(), 0, "", false);
      }
      case Op.AddDoneCallback o -> {
        Future<Object> f = in.futures.get(o.fid());
        if (f != null) {
          boolean done = f.done();
          if (done) {
            in.ensureMarker();
          }
          in.states.put(o.id(), Interpreter.State.REGISTERED);
          in.doneOwner.put(o.id(), o.fid());
          in.record(Kind.DONE_ADD, o.id(), o.fid(), 0, "", done);
          f.addDoneCallback(in.callback(o.id(), o.body()));
        }
      }
      case Op.Complete o -> complete(o);
      case Op.NewTask o -> {
        in.ensureMarker();
        in.record(Kind.TASK, o.tid(), -1, 0, "", false);
        Task<Object> t = in.loop.createTask(() -> new TaskSteps(in).body(o.tid(), o.body()), "t" + o.tid());
        in.tasks.put(o.tid(), t);
        t.addDoneCallback(done -> in.onTaskDone());
      }
      case Op.CancelTask o -> {
        Task<Object> t = in.tasks.get(o.tid());
        if (t != null) {
          in.ensureMarker();
          boolean cancelled = t.cancel();
          in.record(Kind.TASK_CANCEL, o.tid(), -1, 0, "", cancelled);
          in.syncFutures();
        }
      }
      case Op.InExecutor o -> {
        in.usedExecutor = true;
        in.states.put(o.id(), Interpreter.State.SCHEDULED);
        in.record(Kind.EXECUTOR, o.id(), -1, 0, "", false);
        submitJob(o.id()).addDoneCallback(in.callback(o.id(), o.body()));
      }
      case Op.Stop o -> {
        in.ensureMarker();
        in.stopRequested = true;
        in.record(Kind.STOP, -1, -1, 0, "", false);
        in.loop.stop();
      }
      default -> throw new IllegalArgumentException("not a callback op: " + op);
    }
  }

  private void timer(int id, TimerHandle h) {
    in.handles.put(id, h);
    in.record(Kind.WHEN, id, -1, h.when(), "", false);
    in.noteDeadline(h.when());
  }

  private void threadsafe(Op.Threadsafe o) {
    in.states.put(o.id(), Interpreter.State.SCHEDULED);
    Runnable cb = in.callback(o.id(), o.body());
    in.workersInFlight.incrementAndGet();
    try {
      in.workers.execute(() -> {
        try {
          in.record(Kind.THREADSAFE, o.id(), -1, 0, "", false);
          in.loop.callSoonThreadsafe(cb);
        } catch (RuntimeException e) {
          in.noteUnsupported(e);
          in.states.put(o.id(), Interpreter.State.FAILED);
          in.record(Kind.ERROR, o.id(), -1, 0, "call_soon_threadsafe: " + e, false);
        } finally {
          in.workersInFlight.decrementAndGet();
        }
      });
    } catch (RuntimeException e) {
      in.workersInFlight.decrementAndGet();
      throw e;
    }
  }

  private void cancel(int target) {
    Handle h = in.handles.get(target);
    if (h == null) {
      in.record(Kind.CANCEL, target, -1, 0, "unscheduled", false);
      return;
    }
    boolean pending = in.states.get(target) == Interpreter.State.SCHEDULED;
    if (pending) {
      in.states.put(target, Interpreter.State.CANCELLED);
    }
    in.record(Kind.CANCEL, target, -1, 0, pending ? "pending" : "ran", false);
    h.cancel();
  }

  private void complete(Op.Complete o) {
    Future<Object> f = in.futures.get(o.fid());
    if (f == null || f.done()) {
      return;
    }
    in.ensureMarker();
    in.seenDone.add(o.fid());
    switch (o.how()) {
      case RESULT -> {
        in.record(Kind.COMPLETE, -1, o.fid(), 0, "result", true);
        f.setResult("f" + o.fid());
      }
      case EXCEPTION -> {
        in.record(Kind.COMPLETE, -1, o.fid(), 0, "exception", true);
        f.setException(new FuzzError(o.fid()));
        f.exception();
      }
      case CANCEL -> {
        in.record(Kind.COMPLETE, -1, o.fid(), 0, "cancelled", true);
        f.cancel();
      }
    }
  }

  /** Starts executor job {@code j<id>}; counted in flight until it has run. */
  Future<Object> submitJob(int id) {
    in.usedExecutor = true;
    in.jobsInFlight.incrementAndGet();
    try {
      return in.loop.runInExecutor(null, () -> {
        try {
          in.record(Kind.JOB, id, -1, 0, "", false);
          return "j" + id;
        } finally {
          in.jobsInFlight.decrementAndGet();
        }
      });
    } catch (RuntimeException e) {
      in.jobsInFlight.decrementAndGet();
      throw e;
    }
  }
}
