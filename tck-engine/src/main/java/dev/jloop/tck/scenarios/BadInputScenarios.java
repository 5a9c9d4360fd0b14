package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.OPTIONAL;
import static dev.jloop.tck.Level.REQUIRED;
import static dev.jloop.tck.Level.STRICT;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;

/**
 * Bad input gets a clear exception at the call, never a failure later: null (asyncio's
 * TypeError), NaN and infinite times (jloop's contract), a closed loop (asyncio's RuntimeError),
 * and the wrong thread in debug mode (asyncio's {@code _check_thread}).
 */
@Area(value = "bad-input", description = "Bad input fails at the call with a clear exception: null, NaN, a closed loop, the wrong thread in debug mode.")
public final class BadInputScenarios {
  BadInputScenarios() {}

  private static final Runnable NOTHING = () -> { };

  @Scenario(id = "bad-input.null-callback", level = REQUIRED,
      apis = {"call_soon", "call_soon_threadsafe", "call_later", "call_at"},
      rule = "Scheduling a null callback raises NullPointerException at the call.",
      reference = "test_base_events.BaseEventLoopTests.test_call_soon_non_callable")
  void nullCallback(ScenarioContext s) {
    EventLoop loop = s.loop();
    s.expectThrows(NullPointerException.class, "callSoon(null)", () -> loop.callSoon(null));
    s.expectThrows(NullPointerException.class, "callSoonThreadsafe(null)", () -> loop.callSoonThreadsafe(null));
    s.expectThrows(NullPointerException.class, "callLater(1, null)", () -> loop.callLater(1.0, (Runnable) null));
    s.expectThrows(NullPointerException.class, "callAt(t, null)", () -> loop.callAt(loop.time() + 1, null));
  }

  @Scenario(id = "bad-input.null-coroutine-and-future", level = REQUIRED,
      apis = {"create_task", "run_until_complete", "run_in_executor"},
      rule = "A null coroutine, future or executor job raises NullPointerException at the call.",
      reference = "test_base_events.BaseEventLoopTests.test_run_until_complete_type_error")
  void nullCoroutineAndFuture(ScenarioContext s) {
    EventLoop loop = s.loop();
    s.expectThrows(NullPointerException.class, "createTask(null)", () -> loop.createTask(null));
    s.expectThrows(NullPointerException.class, "runUntilComplete((Future) null)",
        () -> loop.runUntilComplete((Future<Object>) null));
    s.expectThrows(NullPointerException.class, "runInExecutor(null, null)", () -> loop.runInExecutor(null, null));
  }

  @Scenario(id = "bad-input.null-future-arguments", level = REQUIRED,
      apis = {"Future.set_exception", "Future.add_done_callback", "Future.remove_done_callback", "await"},
      rule = "Future methods given null where they need a value raise NullPointerException.",
      reference = "asyncio-future: Future.set_exception")
  void nullFutureArguments(ScenarioContext s) {
    Future<Object> f = s.loop().createFuture();
    s.expectThrows(NullPointerException.class, "setException(null)", () -> f.setException(null));
    s.expectThrows(NullPointerException.class, "addDoneCallback(null)", () -> f.addDoneCallback(null));
    s.expectThrows(NullPointerException.class, "removeDoneCallback(null)", () -> f.removeDoneCallback(null));
    s.check(!f.done(), "the future became done after calls that were rejected");
    Object seen = s.run(() -> {
      try {
        Async.await(null);
        return "no exception";
      } catch (NullPointerException e) {
        return e;
      }
    });
    s.check(seen instanceof NullPointerException, "Async.await(null): expected NullPointerException, observed %s",
        ScenarioContext.describe(seen));
  }

  @Scenario(id = "bad-input.nan-time", level = STRICT, apis = {"call_later", "call_at", "sleep"},
      rule = "A NaN delay or deadline raises IllegalArgumentException at the call.",
      reference = "jloop EventLoop.callLater / callAt (asyncio accepts NaN and misorders the heap)")
  void nanTime(ScenarioContext s) {
    EventLoop loop = s.loop();
    s.expectThrows(IllegalArgumentException.class, "callLater(NaN)", () -> loop.callLater(Double.NaN, NOTHING));
    s.expectThrows(IllegalArgumentException.class, "callAt(NaN)", () -> loop.callAt(Double.NaN, NOTHING));
    Object seen = s.run(() -> {
      try {
        Async.sleep(Double.NaN);
        return "no exception";
      } catch (IllegalArgumentException e) {
        return e;
      }
    });
    s.check(seen instanceof IllegalArgumentException, "Async.sleep(NaN): expected IllegalArgumentException, observed %s",
        ScenarioContext.describe(seen));
  }

  @Scenario(id = "bad-input.infinite-time", level = STRICT, apis = {"call_later", "call_at"},
      rule = "An infinite delay or deadline raises IllegalArgumentException at the call.",
      reference = "jloop EventLoop.callLater / callAt")
  void infiniteTime(ScenarioContext s) {
    EventLoop loop = s.loop();
    s.expectThrows(IllegalArgumentException.class, "callLater(+Infinity)",
        () -> loop.callLater(Double.POSITIVE_INFINITY, NOTHING));
    s.expectThrows(IllegalArgumentException.class, "callAt(-Infinity)",
        () -> loop.callAt(Double.NEGATIVE_INFINITY, NOTHING));
  }

  @Scenario(id = "bad-input.closed-loop-scheduling", level = REQUIRED,
      apis = {"call_soon", "call_later", "call_at", "call_soon_threadsafe"},
      rule = "Scheduling a callback on a closed loop raises IllegalStateException.",
      reference = "test_base_events.BaseEventLoopTests.test_close")
  void closedLoopScheduling(ScenarioContext s) {
    EventLoop loop = s.loop();
    loop.close();
    s.expectThrows(IllegalStateException.class, "callSoon on a closed loop", () -> loop.callSoon(NOTHING));
    s.expectThrows(IllegalStateException.class, "callLater on a closed loop", () -> loop.callLater(0.1, NOTHING));
    s.expectThrows(IllegalStateException.class, "callAt on a closed loop", () -> loop.callAt(0.1, NOTHING));
    s.expectThrows(IllegalStateException.class, "callSoonThreadsafe on a closed loop",
        () -> loop.callSoonThreadsafe(NOTHING));
  }

  @Scenario(id = "bad-input.closed-loop-running", level = REQUIRED,
      apis = {"run_forever", "run_until_complete", "create_task"},
      rule = "Running a closed loop or creating a task on it raises IllegalStateException.",
      reference = "test_base_events.BaseEventLoopTests.test_close")
  void closedLoopRunning(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<Object> f = loop.createFuture();
    loop.close();
    s.expectThrows(IllegalStateException.class, "runForever on a closed loop", loop::runForever);
    s.expectThrows(IllegalStateException.class, "runUntilComplete on a closed loop", () -> loop.runUntilComplete(f));
    s.expectThrows(IllegalStateException.class, "createTask on a closed loop", () -> loop.createTask(() -> 1));
  }

  @Scenario(id = "bad-input.closed-loop-executor", level = REQUIRED, apis = "run_in_executor",
      rule = "run_in_executor on a closed loop raises IllegalStateException.",
      reference = "asyncio-eventloop: loop.run_in_executor")
  void closedLoopExecutor(ScenarioContext s) {
    EventLoop loop = s.loop();
    loop.close();
    s.expectThrows(IllegalStateException.class, "runInExecutor on a closed loop", () -> loop.runInExecutor(null, () -> 1));
  }

  @Scenario(id = "bad-input.closed-loop-queries", level = REQUIRED, apis = {"is_closed", "is_running", "time"},
      rule = "A closed loop still answers is_closed, is_running and time.",
      reference = "asyncio-eventloop: loop.is_closed")
  void closedLoopQueries(ScenarioContext s) {
    EventLoop loop = s.loop();
    loop.close();
    s.check(loop.isClosed() && !loop.isRunning(), "after close: isClosed()=%s isRunning()=%s",
        loop.isClosed(), loop.isRunning());
    double t = loop.time();
    s.check(t == loop.time() || t < loop.time(), "time() went backwards on a closed loop");
  }

  @Scenario(id = "bad-input.debug-wrong-thread", level = REQUIRED,
      apis = {"set_debug", "call_soon", "call_later", "call_at"},
      rule = "In debug mode, call_soon, call_later and call_at from another thread than the running loop's raise IllegalStateException.",
      reference = "test_base_events.BaseEventLoopTests.test_check_thread")
  void debugWrongThread(ScenarioContext s) {
    EventLoop loop = s.loop();
    loop.setDebug(true);
    s.check(loop.isDebug(), "isDebug() was false after setDebug(true)");
    Object[] seen = new Object[3];
    loop.callSoon(() -> s.thread("intruder", () -> {
      seen[0] = attempt(() -> loop.callSoon(NOTHING));
      seen[1] = attempt(() -> loop.callLater(10, NOTHING));
      seen[2] = attempt(() -> loop.callAt(loop.time() + 10, NOTHING));
      loop.callSoonThreadsafe(loop::stop);
    }));
    loop.callLater(s.scaled(3.0), loop::stop);
    loop.runForever();
    String[] calls = {"callSoon", "callLater", "callAt"};
    for (int i = 0; i < 3; i++) {
      s.check(seen[i] instanceof IllegalStateException,
          "%s from another thread in debug mode: expected IllegalStateException, observed %s",
          calls[i], ScenarioContext.describe(seen[i]));
    }
  }

  @Scenario(id = "bad-input.debug-threadsafe-allowed", level = REQUIRED,
      apis = {"set_debug", "call_soon_threadsafe"},
      rule = "In debug mode, call_soon_threadsafe from another thread is still accepted and runs.",
      reference = "test_events.EventLoopTestsMixin.test_call_soon_threadsafe")
  void debugThreadsafeAllowed(ScenarioContext s) {
    EventLoop loop = s.loop();
    loop.setDebug(true);
    boolean[] ran = new boolean[1];
    loop.callSoon(() -> s.thread("polite", () -> loop.callSoonThreadsafe(() -> {
      ran[0] = true;
      loop.stop();
    })));
    loop.callLater(s.scaled(3.0), loop::stop);
    loop.runForever();
    s.check(ran[0], "callSoonThreadsafe from another thread in debug mode did not run");
  }

  @Scenario(id = "bad-input.set-debug", level = REQUIRED, apis = {"set_debug", "get_debug"},
      rule = "get_debug reflects the last set_debug.",
      reference = "test_base_events.BaseEventLoopTests.test_set_debug")
  void setDebug(ScenarioContext s) {
    EventLoop loop = s.loop();
    loop.setDebug(true);
    s.check(loop.isDebug(), "isDebug() was false after setDebug(true)");
    loop.setDebug(false);
    s.check(!loop.isDebug(), "isDebug() was true after setDebug(false)");
  }

  @Scenario(id = "bad-input.await-outside-task", level = REQUIRED, apis = {"await", "sleep"},
      rule = "await and sleep outside a task raise IllegalStateException.",
      reference = "asyncio-task: coroutines (await outside async def is a SyntaxError)")
  void awaitOutsideTask(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<Object> f = loop.createFuture();
    s.expectThrows(IllegalStateException.class, "Async.await outside a task", () -> Async.await(f));
    s.expectThrows(IllegalStateException.class, "Async.sleep outside a task", () -> Async.sleep(0.01));
    Object[] inCallback = new Object[1];
    loop.callSoon(() -> {
      inCallback[0] = attempt(() -> Async.await(f));
      loop.stop();
    });
    loop.runForever();
    s.check(inCallback[0] instanceof IllegalStateException,
        "Async.await in a plain callback: expected IllegalStateException, observed %s",
        ScenarioContext.describe(inCallback[0]));
  }

  @Scenario(id = "bad-input.slow-callback-duration", level = OPTIONAL, apis = "slow_callback_duration",
      rule = "A slow-callback threshold that is not a positive finite number raises IllegalArgumentException.",
      reference = "asyncio-dev: debug mode (slow_callback_duration)")
  void slowCallbackDuration(ScenarioContext s) {
    EventLoop loop = s.loop();
    loop.setSlowCallbackDuration(0.5);
    s.expectEquals("getSlowCallbackDuration()", 0.5, loop.getSlowCallbackDuration());
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      s.expectThrows(IllegalArgumentException.class, "setSlowCallbackDuration(" + bad + ")",
          () -> loop.setSlowCallbackDuration(bad));
    }
    s.expectEquals("getSlowCallbackDuration() after rejected values", 0.5, loop.getSlowCallbackDuration());
  }

  private static Object attempt(ScenarioContext.Action action) {
    try {
      action.run();
      return "no exception";
    } catch (Throwable t) {
      return t;
    }
  }

  @Scenario(id = "bad-input.null-default-executor", level = REQUIRED, apis = "set_default_executor",
      rule = "set_default_executor(null) raises NullPointerException.",
      reference = "test_base_events.BaseEventLoopTests.test_set_default_executor_error")
  void nullDefaultExecutor(ScenarioContext s) {
    s.expectThrows(NullPointerException.class, "setDefaultExecutor(null)", () -> s.loop().setDefaultExecutor(null));
    s.expectEquals("runUntilComplete(default executor job) after the rejected call", 3,
        s.loop().runUntilComplete(s.loop().runInExecutor(null, () -> 3)));
  }
}
