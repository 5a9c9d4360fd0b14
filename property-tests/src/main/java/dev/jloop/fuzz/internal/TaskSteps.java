package dev.jloop.fuzz.internal;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.Future;
import dev.jloop.Task;
import dev.jloop.fuzz.program.Op;
import dev.jloop.fuzz.trace.Kind;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A task body of the {@link Interpreter}: runs its ops, records where it begins, awaits, resumes
 * and ends. An exception set on an awaited future is caught and recorded; a cancellation is
 * recorded and re-raised, so the task ends cancelled; anything else ends the task with it.
 */
final class TaskSteps {
  private final Interpreter in;

  TaskSteps(Interpreter in) {
    this.in = in;
  }

  Object body(int tid, List<Op> body) {
    in.syncFutures();
    in.record(Kind.BEGIN, tid, -1, 0, "", false);
    in.enter();
    try {
      in.execAll(body, tid);
      in.record(Kind.END, tid, -1, 0, "result", false);
      return "t" + tid;
    } catch (CancelledException e) {
      in.record(Kind.END, tid, -1, 0, "cancelled", false);
      throw e;
    } catch (RuntimeException e) {
      in.record(Kind.END, tid, -1, 0, "error:" + e.getClass().getSimpleName(), false);
      throw e;
    } finally {
      in.exit();
    }
  }

  void await(Op op, int tid) {
    switch (op) {
      case Op.Sleep o -> {
        if (o.seconds() == 0) {
          in.ensureMarker();
        } else {
          in.noteDeadline(in.loop().time() + o.seconds());
        }
        in.record(Kind.AWAIT, tid, -1, o.seconds(), "sleep", true);
        suspend(tid, () -> {
          Async.sleep(o.seconds());
          return null;
        });
      }
      case Op.AwaitFuture o -> {
        Future<Object> f = in.future(o.fid());
        if (f != null) {
          awaitOn(tid, f, o.fid(), "future");
        }
      }
      case Op.AwaitTask o -> {
        Task<Object> t = in.task(o.tid());
        if (t != null && o.tid() != tid) {
          awaitOn(tid, t, o.tid(), "task");
        }
      }
      case Op.AwaitJob o -> {
        Future<Object> jf = in.submitJob(o.id());
        in.block(tid, jf, true);
        in.record(Kind.AWAIT, tid, o.id(), 0, "job", !jf.done());
        suspend(tid, () -> Async.await(jf));
      }
      default -> throw new IllegalArgumentException("not an await op: " + op);
    }
  }

  private void awaitOn(int tid, Future<Object> f, int ref, String what) {
    in.block(tid, f, false);
    in.afterStep();
    in.record(Kind.AWAIT, tid, ref, 0, what, !f.done());
    suspend(tid, () -> Async.await(f));
  }

  private void suspend(int tid, Callable<Object> wait) {
    in.exit();
    String outcome;
    RuntimeException rethrow = null;
    try {
      Object v = wait.call();
      outcome = v == null ? "none" : "result:" + v;
    } catch (CancelledException e) {
      outcome = "cancelled";
      rethrow = e;
    } catch (FuzzError e) {
      outcome = "exception";
    } catch (Exception e) {
      outcome = "error:" + e.getClass().getSimpleName();
      rethrow = e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    in.syncFutures();
    in.block(tid, null, false);
    in.record(Kind.RESUME, tid, -1, 0, outcome, false);
    in.enter();
    if (rethrow != null) {
      throw rethrow;
    }
  }
}
