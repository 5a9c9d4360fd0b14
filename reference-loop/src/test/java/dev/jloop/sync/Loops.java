package dev.jloop.sync;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jloop.Async;
import dev.jloop.Coroutine;
import dev.jloop.EventLoop;
import dev.jloop.ExceptionContext;
import dev.jloop.Task;
import dev.jloop.reference.SelectorEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs test bodies as tasks on a fresh reference loop, like asyncio's IsolatedAsyncioTestCase. */
final class Loops {
  private static final double WATCHDOG_SECONDS = 20;
  private static final double CLEANUP_SECONDS = 5;

  private Loops() {}

  /**
   * Runs {@code main} as a task on a new loop and returns its result; then cancels and drains the
   * tasks it left behind and closes the loop. Fails if anything reached the exception handler.
   */
  static <T> T run(Coroutine<T> main) {
    List<ExceptionContext> reported = new ArrayList<>();
    T result = run(main, reported);
    if (!reported.isEmpty()) {
      fail("unexpected reports to the exception handler: " + reported);
    }
    return result;
  }

  /** {@link #run(Coroutine)}, collecting the exception-handler reports into {@code reported}. */
  static <T> T run(Coroutine<T> main, List<ExceptionContext> reported) {
    SelectorEventLoop loop = new SelectorEventLoop();
    loop.setExceptionHandler((l, context) -> reported.add(context));
    // a hung body stops the loop instead of hanging the build
    loop.callLater(WATCHDOG_SECONDS, loop::stop);
    Task<T> task = loop.createTask(main);
    Throwable failure = null;
    try {
      return loop.runUntilComplete(task);
    } catch (IllegalStateException e) {
      if (task.done()) {
        failure = e;
        throw e;
      }
      AssertionError hung = new AssertionError(
          "test body still pending after " + WATCHDOG_SECONDS + " s (a lost wake-up?): " + task, e);
      failure = hung;
      throw hung;
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      try {
        cancelLeftovers(loop);
      } catch (RuntimeException | Error e) {
        // keep the body's own failure in front: it is the interesting one
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
      } finally {
        loop.close();
      }
    }
  }

  /** asyncio.run's {@code _cancel_all_tasks}: cancel what is left and let it finish. */
  private static void cancelLeftovers(SelectorEventLoop loop) {
    Set<Task<?>> left = Task.allTasks(loop);
    if (left.isEmpty()) {
      return;
    }
    left.forEach(Task::cancel);
    loop.callLater(CLEANUP_SECONDS, loop::stop);
    loop.runUntilComplete(loop.createTask(() -> {
      for (Task<?> t : left) {
        while (!t.done()) {
          Async.sleep(0);
        }
      }
      return null;
    }));
  }

  /** Lets the loop run {@code n} passes (asyncio tests' {@code await asyncio.sleep(0)} runs). */
  static void passes(int n) {
    for (int i = 0; i < n; i++) {
      Async.sleep(0);
    }
  }

  /** Starts {@code n} tasks running {@code body} and awaits them all, returning their results. */
  static <T> List<T> runTasks(int n, Coroutine<T> body) {
    EventLoop loop = Async.getRunningLoop();
    List<Task<T>> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tasks.add(loop.createTask(body));
    }
    List<T> results = new ArrayList<>();
    for (Task<T> t : tasks) {
      results.add(Async.await(t));
    }
    return results;
  }

  /** Awaits {@code task}, returning the exception it raised, or null if it returned normally. */
  static Throwable awaitFailure(Task<?> task) {
    try {
      Async.await(task);
      return null;
    } catch (Throwable t) {
      return t;
    }
  }
}
