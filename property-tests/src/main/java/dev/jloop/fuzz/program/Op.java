package dev.jloop.fuzz.program;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One operation of a scheduler {@link Program}: the small AST the generator builds, the
 * interpreters run (on a jloop loop and, through the Python driver, on asyncio and uvloop), the
 * shrinker simplifies and the printers turn into Java and Python.
 *
 * <p>Names: callbacks have ids ({@code cb<id>}), futures {@code f<fid>}, tasks {@code t<tid>};
 * the three are separate namespaces. An op that names an id that was never created, or not yet
 * created when the op runs, does nothing, so any sub-list of a program is a program. Await ops
 * ({@link #awaits()}) are only valid directly in a {@link NewTask} body.
 */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface Op {
  /** The ops that run later, when this op's callback or task runs; empty if none. */
  default List<Op> body() {
    return List.of();
  }

  /** A copy of this op with {@code body}; ops without a body return themselves. */
  default Op withBody(List<Op> body) {
    return this;
  }

  /** Whether the op suspends the task running it (valid only in a task body). */
  default boolean awaits() {
    return false;
  }

  /** How {@link Complete} completes a future. */
  enum Outcome {
    /** {@code set_result("f<fid>")}. */
    RESULT,
    /** {@code set_exception(FuzzError)}. */
    EXCEPTION,
    /** {@code cancel()}. */
    CANCEL
  }

  /** {@code cb<id> = loop.call_soon(body)}. */
  record CallSoon(int id, List<Op> body) implements Op {
    public CallSoon {
      body = checked(id, body);
    }

    @Override
    public Op withBody(List<Op> b) {
      return new CallSoon(id, b);
    }
  }

  /** {@code cb<id> = loop.call_later(delay, body)}; a negative delay means as soon as possible. */
  record CallLater(int id, double delay, List<Op> body) implements Op {
    public CallLater {
      body = checked(id, body);
      finite("delay", delay);
    }

    @Override
    public Op withBody(List<Op> b) {
      return new CallLater(id, delay, b);
    }
  }

  /** {@code cb<id> = loop.call_at(t0 + offset, body)}, {@code t0} the loop time at program start. */
  record CallAt(int id, double offset, List<Op> body) implements Op {
    public CallAt {
      body = checked(id, body);
      finite("offset", offset);
    }

    @Override
    public Op withBody(List<Op> b) {
      return new CallAt(id, offset, b);
    }
  }

  /** A new worker thread calls {@code loop.call_soon_threadsafe(body)}. */
  record Threadsafe(int id, List<Op> body) implements Op {
    public Threadsafe {
      body = checked(id, body);
    }

    @Override
    public Op withBody(List<Op> b) {
      return new Threadsafe(id, b);
    }
  }

  /** {@code cb<target>.cancel()} if that handle exists (call_soon, call_later and call_at handles). */
  record Cancel(int target) implements Op {
    public Cancel {
      nonNegative("target", target);
    }
  }

  /** {@code f<fid> = loop.create_future()}. */
  record NewFuture(int fid) implements Op {
    public NewFuture {
      nonNegative("fid", fid);
    }
  }

  /** {@code f<fid>.add_done_callback(body)}, the callback named {@code cb<id>}. */
  record AddDoneCallback(int fid, int id, List<Op> body) implements Op {
    public AddDoneCallback {
      nonNegative("fid", fid);
      body = checked(id, body);
    }

    @Override
    public Op withBody(List<Op> b) {
      return new AddDoneCallback(fid, id, b);
    }
  }

  /** Completes {@code f<fid>} as {@code how} says, if it is still pending. */
  record Complete(int fid, Outcome how) implements Op {
    public Complete {
      nonNegative("fid", fid);
      Objects.requireNonNull(how, "how");
    }
  }

  /** {@code t<tid> = loop.create_task(body)}; the body may await. */
  record NewTask(int tid, List<Op> body) implements Op {
    public NewTask {
      body = checked(tid, body);
    }

    @Override
    public Op withBody(List<Op> b) {
      return new NewTask(tid, b);
    }
  }

  /** {@code t<tid>.cancel()}. */
  record CancelTask(int tid) implements Op {
    public CancelTask {
      nonNegative("tid", tid);
    }
  }

  /** {@code await asyncio.sleep(seconds)}; 0 yields for one pass. */
  record Sleep(double seconds) implements Op {
    public Sleep {
      finite("seconds", seconds);
      if (seconds < 0) {
        throw new IllegalArgumentException("seconds must not be negative, not " + seconds);
      }
    }

    @Override
    public boolean awaits() {
      return true;
    }
  }

  /** {@code await f<fid>}; an exception set on the future is caught, a cancellation ends the task. */
  record AwaitFuture(int fid) implements Op {
    public AwaitFuture {
      nonNegative("fid", fid);
    }

    @Override
    public boolean awaits() {
      return true;
    }
  }

  /** {@code await t<tid>}. */
  record AwaitTask(int tid) implements Op {
    public AwaitTask {
      nonNegative("tid", tid);
    }

    @Override
    public boolean awaits() {
      return true;
    }
  }

  /** {@code loop.run_in_executor(None, job)}; the result's done callback {@code cb<id>} runs body. */
  record InExecutor(int id, List<Op> body) implements Op {
    public InExecutor {
      body = checked(id, body);
    }

    @Override
    public Op withBody(List<Op> b) {
      return new InExecutor(id, b);
    }
  }

  /** {@code await loop.run_in_executor(None, job)}, the job named {@code j<id>}. */
  record AwaitJob(int id) implements Op {
    public AwaitJob {
      nonNegative("id", id);
    }

    @Override
    public boolean awaits() {
      return true;
    }
  }

  /** {@code loop.stop()}: the current run_forever ends after this pass; the interpreter starts another. */
  record Stop() implements Op {}

  private static List<Op> checked(int id, List<Op> body) {
    nonNegative("id", id);
    Objects.requireNonNull(body, "body");
    for (Op op : body) {
      Objects.requireNonNull(op, "body element");
    }
    return List.copyOf(body);
  }

  private static void nonNegative(String what, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative, not " + value);
    }
  }

  private static void finite(String what, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(what + " must be a finite number of seconds, not " + value);
    }
  }
}
