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

/** Running, stopping and closing a loop: asyncio's run_until_complete, run_forever, stop, close. */
@Area(value = "lifecycle", description = "Running, stopping, nesting and closing a loop.")
public final class LifecycleScenarios {
  LifecycleScenarios() {}

  /** Runs {@code body} in one callback of {@code loop}, which then stops; returns when it did. */
  private static void inOneCallback(EventLoop loop, Runnable body) {
    loop.callSoon(() -> {
      body.run();
      loop.stop();
    });
    loop.runForever();
  }

  /**
   * Makes each of {@code calls} in turn inside one callback of the running {@code loop}; returns
   * what each threw, or "no exception".
   */
  private static Object[] thrownInCallback(EventLoop loop, Runnable... calls) {
    Object[] seen = new Object[calls.length];
    inOneCallback(loop, () -> {
      for (int i = 0; i < calls.length; i++) {
        try {
          calls[i].run();
          seen[i] = "no exception";
        } catch (RuntimeException e) {
          seen[i] = e;
        }
      }
    });
    return seen;
  }

  private static void expectIllegalState(ScenarioContext s, String call, Object seen) {
    s.check(seen instanceof IllegalStateException, "%s: expected IllegalStateException, observed %s",
        call, ScenarioContext.describe(seen));
  }

  @Scenario(id = "lifecycle.run-until-complete-returns-result", level = REQUIRED,
      apis = {"run_until_complete", "create_task"},
      rule = "run_until_complete returns the result of the future it ran.",
      reference = "test_events.EventLoopTestsMixin.test_run_until_complete")
  void runUntilCompleteReturnsResult(ScenarioContext s) {
    s.expectEquals("runUntilComplete(task returning 42)", 42, s.run(() -> 42));
  }

  @Scenario(id = "lifecycle.run-until-complete-rethrows", level = REQUIRED,
      apis = {"run_until_complete", "create_task"},
      rule = "run_until_complete raises the exception of the future it ran, as the very object.",
      reference = "test_base_events.BaseEventLoopTests.test_run_until_complete_baseexception")
  void runUntilCompleteRethrows(ScenarioContext s) {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    Throwable thrown = s.expectThrows(IllegalArgumentException.class, "runUntilComplete(failing task)",
        () -> s.run(() -> {
          throw boom;
        }));
    s.expectSame("exception rethrown by runUntilComplete", boom, thrown);
  }

  @Scenario(id = "lifecycle.run-until-complete-done-future", level = REQUIRED,
      apis = {"run_until_complete", "create_future"},
      rule = "run_until_complete of a future that is already done returns its result.",
      reference = "asyncio-eventloop: loop.run_until_complete")
  void runUntilCompleteDoneFuture(ScenarioContext s) {
    Future<String> f = s.loop().createFuture();
    f.setResult("done");
    s.expectEquals("runUntilComplete(done future)", "done", s.loop().runUntilComplete(f));
  }

  @Scenario(id = "lifecycle.run-until-complete-stopped-early", level = REQUIRED,
      apis = {"run_until_complete", "stop"},
      rule = "run_until_complete raises IllegalStateException when the loop stops before the future is done.",
      reference = "test_events.EventLoopTestsMixin.test_run_until_complete_stopped")
  void runUntilCompleteStoppedEarly(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<Object> never = loop.createFuture();
    loop.callSoon(loop::stop);
    s.expectThrows(IllegalStateException.class, "runUntilComplete(pending future) after stop()",
        () -> loop.runUntilComplete(never));
    s.check(!loop.isRunning(), "the loop still claims to be running after runUntilComplete returned");
  }

  @Scenario(id = "lifecycle.run-until-complete-foreign-future", level = REQUIRED,
      apis = {"run_until_complete", "create_future"},
      rule = "run_until_complete rejects a future of another loop with IllegalArgumentException.",
      reference = "test_base_events.BaseEventLoopTests.test_run_until_complete_loop")
  void runUntilCompleteForeignFuture(ScenarioContext s) {
    EventLoop other = s.newLoop();
    Future<Object> foreign = other.createFuture();
    s.expectThrows(IllegalArgumentException.class, "runUntilComplete(future of another loop)",
        () -> s.loop().runUntilComplete(foreign));
  }

  @Scenario(id = "lifecycle.run-until-complete-runs-task", level = REQUIRED,
      apis = {"run_until_complete", "current_task"},
      rule = "run_until_complete of a coroutine runs it inside a task of that loop.",
      reference = "asyncio-eventloop: loop.run_until_complete")
  void runUntilCompleteRunsTask(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<?> task = s.run(Async::currentTask);
    s.check(task != null, "Async.currentTask() was null inside the coroutine given to runUntilComplete");
    s.expectSame("the task's loop", loop, task.getLoop());
  }

  @Scenario(id = "lifecycle.run-forever-until-stop", level = REQUIRED,
      apis = {"run_forever", "stop", "call_soon"},
      rule = "run_forever returns after a callback calls stop, once the callbacks ready in that pass have run.",
      reference = "asyncio-eventloop: loop.stop")
  void runForeverUntilStop(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> {
      ran.add("A");
      loop.stop();
    });
    loop.callSoon(() -> ran.add("B"));
    loop.runForever();
    s.expectOrder("callbacks run before runForever returned", List.of("A", "B"), ran);
  }

  @Scenario(id = "lifecycle.stop-defers-new-callbacks", level = REQUIRED,
      apis = {"run_forever", "stop", "call_soon"},
      rule = "Callbacks scheduled during the pass that calls stop run only when the loop runs again.",
      reference = "test_base_events.BaseEventLoopTests.test_run_once")
  void stopDefersNewCallbacks(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> {
      loop.stop();
      loop.callSoon(() -> ran.add("next"));
    });
    loop.runForever();
    s.check(ran.isEmpty(), "a callback scheduled in the stopping pass ran before runForever returned");
    loop.callSoon(loop::stop);
    loop.runForever();
    s.expectOrder("callbacks run by the second runForever", List.of("next"), ran);
  }

  @Scenario(id = "lifecycle.stop-before-run", level = REQUIRED,
      apis = {"run_forever", "stop", "call_soon", "call_later"},
      rule = "stop before run_forever makes run_forever run the ready callbacks once and return.",
      reference = "test_base_events.BaseEventLoopTests.test_run_forever_pre_stopped")
  void stopBeforeRun(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> ran.add("ready"));
    loop.callLater(s.scaled(2.0), () -> {
      ran.add("guard");
      loop.stop();
    });
    loop.stop();
    loop.runForever();
    s.expectOrder("callbacks run by runForever after an early stop()", List.of("ready"), ran);
  }

  @Scenario(id = "lifecycle.stop-resets", level = REQUIRED,
      apis = {"run_forever", "stop", "call_at"},
      rule = "After run_forever returns because of stop, the next run_forever runs until stop is called again.",
      reference = "asyncio-eventloop: loop.stop")
  void stopResets(ScenarioContext s) {
    EventLoop loop = s.loop();
    loop.callSoon(loop::stop);
    loop.runForever();
    List<String> ran = new ArrayList<>();
    double now = loop.time();
    loop.callAt(now + 0.02, () -> ran.add("timer"));
    loop.callAt(now + 0.04, loop::stop);
    loop.runForever();
    s.expectOrder("callbacks run by the second runForever", List.of("timer"), ran);
  }

  @Scenario(id = "lifecycle.is-running", level = REQUIRED,
      apis = {"is_running", "run_forever"},
      rule = "is_running is true inside the loop's callbacks and false before and after it runs.",
      reference = "asyncio-eventloop: loop.is_running")
  void isRunning(ScenarioContext s) {
    EventLoop loop = s.loop();
    s.check(!loop.isRunning(), "isRunning() was true before the loop ran");
    boolean[] inside = new boolean[1];
    inOneCallback(loop, () -> inside[0] = loop.isRunning());
    s.check(inside[0], "isRunning() was false inside a callback");
    s.check(!loop.isRunning(), "isRunning() was true after runForever returned");
  }

  @Scenario(id = "lifecycle.nested-run-rejected", level = REQUIRED,
      apis = {"run_forever", "run_until_complete"},
      rule = "run_forever and run_until_complete called from inside the running loop raise IllegalStateException and the loop goes on.",
      reference = "test_events.EventLoopTestsMixin.test_run_until_complete_nesting")
  void nestedRunRejected(ScenarioContext s) {
    EventLoop loop = s.loop();
    Object[] seen = thrownInCallback(loop, loop::runForever,
        () -> loop.runUntilComplete(loop.createFuture()));
    expectIllegalState(s, "runForever() inside the running loop", seen[0]);
    expectIllegalState(s, "runUntilComplete() inside the running loop", seen[1]);
    s.expectEquals("runUntilComplete after the rejected nested runs", 7, s.run(() -> 7));
  }

  @Scenario(id = "lifecycle.other-loop-same-thread-rejected", level = REQUIRED,
      apis = {"run_forever", "run_until_complete"},
      rule = "Running a second loop on a thread where a loop is running raises IllegalStateException.",
      reference = "asyncio-eventloop: loop.run_forever (Cannot run the event loop while another loop is running)")
  void otherLoopSameThreadRejected(ScenarioContext s) {
    EventLoop loop = s.loop();
    EventLoop other = s.newLoop();
    Object[] seen = thrownInCallback(loop, () -> {
      other.callSoon(other::stop);
      other.runForever();
    });
    expectIllegalState(s, "runForever() of a second loop inside a running loop", seen[0]);
  }

  @Scenario(id = "lifecycle.running-loop-visible", level = REQUIRED,
      apis = {"get_running_loop", "run_forever"},
      rule = "get_running_loop returns the loop inside its callbacks and raises IllegalStateException when no loop runs.",
      reference = "asyncio-eventloop: asyncio.get_running_loop")
  void runningLoopVisible(ScenarioContext s) {
    EventLoop loop = s.loop();
    Object[] seen = new Object[1];
    inOneCallback(loop, () -> seen[0] = Async.getRunningLoop());
    s.expectSame("Async.getRunningLoop() inside a callback", loop, seen[0]);
    s.expectThrows(IllegalStateException.class, "Async.getRunningLoop() after runForever returned",
        Async::getRunningLoop);
  }

  @Scenario(id = "lifecycle.close-idempotent", level = REQUIRED,
      apis = {"close", "is_closed"},
      rule = "close marks the loop closed and a second close does nothing.",
      reference = "test_events.EventLoopTestsMixin.test_close")
  void closeIdempotent(ScenarioContext s) {
    EventLoop loop = s.loop();
    s.check(!loop.isClosed(), "isClosed() was true for a new loop");
    loop.close();
    s.check(loop.isClosed(), "isClosed() was false after close()");
    loop.close();
    s.check(loop.isClosed(), "isClosed() was false after a second close()");
  }

  @Scenario(id = "lifecycle.close-running-rejected", level = REQUIRED,
      apis = {"close", "run_forever"},
      rule = "close called while the loop runs raises IllegalStateException and leaves the loop usable.",
      reference = "test_events.EventLoopTestsMixin.test_close_running_event_loop")
  void closeRunningRejected(ScenarioContext s) {
    EventLoop loop = s.loop();
    Object[] seen = thrownInCallback(loop, loop::close);
    expectIllegalState(s, "close() inside a callback", seen[0]);
    s.check(!loop.isClosed(), "the loop reports closed after a rejected close()");
    s.expectEquals("runUntilComplete after the rejected close", 1, s.run(() -> 1));
  }

  @Scenario(id = "lifecycle.close-drops-pending", level = REQUIRED,
      apis = {"close", "call_soon", "call_later"},
      rule = "Callbacks and timers pending when the loop closes never run.",
      reference = "test_base_events.BaseEventLoopTests.test_close")
  void closeDropsPending(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> ran.add("callSoon"));
    loop.callLater(0.001, () -> ran.add("callLater"));
    loop.close();
    s.check(ran.isEmpty(), "callbacks ran while closing: %s", ran);
  }

  @Scenario(id = "lifecycle.run-again-after-run-until-complete", level = REQUIRED,
      apis = {"run_until_complete", "call_soon"},
      rule = "Callbacks still pending when run_until_complete returns run on the next run of the loop.",
      reference = "asyncio-eventloop: loop.run_until_complete")
  void runAgainAfterRunUntilComplete(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    s.run(() -> {
      loop.callSoon(() -> loop.callSoon(() -> ran.add("later")));
      return null;
    });
    loop.callLater(0.01, loop::stop);
    loop.runForever();
    s.expectOrder("callbacks left over from runUntilComplete", List.of("later"), ran);
  }

  @Scenario(id = "lifecycle.stop-from-task", level = REQUIRED, apis = {"run_until_complete", "stop"},
      rule = "A task that stops the loop makes run_until_complete raise IllegalStateException while the task is still pending.",
      reference = "test_tasks.BaseTaskTests.test_stop_while_run_in_complete")
  void stopFromTask(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<Object> t = loop.createTask(() -> {
      loop.stop();
      Async.sleep(0);
      Async.sleep(0);
      return null;
    });
    s.expectThrows(IllegalStateException.class, "runUntilComplete(task that stops the loop)", () -> loop.runUntilComplete(t));
    s.check(!t.done(), "the task finished although the loop stopped after its first step");
    t.cancel();
    s.expectThrows(CancelledException.class, "runUntilComplete(the cancelled task)", () -> loop.runUntilComplete(t));
  }

  @Scenario(id = "lifecycle.scheduled-before-run", level = REQUIRED, apis = {"call_soon", "run_forever"},
      rule = "Callbacks scheduled before the loop runs run in its first pass, in order.",
      reference = "test_base_events.BaseEventLoopTests.test_run_once")
  void scheduledBeforeRun(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> ran.add("A"));
    loop.callSoon(() -> ran.add("B"));
    loop.callSoon(() -> {
      ran.add("C");
      loop.stop();
    });
    loop.callSoon(() -> ran.add("D"));
    loop.runForever();
    s.expectOrder("callbacks in the first pass", List.of("A", "B", "C", "D"), ran);
  }
}
