package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;

import dev.jloop.AsCompleted;
import dev.jloop.Async;
import dev.jloop.AsyncTimeoutException;
import dev.jloop.CancelledException;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.ReturnWhen;
import dev.jloop.Runner;
import dev.jloop.Task;
import dev.jloop.WaitResult;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * asyncio's task combinators on the loop under test: gather, wait_for, wait, shield,
 * as_completed, timeout and the runner. They are shared code; what the loop contributes is the
 * order of its callbacks and the accuracy of its timers.
 */
@Area(value = "combinators", description = "gather, wait_for, wait, shield, as_completed, timeout and run, driven by the loop's callbacks and timers.")
public final class CombinatorScenarios {
  CombinatorScenarios() {}

  /** A task that sleeps {@code seconds} and returns {@code value}. */
  private static <T> Task<T> later(EventLoop loop, double seconds, T value) {
    return loop.createTask(() -> {
      Async.sleep(seconds);
      return value;
    });
  }

  @Scenario(id = "combinators.gather-results-in-order", level = REQUIRED, apis = "gather",
      rule = "gather returns the results in argument order, whatever order the tasks finish in.",
      reference = "test_tasks.GatherTestsBase.test_success")
  void gatherResultsInOrder(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> got = s.run(() -> Async.await(Async.gather(
        later(loop, 0.03, "slow"), later(loop, 0.001, "fast"), later(loop, 0.015, "middle"))));
    s.expectOrder("gather results", List.of("slow", "fast", "middle"), got);
  }

  @Scenario(id = "combinators.gather-first-exception", level = REQUIRED, apis = "gather",
      rule = "gather without return_exceptions fails with the first child exception and leaves the other children running.",
      reference = "test_tasks.GatherTestsBase.test_one_exception")
  void gatherFirstException(ScenarioContext s) {
    EventLoop loop = s.loop();
    IllegalStateException boom = new IllegalStateException("expected by the scenario");
    Future<String> gate = loop.createFuture();
    Task<String> other = loop.createTask(() -> Async.await(gate));
    Object caught = s.run(() -> {
      Task<String> failing = loop.createTask(() -> {
        Async.sleep(0.005);
        throw boom;
      });
      try {
        Async.await(Async.gather(other, failing));
        return "no exception";
      } catch (IllegalStateException e) {
        return e;
      }
    });
    s.expectSame("exception of the gather", boom, caught);
    s.check(!other.done(), "the other child was not left running: it is %s", other);
    gate.setResult("late");
    s.expectEquals("the other child's result", "late", loop.runUntilComplete(other));
  }

  @Scenario(id = "combinators.gather-return-exceptions", level = REQUIRED, apis = "gather",
      rule = "gather with return_exceptions puts each child's exception or cancellation in its place in the results.",
      reference = "test_tasks.GatherTestsBase.test_return_exceptions; test_tasks.FutureGatherTests.test_result_exception_one_cancellation")
  void gatherReturnExceptions(ScenarioContext s) {
    EventLoop loop = s.loop();
    IllegalStateException boom = new IllegalStateException("expected by the scenario");
    List<Object> got = s.run(() -> {
      Future<String> cancelled = loop.createFuture();
      Future<String> failed = loop.createFuture();
      loop.callSoon(() -> {
        cancelled.cancel();
        failed.setException(boom);
      });
      return Async.await(Async.gather(true, later(loop, 0.001, "ok"), failed, cancelled));
    });
    s.expectEquals("results", 3, got.size());
    s.expectEquals("result 0", "ok", got.get(0));
    s.expectSame("result 1", boom, got.get(1));
    s.check(got.get(2) instanceof CancelledException, "result 2: expected a CancelledException, observed %s",
        ScenarioContext.describe(got.get(2)));
  }

  @Scenario(id = "combinators.gather-cancel-cancels-children", level = REQUIRED, apis = {"gather", "Future.cancel"},
      rule = "Cancelling the future gather returned cancels the children still pending.",
      reference = "test_tasks.CoroutineGatherTests.test_cancellation_broadcast")
  void gatherCancelCancelsChildren(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<String> a = later(loop, 3600, "a");
    Task<String> b = later(loop, 3600, "b");
    Object seen = s.run(() -> {
      Future<List<String>> g = Async.gather(a, b);
      loop.callSoon(() -> g.cancel());
      try {
        Async.await(g);
        return "no exception";
      } catch (CancelledException e) {
        return e;
      }
    });
    s.check(seen instanceof CancelledException, "awaiting the cancelled gather: expected CancelledException, observed %s",
        ScenarioContext.describe(seen));
    s.check(a.cancelled() && b.cancelled(), "children after cancelling the gather: cancelled=%s and %s",
        a.cancelled(), b.cancelled());
  }

  @Scenario(id = "combinators.wait-for-result", level = REQUIRED, apis = "wait_for",
      rule = "wait_for returns the result of a future that finishes within the timeout.",
      reference = "test_waitfor.AsyncioWaitForTest.test_wait_for")
  void waitForResult(ScenarioContext s) {
    EventLoop loop = s.loop();
    s.expectEquals("waitFor(task, 10 s)", "done", s.run(() -> Async.waitFor(later(loop, 0.01, "done"), 10.0)));
  }

  @Scenario(id = "combinators.wait-for-timeout", level = REQUIRED, apis = {"wait_for", "call_later"},
      rule = "wait_for raises TimeoutError once the timeout passes and cancels the awaited task.",
      reference = "test_waitfor.AsyncioWaitForTest.test_asyncio_wait_for_timeout")
  void waitForTimeout(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<String> slow = later(loop, 3600, "never");
    double[] waited = new double[1];
    Object seen = s.run(() -> {
      double t0 = loop.time();
      try {
        Async.waitFor(slow, 0.05);
        return "no exception";
      } catch (AsyncTimeoutException e) {
        return e;
      } finally {
        waited[0] = loop.time() - t0;
      }
    });
    s.check(seen instanceof AsyncTimeoutException, "waitFor(3600 s task, 0.05): expected AsyncTimeoutException, observed %s",
        ScenarioContext.describe(seen));
    s.check(slow.cancelled(), "the timed-out task was not cancelled");
    s.check(waited[0] >= 0.05 - TimerScenarios.EARLY_TOLERANCE, "waitFor timed out after %.4f s, before 0.05 s", waited[0]);
  }

  @Scenario(id = "combinators.wait-for-zero-timeout", level = REQUIRED, apis = "wait_for",
      rule = "wait_for with a timeout of zero returns the result of a done future and times out a pending one at once.",
      reference = "test_waitfor.AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_future_done; "
          + "test_waitfor.AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0")
  void waitForZeroTimeout(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Object> got = s.run(() -> {
      Future<String> done = loop.createFuture();
      done.setResult("ready");
      List<Object> out = new ArrayList<>();
      out.add(Async.waitFor(done, 0));
      try {
        out.add(Async.waitFor(loop.createFuture(), 0));
      } catch (AsyncTimeoutException e) {
        out.add("timed out");
      }
      return out;
    });
    s.expectEquals("waitFor(done, 0) and waitFor(pending, 0)", List.of("ready", "timed out"), got);
  }

  @Scenario(id = "combinators.wait-first-completed", level = REQUIRED, apis = "wait",
      rule = "wait with FIRST_COMPLETED returns as soon as one future is done, with the others pending.",
      reference = "test_tasks.BaseTaskTests.test_wait_first_completed")
  void waitFirstCompleted(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<String> fast = later(loop, 0.005, "fast");
    Task<String> slow = later(loop, 3600, "slow");
    WaitResult<Task<String>> r = s.run(() -> Async.wait(List.of(fast, slow), null, ReturnWhen.FIRST_COMPLETED));
    s.expectEquals("done", Set.of(fast), r.done());
    s.expectEquals("pending", Set.of(slow), r.pending());
    slow.cancel();
  }

  @Scenario(id = "combinators.wait-timeout-does-not-cancel", level = REQUIRED, apis = "wait",
      rule = "wait returns at its timeout with the unfinished futures pending and not cancelled.",
      reference = "test_tasks.BaseTaskTests.test_wait_with_timeout")
  void waitTimeoutDoesNotCancel(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<String> slow = later(loop, 3600, "slow");
    WaitResult<Task<String>> r = s.run(() -> Async.wait(List.of(slow), 0.02, ReturnWhen.ALL_COMPLETED));
    s.check(r.done().isEmpty() && r.pending().equals(Set.of(slow)), "wait(timeout 0.02) returned done=%s pending=%s",
        r.done(), r.pending());
    s.check(!slow.cancelled() && !slow.done(), "wait cancelled or finished the pending task on timeout");
    slow.cancel();
  }

  @Scenario(id = "combinators.wait-first-exception", level = REQUIRED, apis = "wait",
      rule = "wait with FIRST_EXCEPTION returns when a future fails.",
      reference = "test_tasks.BaseTaskTests.test_wait_first_exception")
  void waitFirstException(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<String> slow = later(loop, 3600, "slow");
    Task<String> failing = loop.createTask(() -> {
      Async.sleep(0.005);
      throw new IllegalStateException("expected by the scenario");
    });
    WaitResult<Task<String>> r = s.run(() -> Async.wait(List.of(slow, failing), null, ReturnWhen.FIRST_EXCEPTION));
    s.expectEquals("done", Set.of(failing), r.done());
    failing.exception();
    slow.cancel();
  }

  @Scenario(id = "combinators.shield-protects-inner", level = REQUIRED, apis = {"shield", "Task.cancel"},
      rule = "Cancelling a task that awaits shield(inner) cancels the task but leaves inner running to completion.",
      reference = "test_tasks.BaseTaskTests.test_shield_effect")
  void shieldProtectsInner(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<String> inner = later(loop, 0.02, "inner result");
    Task<String> outer = loop.createTask(() -> {
      Task<?> me = Async.currentTask();
      loop.callSoon(() -> me.cancel());
      return Async.await(Async.shield(inner));
    });
    s.expectThrows(CancelledException.class, "runUntilComplete(outer)", () -> loop.runUntilComplete(outer));
    s.check(!inner.cancelled(), "the shielded task was cancelled");
    s.expectEquals("result of the shielded task", "inner result", loop.runUntilComplete(inner));
  }

  @Scenario(id = "combinators.shield-follows-inner", level = REQUIRED, apis = "shield",
      rule = "The future shield returns takes the result or exception of the inner future.",
      reference = "test_tasks.BaseTaskTests.test_shield_result; test_tasks.BaseTaskTests.test_shield_exception")
  void shieldFollowsInner(ScenarioContext s) {
    EventLoop loop = s.loop();
    IllegalStateException boom = new IllegalStateException("expected by the scenario");
    List<Object> got = s.run(() -> {
      Future<String> ok = loop.createFuture();
      Future<String> bad = loop.createFuture();
      loop.callSoon(() -> {
        ok.setResult("fine");
        bad.setException(boom);
      });
      List<Object> out = new ArrayList<>();
      out.add(Async.await(Async.shield(ok)));
      try {
        Async.await(Async.shield(bad));
      } catch (IllegalStateException e) {
        out.add(e);
      }
      return out;
    });
    s.expectEquals("result through shield", "fine", got.get(0));
    s.expectSame("exception through shield", boom, got.get(1));
  }

  @Scenario(id = "combinators.as-completed-order", level = REQUIRED, apis = "as_completed",
      rule = "as_completed yields results in the order the futures finish.",
      reference = "test_tasks.BaseTaskTests.test_as_completed")
  void asCompletedOrder(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> got = s.run(() -> {
      Future<String> a = loop.createFuture();
      Future<String> b = loop.createFuture();
      Future<String> c = loop.createFuture();
      AsCompleted<String> ac = Async.asCompleted(List.of(a, b, c));
      // b finishes first, then c one pass later, then a
      loop.callSoon(() -> {
        b.setResult("first");
        loop.callSoon(() -> {
          c.setResult("second");
          loop.callLater(0.01, () -> a.setResult("third"));
        });
      });
      List<String> out = new ArrayList<>();
      for (Future<String> f : ac) {
        out.add(Async.await(f));
      }
      return out;
    });
    s.expectOrder("as_completed order", List.of("first", "second", "third"), got);
  }

  @Scenario(id = "combinators.timeout-expires", level = REQUIRED, apis = {"timeout", "call_at"},
      rule = "A timeout block that outlives its deadline raises TimeoutError, not before the deadline.",
      reference = "test_timeouts.TimeoutTests.test_timeout_basic")
  void timeoutExpires(ScenarioContext s) {
    EventLoop loop = s.loop();
    double[] waited = new double[1];
    Object seen = s.run(() -> {
      double t0 = loop.time();
      try {
        return Async.timeout(0.03, () -> {
          Async.sleep(3600);
          return "no timeout";
        });
      } catch (AsyncTimeoutException e) {
        return e;
      } finally {
        waited[0] = loop.time() - t0;
      }
    });
    s.check(seen instanceof AsyncTimeoutException, "a 0.03 s timeout around sleep(3600): expected AsyncTimeoutException, observed %s",
        ScenarioContext.describe(seen));
    s.check(waited[0] >= 0.03 - TimerScenarios.EARLY_TOLERANCE, "the timeout fired after %.4f s", waited[0]);
  }

  @Scenario(id = "combinators.timeout-not-reached", level = REQUIRED, apis = "timeout",
      rule = "A timeout block that finishes before its deadline returns its value and leaves the task uncancelled.",
      reference = "test_timeouts.TimeoutTests.test_timeout_not_called")
  void timeoutNotReached(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Object> got = s.run(() -> {
      String v = Async.timeout(10.0, () -> {
        Async.sleep(0.005);
        return "in time";
      });
      Async.sleep(0.01);
      return List.of(v, Async.currentTask().cancelling());
    });
    s.expectEquals("value and cancelling() after the block", List.of("in time", 0), got);
  }

  @Scenario(id = "combinators.run-closes-loop", level = REQUIRED, apis = {"run", "close"},
      rule = "asyncio.run with a loop factory returns the main coroutine's result, cancels leftover tasks and closes the loop.",
      reference = "test_runners.RunTests.test_asyncio_run_return; test_runners.RunTests.test_asyncio_run_cancels_hanging_tasks")
  void runClosesLoop(ScenarioContext s) {
    EventLoop[] used = new EventLoop[1];
    Task<?>[] leftover = new Task<?>[1];
    String result = Async.run(() -> {
      used[0] = Async.getRunningLoop();
      leftover[0] = used[0].createTask(() -> {
        Async.sleep(3600);
        return null;
      });
      Async.sleep(0);
      return "main result";
    }, s::newLoop);
    s.expectEquals("result of Async.run", "main result", result);
    s.check(leftover[0].cancelled(), "a task still pending when main returned was not cancelled");
    s.check(used[0].isClosed(), "Async.run did not close its loop");
  }

  @Scenario(id = "combinators.runner-reuses-loop", level = REQUIRED, apis = {"run", "close"},
      rule = "A Runner runs several coroutines on one loop and closes it when closed.",
      reference = "test_runners.RunnerTests.test_run; test_runners.RunnerTests.test_explicit_close")
  void runnerReusesLoop(ScenarioContext s) {
    Runner runner = new Runner(s::newLoop);
    EventLoop[] loops = new EventLoop[2];
    try {
      runner.run(() -> loops[0] = Async.getRunningLoop());
      runner.run(() -> loops[1] = Async.getRunningLoop());
    } finally {
      runner.close();
    }
    s.expectSame("the loop of the second run", loops[0], loops[1]);
    s.check(loops[0].isClosed(), "Runner.close() did not close its loop");
  }
}
