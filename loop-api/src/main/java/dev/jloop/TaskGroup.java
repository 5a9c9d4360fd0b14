package dev.jloop;

import dev.jloop.internal.Throwing;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * asyncio's {@code TaskGroup} (Python 3.11): structured concurrency on any loop. A body creates
 * tasks in the group; {@link #run} returns only when all of them are done.
 *
 * <pre>{@code
 * List<Task<String>> pages = TaskGroup.run(tg -> List.of(
 *     tg.createTask(() -> fetch("a")),
 *     tg.createTask(() -> fetch("b"))));
 * // both are done here: run() returns the body's value once every task has finished
 * String a = pages.get(0).result();
 * }</pre>
 *
 * <p>Rules, as in asyncio:
 * <ul>
 *   <li>When a task of the group fails (with anything but {@link CancelledException}), every
 *       other task of the group is cancelled, and so is the body at its current await point;
 *       {@code run} then waits for all tasks and throws one {@link ExceptionGroup} holding every
 *       failure, the body's own exception included. Cancelled tasks add nothing to the group.
 *   <li>If the body throws, the tasks are cancelled and awaited the same way.
 *   <li>If the task running {@code run} is cancelled from outside, the children are cancelled,
 *       awaited, and {@link CancelledException} propagates, unless a child failed: failures win
 *       over cancellation. The group tells its own cancel of the parent apart from an outside one
 *       with {@link Task#cancelling()}/{@link Task#uncancel()}, so after {@code run} the
 *       parent's cancel count is what it was plus any outside requests.
 *   <li>A {@link VirtualMachineError} (out of memory, stack overflow) in a child or the body is
 *       rethrown alone instead of grouped: the JVM's counterpart of the SystemExit and
 *       KeyboardInterrupt that asyncio propagates bare.
 *   <li>Tasks may be added while the body runs and while {@code run} waits for the others (for
 *       example by a child); once the group is aborting or finished, {@link #createTask} throws
 *       {@link IllegalStateException}.
 * </ul>
 *
 * <p>Two details follow CPython 3.13 rather than 3.11, because 3.11 loses a cancellation there:
 * the group's own cancel request on the parent is withdrawn after the children are done (a child
 * that fails while {@code run} waits would otherwise leave {@code cancelling() > 0}), and when
 * failures win over an outside cancel the parent is cancelled again so that the outside request
 * still reaches its next await.
 *
 * <p><b>Why {@code run(body)} and not try-with-resources.</b> asyncio's {@code __aexit__} needs
 * the exception that ended the body: it joins the group's failures, and a
 * {@code CancelledException} from the body must be weighed against the group's own cancel
 * request. {@link AutoCloseable#close()} never sees that exception, and try-with-resources would
 * attach the children's failures as suppressed exceptions of the body's, the opposite of
 * asyncio's rule. A lambda scope also makes entering twice or adding tasks before entering
 * impossible by construction.
 *
 * <p>Not thread-safe: use on the loop thread, from the task that called {@code run} and the
 * group's tasks.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class TaskGroup {
  /**
   * The body of a group: creates tasks with the group and may await anything.
   *
   * @param <T> the value returned by {@link TaskGroup#run}
   */
  @API(status = API.Status.STABLE, since = "0.1")
  @FunctionalInterface
  public interface Body<T> {
    /** Runs with the group open; an exception aborts the group and joins its failures. */
    T run(TaskGroup group) throws Exception;
  }

  private final EventLoop loop;
  private final Task<?> parentTask;
  private final Set<Task<?>> tasks = new LinkedHashSet<>();
  private final List<Throwable> errors = new ArrayList<>();
  private final Consumer<Future<?>> onTaskDone = this::onTaskDone;
  private boolean exiting;
  private boolean aborting;
  private boolean parentCancelRequested;
  private Throwable baseError;
  private Future<Boolean> onCompletedFut;

  private TaskGroup(EventLoop loop, Task<?> parentTask) {
    this.loop = loop;
    this.parentTask = parentTask;
  }

  /**
   * Runs {@code body} with a new group, then waits until every task of the group is done:
   * asyncio's {@code async with TaskGroup() as tg:}. Must be called from a task.
   *
   * @return what {@code body} returned
   * @throws ExceptionGroup if tasks of the group or the body failed, holding every failure
   * @throws CancelledException if the calling task was cancelled from outside and nothing failed
   * @throws IllegalStateException if called outside a task
   * @throws NullPointerException if {@code body} is {@code null}
   */
  public static <T> T run(Body<T> body) {
    Objects.requireNonNull(body, "body");
    EventLoop loop = Async.getRunningLoop();
    Task<?> parent = Async.currentTask();
    if (parent == null) {
      throw new IllegalStateException("TaskGroup cannot determine the parent task: call "
          + "TaskGroup.run() from a Coroutine given to createTask()");
    }
    TaskGroup group = new TaskGroup(loop, parent);
    T result = null;
    Throwable raised = null;
    try {
      result = body.run(group);
    } catch (Throwable t) {
      raised = t;
    }
    group.exit(raised);
    return result;
  }

  /** {@link #createTask(Coroutine, String)} with a generated name. */
  public <T> Task<T> createTask(Coroutine<T> coroutine) {
    return createTask(coroutine, null);
  }

  /**
   * Creates a task in this group, on the group's loop. asyncio: {@code create_task}.
   *
   * @param name the task's name, or {@code null} for a generated one
   * @throws IllegalStateException if the group is finished or shutting down after a failure
   * @throws NullPointerException if {@code coroutine} is {@code null}
   */
  public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
    Objects.requireNonNull(coroutine, "coroutine");
    if (exiting && tasks.isEmpty()) {
      throw new IllegalStateException("TaskGroup " + this + " is finished");
    }
    if (aborting) {
      throw new IllegalStateException("TaskGroup " + this + " is shutting down");
    }
    Task<T> task = loop.createTask(coroutine, name);
    task.addDoneCallback(onTaskDone);
    tasks.add(task);
    return task;
  }

  /** asyncio's {@code __aexit__}: {@code exc} is what ended the body, or {@code null}. */
  private void exit(Throwable exc) {
    exiting = true;
    if (exc != null && isBaseError(exc) && baseError == null) {
      baseError = exc;
    }
    CancelledException propagateCancel = exc instanceof CancelledException ce ? ce : null;
    if (exc != null && !aborting) {
      // the parent is being cancelled, or the body failed: stop the children
      abort();
    }
    // A loop: the completion future is cancelled each time the parent is cancelled again.
    while (!tasks.isEmpty()) {
      if (onCompletedFut == null) {
        onCompletedFut = loop.createFuture();
      }
      try {
        Async.await(onCompletedFut);
      } catch (CancelledException ex) {
        if (!aborting) {
          // the parent was cancelled from outside while the children still run
          propagateCancel = ex;
          abort();
        }
      }
      onCompletedFut = null;
    }
    if (parentCancelRequested && parentTask.uncancel() == 0) {
      // the only cancel request was ours: do not propagate it
      propagateCancel = null;
    }
    if (baseError != null) {
      throw Throwing.sneaky(baseError);
    }
    if (propagateCancel != null && errors.isEmpty()) {
      throw propagateCancel;
    }
    if (exc != null && !(exc instanceof CancelledException)) {
      errors.add(exc);
    }
    if (!errors.isEmpty()) {
      if (parentTask.cancelling() > 0) {
        // an outside cancel lost to the failures: re-arm it for the parent's next await
        parentTask.uncancel();
        parentTask.cancel();
      }
      throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
    }
  }

  private void abort() {
    aborting = true;
    for (Task<?> t : tasks) {
      if (!t.done()) {
        t.cancel();
      }
    }
  }

  private void onTaskDone(Future<?> task) {
    tasks.remove(task);
    if (onCompletedFut != null && tasks.isEmpty() && !onCompletedFut.done()) {
      onCompletedFut.setResult(true);
    }
    if (task.cancelled()) {
      return;
    }
    Throwable exc = task.exception();
    if (exc == null) {
      return;
    }
    errors.add(exc);
    if (isBaseError(exc) && baseError == null) {
      baseError = exc;
    }
    // asyncio also handles a parent that is already done here; in Java it cannot be: the parent
    // stays suspended in run() until every task of the group has finished.
    if (!aborting && !parentCancelRequested) {
      // Interrupt the body wherever it awaits; exit() withdraws this request afterwards.
      abort();
      parentCancelRequested = true;
      parentTask.cancel();
    }
  }

  private static boolean isBaseError(Throwable t) {
    return t instanceof VirtualMachineError;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TaskGroup[");
    sb.append("tasks=").append(tasks.size()).append(", errors=").append(errors.size());
    if (aborting) {
      sb.append(", cancelling");
    } else if (exiting) {
      sb.append(", exiting");
    }
    return sb.append(']').toString();
  }
}
