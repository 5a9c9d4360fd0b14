package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;

import dev.jloop.EventLoop;
import dev.jloop.ExceptionContext;
import dev.jloop.ExceptionHandler;
import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.TimerHandle;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.util.ArrayList;
import java.util.List;

/** Errors in callbacks: they reach the exception handler with asyncio's context keys; the loop goes on. */
@Area(value = "exceptions", description = "Errors in callbacks reach the exception handler with asyncio's context keys, and the loop goes on.")
public final class ExceptionScenarios {
  ExceptionScenarios() {}

  /** Records every context the handler gets, and the thread it ran on. */
  private static final class Recorder implements ExceptionHandler {
    final List<ExceptionContext> contexts = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    @Override
    public void handle(EventLoop loop, ExceptionContext context) {
      contexts.add(context);
      threads.add(Thread.currentThread());
    }
  }

  @Scenario(id = "exceptions.callback-error-does-not-stop-loop", level = REQUIRED, apis = "call_soon",
      rule = "A callback that throws does not stop the loop: the callbacks after it still run.",
      reference = "test_events.HandleTests.test_callback_with_exception")
  void callbackErrorDoesNotStopLoop(ScenarioContext s) {
    EventLoop loop = s.loop();
    loop.setExceptionHandler(new Recorder());
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> {
      throw new IllegalStateException("expected by the scenario");
    });
    loop.callSoon(() -> ran.add("same pass"));
    loop.callSoon(() -> loop.callSoon(() -> {
      ran.add("next pass");
      loop.stop();
    }));
    loop.runForever();
    s.expectOrder("callbacks after the failing one", List.of("same pass", "next pass"), ran);
  }

  @Scenario(id = "exceptions.handler-context-keys", level = REQUIRED,
      apis = {"call_soon", "set_exception_handler", "call_exception_handler"},
      rule = "A failing callback reaches the exception handler on the loop thread with message, exception and handle.",
      reference = "test_base_events.BaseEventLoopTests.test_set_exc_handler_custom")
  void handlerContextKeys(ScenarioContext s) {
    EventLoop loop = s.loop();
    Recorder rec = new Recorder();
    loop.setExceptionHandler(rec);
    IllegalStateException boom = new IllegalStateException("expected by the scenario");
    Handle h = loop.callSoon(() -> {
      throw boom;
    });
    loop.callSoon(() -> loop.callSoon(loop::stop));
    loop.runForever();
    s.expectEquals("number of reports", 1, rec.contexts.size());
    ExceptionContext ctx = rec.contexts.get(0);
    s.check(ctx.message() != null && !ctx.message().isBlank(), "the context has no message");
    s.expectSame("context key exception", boom, ctx.exception());
    s.expectSame("context key handle", h, ctx.get(ExceptionContext.HANDLE));
    s.expectSame("thread of the exception handler", Thread.currentThread(), rec.threads.get(0));
  }

  @Scenario(id = "exceptions.timer-error-reported", level = REQUIRED,
      apis = {"call_at", "set_exception_handler"},
      rule = "A failing timer callback reaches the exception handler with its timer handle and the loop goes on.",
      reference = "test_base_events.BaseEventLoopTests.test_default_exc_handler_callback")
  void timerErrorReported(ScenarioContext s) {
    EventLoop loop = s.loop();
    Recorder rec = new Recorder();
    loop.setExceptionHandler(rec);
    IllegalStateException boom = new IllegalStateException("expected by the scenario");
    double now = loop.time();
    TimerHandle h = loop.callAt(now + 0.005, () -> {
      throw boom;
    });
    boolean[] after = new boolean[1];
    loop.callAt(now + 0.01, () -> {
      after[0] = true;
      loop.stop();
    });
    loop.runForever();
    s.check(after[0], "the timer after the failing one did not run");
    s.expectEquals("number of reports", 1, rec.contexts.size());
    s.expectSame("context key exception", boom, rec.contexts.get(0).exception());
    s.expectSame("context key handle", h, rec.contexts.get(0).get(ExceptionContext.HANDLE));
  }

  @Scenario(id = "exceptions.handler-error-contained", level = REQUIRED,
      apis = {"set_exception_handler", "call_exception_handler"},
      rule = "An exception handler that throws does not stop the loop.",
      reference = "test_base_events.BaseEventLoopTests.test_set_exc_handler_broken")
  void handlerErrorContained(ScenarioContext s) {
    EventLoop loop = s.loop();
    int[] calls = new int[1];
    loop.setExceptionHandler((l, ctx) -> {
      calls[0]++;
      throw new IllegalStateException("the handler itself fails, as the scenario expects");
    });
    boolean[] after = new boolean[1];
    loop.callSoon(() -> {
      throw new IllegalArgumentException("expected by the scenario");
    });
    loop.callSoon(() -> loop.callSoon(() -> {
      after[0] = true;
      loop.stop();
    }));
    loop.runForever();
    s.expectEquals("calls of the exception handler", 1, calls[0]);
    s.check(after[0], "the loop stopped running callbacks after the exception handler threw");
  }

  @Scenario(id = "exceptions.handler-get-set", level = REQUIRED,
      apis = {"set_exception_handler", "get_exception_handler"},
      rule = "get_exception_handler returns the handler set, and None after set_exception_handler(None).",
      reference = "test_base_events.BaseEventLoopTests.test_set_exc_handler_custom")
  void handlerGetSet(ScenarioContext s) {
    EventLoop loop = s.loop();
    s.expectEquals("getExceptionHandler() of a new loop", null, loop.getExceptionHandler());
    Recorder rec = new Recorder();
    loop.setExceptionHandler(rec);
    s.expectSame("getExceptionHandler()", rec, loop.getExceptionHandler());
    loop.setExceptionHandler(null);
    s.expectEquals("getExceptionHandler() after setExceptionHandler(null)", null, loop.getExceptionHandler());
  }

  @Scenario(id = "exceptions.call-exception-handler", level = REQUIRED,
      apis = {"call_exception_handler", "set_exception_handler"},
      rule = "call_exception_handler hands the context to the exception handler unchanged.",
      reference = "asyncio-eventloop: loop.call_exception_handler")
  void callExceptionHandler(ScenarioContext s) {
    EventLoop loop = s.loop();
    Recorder rec = new Recorder();
    loop.setExceptionHandler(rec);
    ExceptionContext ctx = ExceptionContext.builder("custom report").put("custom", 42).build();
    loop.callExceptionHandler(ctx);
    s.expectEquals("number of reports", 1, rec.contexts.size());
    s.expectEquals("context key custom", 42, rec.contexts.get(0).get("custom"));
    s.expectEquals("context key message", "custom report", rec.contexts.get(0).message());
  }

  @Scenario(id = "exceptions.done-callback-error-reported", level = REQUIRED,
      apis = {"Future.add_done_callback", "set_exception_handler"},
      rule = "A failing done callback reaches the exception handler and the future's other callbacks still run.",
      reference = "test_futures.BaseFutureDoneCallbackTests.test_callbacks_invoked_on_set_result")
  void doneCallbackErrorReported(ScenarioContext s) {
    EventLoop loop = s.loop();
    Recorder rec = new Recorder();
    loop.setExceptionHandler(rec);
    List<String> ran = new ArrayList<>();
    Future<String> f = loop.createFuture();
    IllegalStateException boom = new IllegalStateException("expected by the scenario");
    f.addDoneCallback(done -> {
      throw boom;
    });
    f.addDoneCallback(done -> ran.add("second callback"));
    f.setResult("x");
    loop.callSoon(() -> loop.callSoon(loop::stop));
    loop.runForever();
    s.expectOrder("done callbacks after the failing one", List.of("second callback"), ran);
    s.expectEquals("number of reports", 1, rec.contexts.size());
    s.expectSame("context key exception", boom, rec.contexts.get(0).exception());
  }

  @Scenario(id = "exceptions.threadsafe-callback-error-reported", level = REQUIRED,
      apis = {"call_soon_threadsafe", "set_exception_handler"},
      rule = "A failing callback scheduled from another thread reaches the exception handler on the loop thread.",
      reference = "test_events.EventLoopTestsMixin.test_call_soon_threadsafe")
  void threadsafeCallbackErrorReported(ScenarioContext s) {
    EventLoop loop = s.loop();
    Recorder rec = new Recorder();
    loop.setExceptionHandler((l, ctx) -> {
      rec.handle(l, ctx);
      l.stop();
    });
    IllegalStateException boom = new IllegalStateException("expected by the scenario");
    loop.callSoon(() -> s.thread("thrower", () -> loop.callSoonThreadsafe(() -> {
      throw boom;
    })));
    loop.callLater(s.scaled(3.0), loop::stop);
    loop.runForever();
    s.expectEquals("number of reports", 1, rec.contexts.size());
    s.expectSame("context key exception", boom, rec.contexts.get(0).exception());
    s.expectSame("thread of the exception handler", Thread.currentThread(), rec.threads.get(0));
  }

  @Scenario(id = "exceptions.task-error-does-not-stop-loop", level = REQUIRED, apis = {"create_task", "run_forever"},
      rule = "A task whose body throws ends with that exception and the loop keeps running other callbacks.",
      reference = "asyncio-task: Task (exceptions end the task, not the loop)")
  void taskErrorDoesNotStopLoop(ScenarioContext s) {
    EventLoop loop = s.loop();
    loop.setExceptionHandler(new Recorder());
    IllegalStateException boom = new IllegalStateException("expected by the scenario");
    dev.jloop.Task<Object> t = loop.createTask(() -> {
      throw boom;
    });
    boolean[] after = new boolean[1];
    loop.callLater(0.01, () -> {
      after[0] = true;
      loop.stop();
    });
    loop.runForever();
    s.check(after[0], "the loop did not run a timer after a task failed");
    s.check(t.done(), "the failing task is not done");
    s.expectSame("exception of the task", boom, t.exception());
  }

  @Scenario(id = "exceptions.loop-usable-after-rethrow", level = REQUIRED, apis = "run_until_complete",
      rule = "After run_until_complete raised the future's exception, the loop runs again normally.",
      reference = "test_base_events.BaseEventLoopTests.test_run_until_complete_baseexception")
  void loopUsableAfterRethrow(ScenarioContext s) {
    s.expectThrows(IllegalStateException.class, "runUntilComplete(failing task)", () -> s.run(() -> {
      throw new IllegalStateException("expected by the scenario");
    }));
    s.expectEquals("runUntilComplete after the failure", "again", s.run(() -> "again"));
  }

  @Scenario(id = "exceptions.task-exception-never-retrieved", level = REQUIRED,
      apis = {"create_task", "call_exception_handler"},
      rule = "A task that failed and is dropped without anyone retrieving its exception is reported to the exception handler.",
      reference = "asyncio-dev: detect never-retrieved exceptions")
  void taskExceptionNeverRetrieved(ScenarioContext s) {
    EventLoop loop = s.loop();
    IllegalStateException boom = new IllegalStateException("never retrieved, on purpose");
    List<Object> seen = new ArrayList<>();
    loop.setExceptionHandler((l, ctx) -> seen.add(ctx.exception()));
    startFailingTask(loop, boom);
    s.runUntil(() -> {
      System.gc();
      return !seen.isEmpty();
    }, 3.0, "a report of the unretrieved task exception");
    s.expectSame("the exception in the handler's context", boom, seen.get(0));
  }

  private static void startFailingTask(EventLoop loop, RuntimeException error) {
    loop.createTask(() -> {
      throw error;
    });
  }

  @Scenario(id = "exceptions.handler-set-from-callback", level = REQUIRED,
      apis = {"set_exception_handler", "call_soon"},
      rule = "An exception handler set by a callback handles the errors of the callbacks after it.",
      reference = "test_base_events.BaseEventLoopTests.test_set_exc_handler_custom")
  void handlerSetFromCallback(ScenarioContext s) {
    EventLoop loop = s.loop();
    Recorder rec = new Recorder();
    loop.callSoon(() -> loop.setExceptionHandler(rec));
    loop.callSoon(() -> {
      throw new IllegalStateException("expected by the scenario");
    });
    loop.callSoon(() -> loop.callSoon(loop::stop));
    loop.runForever();
    s.expectEquals("reports to the handler set by the first callback", 1, rec.contexts.size());
  }
}
