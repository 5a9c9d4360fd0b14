package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.Task;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.util.ArrayList;
import java.util.List;

/** Task cancellation as asyncio 3.11 defines it: at the await point, with a message, counted. */
@Area(value = "cancellation", description = "Task cancellation: delivered at the await point with its message, counted by cancelling and uncancel.")
public final class CancelScenarios {
  CancelScenarios() {}

  @Scenario(id = "cancellation.at-await-with-message", level = REQUIRED, apis = {"Task.cancel", "await"},
      rule = "Cancelling a task delivers CancelledException with the cancel message at the await where the task is suspended.",
      reference = "test_tasks.BaseTaskTests.test_cancel_with_message_then_future_result")
  void atAwaitWithMessage(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<Object> inner = loop.createFuture();
    String[] seen = {"not cancelled"};
    Task<Object> t = loop.createTask(() -> {
      cancelSoon(loop, "stop now");
      try {
        return Async.await(inner);
      } catch (CancelledException e) {
        seen[0] = e.getMessage();
        throw e;
      }
    });
    CancelledException e = s.expectThrows(CancelledException.class, "runUntilComplete(cancelled task)",
        () -> loop.runUntilComplete(t));
    s.expectEquals("message of the CancelledException at the await", "stop now", seen[0]);
    s.expectEquals("message of the CancelledException from runUntilComplete", "stop now", e.getMessage());
    s.check(t.cancelled(), "the task is not cancelled after its body let CancelledException escape");
    s.check(inner.cancelled(), "the future the task awaited was not cancelled with it");
  }

  @Scenario(id = "cancellation.before-start", level = REQUIRED, apis = {"Task.cancel", "create_task"},
      rule = "A task cancelled before it started ends cancelled without running its body.",
      reference = "test_tasks.BaseTaskTests.test_cancel_with_message_before_starting_task")
  void beforeStart(ScenarioContext s) {
    EventLoop loop = s.loop();
    boolean[] ran = new boolean[1];
    Task<Object> t = loop.createTask(() -> {
      ran[0] = true;
      return null;
    });
    s.check(t.cancel("early"), "cancel() of a pending task returned false");
    CancelledException e = s.expectThrows(CancelledException.class, "runUntilComplete(task cancelled before start)",
        () -> loop.runUntilComplete(t));
    s.check(!ran[0], "the body of a task cancelled before it started ran");
    s.expectEquals("cancel message", "early", e.getMessage());
  }

  @Scenario(id = "cancellation.caught-and-recovered", level = REQUIRED, apis = {"Task.cancel", "Task.cancelling"},
      rule = "A task that catches the CancelledException and returns normally ends with its result and still counts the cancel request.",
      reference = "test_tasks.BaseTaskTests.test_cancel_task_catching")
  void caughtAndRecovered(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<Object> inner = loop.createFuture();
    Task<String> t = loop.createTask(() -> {
      cancelSoon(loop, null);
      try {
        Async.await(inner);
        return "not cancelled";
      } catch (CancelledException e) {
        return "recovered";
      }
    });
    s.expectEquals("result of a task that caught its cancellation", "recovered", loop.runUntilComplete(t));
    s.check(!t.cancelled(), "a task that caught CancelledException reports cancelled");
    s.expectEquals("cancelling() after one cancel request", 1, t.cancelling());
  }

  @Scenario(id = "cancellation.uncancel", level = REQUIRED, apis = {"Task.uncancel", "Task.cancelling", "Task.cancel"},
      rule = "uncancel takes back one cancel request and returns how many remain.",
      reference = "test_tasks.BaseTaskTests.test_uncancel_basic")
  void uncancel(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<Object> inner = loop.createFuture();
    int[] counts = new int[3];
    Task<String> t = loop.createTask(() -> {
      cancelSoon(loop, null);
      try {
        Async.await(inner);
      } catch (CancelledException e) {
        Task<?> me = Async.currentTask();
        counts[0] = me.cancelling();
        counts[1] = me.uncancel();
        counts[2] = me.cancelling();
      }
      return "done";
    });
    loop.runUntilComplete(t);
    s.expectEquals("cancelling() at the await, uncancel(), cancelling() after",
        List.of(1, 0, 0), List.of(counts[0], counts[1], counts[2]));
  }

  @Scenario(id = "cancellation.cancelling-counts", level = REQUIRED, apis = {"Task.cancel", "Task.cancelling"},
      rule = "Each cancel request on a pending task adds one to cancelling.",
      reference = "test_tasks.BaseTaskTests.test_cancelling")
  void cancellingCounts(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<Object> t = loop.createTask(() -> Async.await(loop.createFuture()));
    s.expectEquals("cancelling() of a new task", 0, t.cancelling());
    t.cancel();
    t.cancel();
    s.expectEquals("cancelling() after two cancel()", 2, t.cancelling());
    s.expectThrows(CancelledException.class, "runUntilComplete(cancelled task)", () -> loop.runUntilComplete(t));
  }

  @Scenario(id = "cancellation.done-task-returns-false", level = REQUIRED, apis = "Task.cancel",
      rule = "Cancelling a finished task returns false and keeps its result.",
      reference = "test_tasks.BaseTaskTests.test_cancel")
  void doneTaskReturnsFalse(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<String> t = loop.createTask(() -> "kept");
    loop.runUntilComplete(t);
    s.check(!t.cancel("too late"), "cancel() of a finished task returned true");
    s.expectEquals("result()", "kept", t.result());
    s.expectEquals("cancelling() of a finished task", 0, t.cancelling());
  }

  @Scenario(id = "cancellation.propagates-to-awaited-task", level = REQUIRED, apis = {"Task.cancel", "await"},
      rule = "Cancelling a task that awaits another task cancels the awaited task too.",
      reference = "test_tasks.BaseTaskTests.test_cancel_inner_future")
  void propagatesToAwaitedTask(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> log = new ArrayList<>();
    Task<?>[] outerTask = new Task<?>[1];
    Task<Object> inner = loop.createTask(() -> {
      loop.callSoon(() -> outerTask[0].cancel("from outside"));
      try {
        return Async.await(loop.createFuture());
      } catch (CancelledException e) {
        log.add("inner cancelled: " + e.getMessage());
        throw e;
      }
    });
    Task<Object> outer = loop.createTask(() -> Async.await(inner));
    outerTask[0] = outer;
    s.expectThrows(CancelledException.class, "runUntilComplete(outer)", () -> loop.runUntilComplete(outer));
    s.check(inner.cancelled(), "the awaited task was not cancelled");
    s.expectOrder("events", List.of("inner cancelled: from outside"), log);
  }

  @Scenario(id = "cancellation.awaiting-cancelled-task", level = REQUIRED, apis = {"Task.cancel", "await"},
      rule = "Awaiting a task that gets cancelled raises CancelledException in the awaiting task.",
      reference = "test_tasks.BaseTaskTests.test_cancel_awaited_task")
  void awaitingCancelledTask(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<Object> victim = loop.createTask(() -> Async.await(loop.createFuture()));
    Object seen = s.run(() -> {
      loop.callLater(0.01, () -> victim.cancel());
      try {
        Async.await(victim);
        return "no exception";
      } catch (CancelledException e) {
        return e;
      }
    });
    s.check(seen instanceof CancelledException, "awaiting a cancelled task: expected CancelledException, observed %s",
        ScenarioContext.describe(seen));
  }

  @Scenario(id = "cancellation.ignored-then-await-again", level = REQUIRED, apis = {"Task.cancel", "await"},
      rule = "After a task swallows a cancellation, its next await waits normally.",
      reference = "test_tasks.BaseTaskTests.test_cancel_task_ignoring")
  void ignoredThenAwaitAgain(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<String> second = loop.createFuture();
    Task<String> t = loop.createTask(() -> {
      cancelSoon(loop, null);
      try {
        Async.await(loop.createFuture());
      } catch (CancelledException ignored) {
        loop.callLater(0.01, () -> second.setResult("second"));
      }
      return Async.await(second);
    });
    s.expectEquals("result after ignoring the cancellation", "second", loop.runUntilComplete(t));
  }

  @Scenario(id = "cancellation.self-cancel-at-end", level = REQUIRED, apis = {"Task.cancel", "current_task"},
      rule = "A task that cancels itself and then returns without awaiting ends cancelled.",
      reference = "test_tasks.BaseTaskTests.test_cancel_at_end")
  void selfCancelAtEnd(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<Integer> t = loop.createTask(() -> {
      Async.currentTask().cancel();
      return 12;
    });
    s.expectThrows(CancelledException.class, "runUntilComplete(task that cancelled itself)",
        () -> loop.runUntilComplete(t));
    s.check(t.cancelled(), "the task is not cancelled");
  }

  @Scenario(id = "cancellation.self-cancel-next-await", level = REQUIRED, apis = {"Task.cancel", "sleep"},
      rule = "A task that cancels itself gets CancelledException at its next await.",
      reference = "test_tasks.BaseTaskTests.test_cancel_current_task")
  void selfCancelNextAwait(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> log = new ArrayList<>();
    Task<Object> t = loop.createTask(() -> {
      Async.currentTask().cancel();
      log.add("after cancel()");
      Async.sleep(0);
      log.add("after sleep(0)");
      return null;
    });
    s.expectThrows(CancelledException.class, "runUntilComplete(self-cancelled task)", () -> loop.runUntilComplete(t));
    s.expectOrder("events", List.of("after cancel()"), log);
  }

  @Scenario(id = "cancellation.sleep", level = REQUIRED, apis = {"Task.cancel", "sleep"},
      rule = "Cancelling a task that sleeps ends the sleep at once with CancelledException.",
      reference = "test_tasks.BaseTaskTests.test_sleep_cancel")
  void sleep(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<Object> t = loop.createTask(() -> {
      Async.sleep(3600);
      return null;
    });
    double[] cancelledAt = new double[1];
    loop.callLater(0.01, () -> {
      cancelledAt[0] = loop.time();
      t.cancel();
    });
    s.expectThrows(CancelledException.class, "runUntilComplete(sleeping task)", () -> loop.runUntilComplete(t));
    double took = loop.time() - cancelledAt[0];
    s.check(took < s.scaled(1.0), "the cancelled sleep(3600) ended %.3f s after cancel()", took);
  }

  @Scenario(id = "cancellation.yield-point", level = REQUIRED, apis = {"Task.cancel", "sleep"},
      rule = "A task cancelled while it yields with sleep(0) gets CancelledException there.",
      reference = "test_tasks.BaseTaskTests.test_cancel_yield")
  void yieldPoint(ScenarioContext s) {
    EventLoop loop = s.loop();
    int[] steps = new int[1];
    Task<Object> t = loop.createTask(() -> {
      while (true) {
        steps[0]++;
        Async.sleep(0);
      }
    });
    loop.callSoon(() -> loop.callSoon(() -> t.cancel()));
    s.expectThrows(CancelledException.class, "runUntilComplete(yielding task)", () -> loop.runUntilComplete(t));
    s.check(steps[0] >= 1 && steps[0] <= 4, "the yielding task took %d steps before its cancellation", steps[0]);
  }

  @Scenario(id = "cancellation.exception-of-cancelled-task", level = REQUIRED,
      apis = {"Task.cancel", "Future.exception"},
      rule = "exception() of a cancelled task raises CancelledException carrying the cancel message.",
      reference = "test_tasks.BaseTaskTests.test_cancel_with_message_then_future_exception")
  void exceptionOfCancelledTask(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<Object> t = loop.createTask(() -> {
      cancelSoon(loop, "no more");
      return Async.await(loop.createFuture());
    });
    s.expectThrows(CancelledException.class, "runUntilComplete(cancelled task)", () -> loop.runUntilComplete(t));
    CancelledException e = s.expectThrows(CancelledException.class, "exception() of the cancelled task", t::exception);
    s.expectEquals("cancel message", "no more", e.getMessage());
  }

  @Scenario(id = "cancellation.task-and-inner-future", level = REQUIRED, apis = {"Task.cancel", "Future.cancel"},
      rule = "Cancelling both a task and the future it awaits in one pass ends the task cancelled.",
      reference = "test_tasks.BaseTaskTests.test_cancel_both_task_and_inner_future")
  void taskAndInnerFuture(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<Object> inner = loop.createFuture();
    Task<Object> t = loop.createTask(() -> {
      Task<?> me = Async.currentTask();
      loop.callSoon(() -> {
        inner.cancel();
        me.cancel();
      });
      return Async.await(inner);
    });
    s.expectThrows(CancelledException.class, "runUntilComplete(task)", () -> loop.runUntilComplete(t));
    s.check(t.cancelled() && inner.cancelled(), "after cancelling both: task cancelled=%s, inner cancelled=%s",
        t.cancelled(), inner.cancelled());
  }

  /** Cancels the current task in the next pass, once it has suspended at its next await. */
  private static void cancelSoon(EventLoop loop, String message) {
    Task<?> me = Async.currentTask();
    loop.callSoon(() -> me.cancel(message));
  }
}
