package dev.jloop.fuzz.program;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Short factories for {@link Op}s, so a program reads like the code it stands for:
 * {@code Program.of(soon(1, later(2, 0.005)), cancel(2))}. The printed form of a counterexample
 * ({@link AstPrinter}) uses them.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Ops {
  private Ops() {}

  /** {@link Op.CallSoon}. */
  public static Op soon(int id, Op... body) {
    return new Op.CallSoon(id, List.of(body));
  }

  /** {@link Op.CallLater}. */
  public static Op later(int id, double delay, Op... body) {
    return new Op.CallLater(id, delay, List.of(body));
  }

  /** {@link Op.CallAt}. */
  public static Op at(int id, double offset, Op... body) {
    return new Op.CallAt(id, offset, List.of(body));
  }

  /** {@link Op.Threadsafe}. */
  public static Op threadsafe(int id, Op... body) {
    return new Op.Threadsafe(id, List.of(body));
  }

  /** {@link Op.Cancel}. */
  public static Op cancel(int target) {
    return new Op.Cancel(target);
  }

  /** {@link Op.NewFuture}. */
  public static Op future(int fid) {
    return new Op.NewFuture(fid);
  }

  /** {@link Op.AddDoneCallback}. */
  public static Op onDone(int fid, int id, Op... body) {
    return new Op.AddDoneCallback(fid, id, List.of(body));
  }

  /** {@link Op.Complete} with {@link Op.Outcome#RESULT}. */
  public static Op setResult(int fid) {
    return new Op.Complete(fid, Op.Outcome.RESULT);
  }

  /** {@link Op.Complete} with {@link Op.Outcome#EXCEPTION}. */
  public static Op setException(int fid) {
    return new Op.Complete(fid, Op.Outcome.EXCEPTION);
  }

  /** {@link Op.Complete} with {@link Op.Outcome#CANCEL}. */
  public static Op cancelFuture(int fid) {
    return new Op.Complete(fid, Op.Outcome.CANCEL);
  }

  /** {@link Op.NewTask}. */
  public static Op task(int tid, Op... body) {
    return new Op.NewTask(tid, List.of(body));
  }

  /** {@link Op.CancelTask}. */
  public static Op cancelTask(int tid) {
    return new Op.CancelTask(tid);
  }

  /** {@link Op.Sleep}. */
  public static Op sleep(double seconds) {
    return new Op.Sleep(seconds);
  }

  /** {@link Op.AwaitFuture}. */
  public static Op awaitFuture(int fid) {
    return new Op.AwaitFuture(fid);
  }

  /** {@link Op.AwaitTask}. */
  public static Op awaitTask(int tid) {
    return new Op.AwaitTask(tid);
  }

  /** {@link Op.InExecutor}. */
  public static Op executor(int id, Op... body) {
    return new Op.InExecutor(id, List.of(body));
  }

  /** {@link Op.AwaitJob}. */
  public static Op awaitJob(int id) {
    return new Op.AwaitJob(id);
  }

  /** {@link Op.Stop}. */
  public static Op stop() {
    return new Op.Stop();
  }
}
