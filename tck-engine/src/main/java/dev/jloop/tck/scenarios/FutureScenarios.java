package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;

import dev.jloop.CancelledException;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.InvalidStateException;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** asyncio.Future on the loop under test: states, results, and done callbacks through call_soon. */
@Area(value = "futures", description = "Futures: states and results, and done callbacks that always go through call_soon.")
public final class FutureScenarios {
  FutureScenarios() {}

  @Scenario(id = "futures.initial-state", level = REQUIRED,
      apis = {"create_future", "Future.result", "Future.exception"},
      rule = "A new future is pending, and asking for its result or exception raises InvalidStateException.",
      reference = "test_futures.BaseFutureTests.test_initial_state")
  void initialState(ScenarioContext s) {
    Future<Object> f = s.loop().createFuture();
    s.check(!f.done() && !f.cancelled(), "a new future reports done=%s cancelled=%s", f.done(), f.cancelled());
    s.expectThrows(InvalidStateException.class, "result() of a pending future", f::result);
    s.expectThrows(InvalidStateException.class, "exception() of a pending future", f::exception);
    s.expectSame("Future.getLoop()", s.loop(), f.getLoop());
  }

  @Scenario(id = "futures.result", level = REQUIRED, apis = {"Future.set_result", "Future.result"},
      rule = "A future given a result is done, returns it, and has no exception.",
      reference = "test_futures.BaseFutureTests.test_result")
  void result(ScenarioContext s) {
    Future<String> f = s.loop().createFuture();
    f.setResult("value");
    s.check(f.done() && !f.cancelled(), "after setResult: done=%s cancelled=%s", f.done(), f.cancelled());
    s.expectEquals("result()", "value", f.result());
    s.expectEquals("exception()", null, f.exception());
  }

  @Scenario(id = "futures.exception", level = REQUIRED, apis = {"Future.set_exception", "Future.result"},
      rule = "A future given an exception rethrows that very exception from result and returns it from exception.",
      reference = "test_futures.BaseFutureTests.test_exception")
  void exception(ScenarioContext s) {
    Future<String> f = s.loop().createFuture();
    IllegalStateException boom = new IllegalStateException("boom");
    f.setException(boom);
    s.expectSame("exception()", boom, f.exception());
    Throwable thrown = s.expectThrows(IllegalStateException.class, "result()", f::result);
    s.expectSame("exception thrown by result()", boom, thrown);
  }

  @Scenario(id = "futures.complete-twice-rejected", level = REQUIRED,
      apis = {"Future.set_result", "Future.set_exception"},
      rule = "Setting a result or exception on a done future raises InvalidStateException and keeps the first outcome.",
      reference = "test_futures.BaseFutureTests.test_result")
  void completeTwiceRejected(ScenarioContext s) {
    Future<String> f = s.loop().createFuture();
    f.setResult("first");
    s.expectThrows(InvalidStateException.class, "setResult on a done future", () -> f.setResult("second"));
    s.expectThrows(InvalidStateException.class, "setException on a done future",
        () -> f.setException(new RuntimeException()));
    s.expectEquals("result() after the rejected calls", "first", f.result());
  }

  @Scenario(id = "futures.cancel", level = REQUIRED, apis = {"Future.cancel", "Future.result"},
      rule = "Cancelling a pending future makes it done and cancelled, and its result raises CancelledException.",
      reference = "test_futures.BaseFutureTests.test_cancel")
  void cancel(ScenarioContext s) {
    Future<String> f = s.loop().createFuture();
    s.check(f.cancel(), "cancel() of a pending future returned false");
    s.check(f.done() && f.cancelled(), "after cancel: done=%s cancelled=%s", f.done(), f.cancelled());
    s.expectThrows(CancelledException.class, "result() of a cancelled future", f::result);
    s.expectThrows(CancelledException.class, "exception() of a cancelled future", f::exception);
    s.check(!f.cancel(), "a second cancel() returned true");
    s.expectThrows(InvalidStateException.class, "setResult on a cancelled future", () -> f.setResult("x"));
  }

  @Scenario(id = "futures.cancel-message", level = REQUIRED, apis = {"Future.cancel", "Future.result"},
      rule = "The message given to cancel is the message of the CancelledException the future raises.",
      reference = "test_futures.BaseFutureTests.test_future_cancel_message_getter")
  void cancelMessage(ScenarioContext s) {
    Future<String> f = s.loop().createFuture();
    f.cancel("shutting down");
    CancelledException e = s.expectThrows(CancelledException.class, "result()", f::result);
    s.expectEquals("CancelledException message", "shutting down", e.getMessage());
  }

  @Scenario(id = "futures.cancel-done-returns-false", level = REQUIRED, apis = "Future.cancel",
      rule = "Cancelling a future that is already done returns false and changes nothing.",
      reference = "test_futures.BaseFutureTests.test_cancel")
  void cancelDoneReturnsFalse(ScenarioContext s) {
    Future<String> f = s.loop().createFuture();
    f.setResult("kept");
    s.check(!f.cancel(), "cancel() of a done future returned true");
    s.check(!f.cancelled(), "a done future became cancelled");
    s.expectEquals("result()", "kept", f.result());
  }

  @Scenario(id = "futures.callbacks-not-synchronous", level = REQUIRED,
      apis = {"Future.add_done_callback", "Future.set_result", "call_soon"},
      rule = "Completing a future never runs its done callbacks synchronously; they run in a later pass.",
      reference = "test_futures.BaseFutureDoneCallbackTests.test_callbacks_invoked_on_set_result")
  void callbacksNotSynchronous(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    Future<String> f = loop.createFuture();
    f.addDoneCallback(done -> ran.add("callback"));
    loop.callSoon(() -> {
      f.setResult("x");
      ran.add("setResult returned");
      loop.callSoon(() -> loop.callSoon(loop::stop));
    });
    loop.runForever();
    s.expectOrder("events", List.of("setResult returned", "callback"), ran);
  }

  @Scenario(id = "futures.callbacks-through-call-soon", level = REQUIRED,
      apis = {"Future.add_done_callback", "Future.set_exception", "call_soon"},
      rule = "Done callbacks are scheduled with call_soon when the future completes, so they run before callbacks scheduled after that.",
      reference = "test_futures.BaseFutureDoneCallbackTests.test_callbacks_invoked_on_set_exception")
  void callbacksThroughCallSoon(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    Future<String> f = loop.createFuture();
    f.addDoneCallback(done -> ran.add("cb1"));
    f.addDoneCallback(done -> ran.add("cb2"));
    loop.callSoon(() -> {
      loop.callSoon(() -> ran.add("before"));
      f.setException(new IllegalStateException("expected by the scenario"));
      f.exception();
      loop.callSoon(() -> ran.add("after"));
      loop.callSoon(loop::stop);
    });
    loop.runForever();
    s.expectOrder("callbacks", List.of("before", "cb1", "cb2", "after"), ran);
  }

  @Scenario(id = "futures.callback-on-done-future", level = REQUIRED,
      apis = {"Future.add_done_callback", "call_soon"},
      rule = "A done callback added to a future that is already done is scheduled with call_soon, not run at once.",
      reference = "asyncio-future: Future.add_done_callback")
  void callbackOnDoneFuture(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    Future<String> f = loop.createFuture();
    f.setResult("x");
    loop.callSoon(() -> {
      loop.callSoon(() -> ran.add("before"));
      f.addDoneCallback(done -> ran.add("callback"));
      ran.add("addDoneCallback returned");
      loop.callSoon(() -> ran.add("after"));
      loop.callSoon(loop::stop);
    });
    loop.runForever();
    s.expectOrder("events", List.of("addDoneCallback returned", "before", "callback", "after"), ran);
  }

  @Scenario(id = "futures.callbacks-get-the-future", level = REQUIRED,
      apis = {"Future.add_done_callback", "Future.cancel"},
      rule = "Each done callback receives the future, also when it was cancelled.",
      reference = "test_futures.BaseFutureDoneCallbackTests.test_callbacks_invoked_on_set_result")
  void callbacksGetTheFuture(ScenarioContext s) {
    EventLoop loop = s.loop();
    Object[] got = new Object[1];
    Future<String> f = loop.createFuture();
    f.addDoneCallback(done -> got[0] = done);
    f.cancel();
    loop.callSoon(() -> loop.callSoon(loop::stop));
    loop.runForever();
    s.expectSame("the argument of the done callback", f, got[0]);
  }

  @Scenario(id = "futures.remove-done-callback", level = REQUIRED,
      apis = {"Future.add_done_callback", "Future.remove_done_callback"},
      rule = "remove_done_callback removes every registration of the callback, returns how many, and those never run.",
      reference = "test_futures.BaseFutureDoneCallbackTests.test_remove_done_callback")
  void removeDoneCallback(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    Future<String> f = loop.createFuture();
    Consumer<Future<String>> a = done -> ran.add("a");
    Consumer<Future<String>> b = done -> ran.add("b");
    f.addDoneCallback(a);
    f.addDoneCallback(b);
    f.addDoneCallback(a);
    s.expectEquals("removeDoneCallback(a), registered twice", 2, f.removeDoneCallback(a));
    s.expectEquals("removeDoneCallback(a) again", 0, f.removeDoneCallback(a));
    f.setResult("x");
    loop.callSoon(() -> loop.callSoon(loop::stop));
    loop.runForever();
    s.expectOrder("callbacks run", List.of("b"), ran);
  }

  @Scenario(id = "futures.callback-order", level = REQUIRED, apis = "Future.add_done_callback",
      rule = "Done callbacks run in the order they were added.",
      reference = "test_futures.BaseFutureDoneCallbackTests.test_callbacks_remove_third_callback")
  void callbackOrder(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Integer> ran = new ArrayList<>();
    Future<String> f = loop.createFuture();
    for (int i = 0; i < 20; i++) {
      int n = i;
      f.addDoneCallback(done -> ran.add(n));
    }
    f.setResult("x");
    loop.callSoon(() -> loop.callSoon(loop::stop));
    loop.runForever();
    s.expectOrder("20 done callbacks", java.util.stream.IntStream.range(0, 20).boxed().toList(), ran);
  }

  @Scenario(id = "futures.callbacks-on-loop-thread", level = REQUIRED,
      apis = {"Future.add_done_callback", "call_soon_threadsafe"},
      rule = "Done callbacks run on the loop thread even when another thread completed the future through call_soon_threadsafe.",
      reference = "asyncio-future: Future (not thread-safe; use call_soon_threadsafe)")
  void callbacksOnLoopThread(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<String> f = loop.createFuture();
    Thread[] ranOn = new Thread[1];
    f.addDoneCallback(done -> {
      ranOn[0] = Thread.currentThread();
      loop.stop();
    });
    loop.callSoon(() -> s.thread("completer", () -> loop.callSoonThreadsafe(() -> f.setResult("x"))));
    loop.callLater(s.scaled(3.0), loop::stop);
    loop.runForever();
    s.expectSame("the thread that ran the done callback", Thread.currentThread(), ranOn[0]);
  }

  @Scenario(id = "futures.exception-never-retrieved-reported", level = REQUIRED,
      apis = {"Future.set_exception", "call_exception_handler"},
      rule = "An exception set on a future that is dropped without being retrieved reaches the exception handler.",
      reference = "test_futures.BaseFutureTests.test_tb_logger_exception_unretrieved")
  void exceptionNeverRetrievedReported(ScenarioContext s) {
    EventLoop loop = s.loop();
    IllegalStateException boom = new IllegalStateException("never retrieved, on purpose");
    List<Object> seen = new ArrayList<>();
    loop.setExceptionHandler((l, ctx) -> seen.add(ctx.exception()));
    dropFutureWithException(loop, boom, false);
    s.runUntil(() -> {
      System.gc();
      return !seen.isEmpty();
    }, 3.0, "a report of the unretrieved exception");
    s.expectSame("the exception in the handler's context", boom, seen.get(0));
  }

  @Scenario(id = "futures.retrieved-exception-not-reported", level = REQUIRED,
      apis = {"Future.set_exception", "Future.exception", "call_exception_handler"},
      rule = "An exception that was retrieved is not reported when the future is dropped.",
      reference = "test_futures.BaseFutureTests.test_tb_logger_exception_retrieved")
  void retrievedExceptionNotReported(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Object> seen = new ArrayList<>();
    loop.setExceptionHandler((l, ctx) -> seen.add(ctx.message()));
    dropFutureWithException(loop, new IllegalStateException("retrieved"), true);
    for (int i = 0; i < 2; i++) {
      System.gc();
      s.runFor(0.05);
    }
    s.check(seen.isEmpty(), "the exception handler was called: %s", seen);
  }

  private static void dropFutureWithException(EventLoop loop, Throwable error, boolean retrieve) {
    Future<Object> f = loop.createFuture();
    f.setException(error);
    if (retrieve) {
      f.exception();
    }
  }

  @Scenario(id = "futures.result-not-reported", level = REQUIRED,
      apis = {"Future.set_result", "call_exception_handler"},
      rule = "A future dropped with a result or still pending is never reported to the exception handler.",
      reference = "test_futures.BaseFutureTests.test_tb_logger_result_unretrieved; "
          + "test_futures.BaseFutureTests.test_tb_logger_abandoned")
  void resultNotReported(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Object> seen = new ArrayList<>();
    loop.setExceptionHandler((l, ctx) -> seen.add(ctx.message()));
    loop.createFuture().setResult("dropped with a result");
    loop.createFuture();
    for (int i = 0; i < 2; i++) {
      System.gc();
      s.runFor(0.05);
    }
    s.check(seen.isEmpty(), "the exception handler was called: %s", seen);
  }

  @Scenario(id = "futures.remove-during-callbacks", level = REQUIRED,
      apis = {"Future.add_done_callback", "Future.remove_done_callback"},
      rule = "A done callback removed by another callback after the future completed still runs, since it was already scheduled.",
      reference = "test_futures.BaseFutureDoneCallbackTests.test_schedule_callbacks_list_mutation_1; "
          + "test_futures.BaseFutureDoneCallbackTests.test_remove_done_callbacks_list_mutation")
  void removeDuringCallbacks(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    Future<String> f = loop.createFuture();
    Consumer<Future<String>> victim = done -> ran.add("victim");
    f.addDoneCallback(done -> {
      ran.add("remover");
      ran.add("removed " + done.removeDoneCallback(victim));
    });
    f.addDoneCallback(victim);
    f.setResult("x");
    loop.callSoon(() -> loop.callSoon(loop::stop));
    loop.runForever();
    s.expectOrder("done callbacks", List.of("remover", "removed 0", "victim"), ran);
  }

  @Scenario(id = "futures.remove-before-completion", level = REQUIRED,
      apis = {"Future.add_done_callback", "Future.remove_done_callback"},
      rule = "Removing done callbacks before the future completes keeps the others in their order.",
      reference = "test_futures.BaseFutureDoneCallbackTests.test_callbacks_remove_first_callback; "
          + "test_futures.BaseFutureDoneCallbackTests.test_callbacks_remove_first_and_second_callback; "
          + "test_futures.BaseFutureDoneCallbackTests.test_callbacks_remove_third_callback")
  void removeBeforeCompletion(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Integer> ran = new ArrayList<>();
    Future<String> f = loop.createFuture();
    List<Consumer<Future<String>>> cbs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      Consumer<Future<String>> cb = done -> ran.add(n);
      cbs.add(cb);
      f.addDoneCallback(cb);
    }
    f.removeDoneCallback(cbs.get(0));
    f.removeDoneCallback(cbs.get(2));
    f.removeDoneCallback(cbs.get(4));
    f.setResult("x");
    loop.callSoon(() -> loop.callSoon(loop::stop));
    loop.runForever();
    s.expectOrder("done callbacks left", List.of(1, 3), ran);
  }

  @Scenario(id = "futures.cancel-silences-report", level = REQUIRED,
      apis = {"Future.cancel", "Task.cancel", "call_exception_handler"},
      rule = "Calling cancel on a future or task that already failed counts as handling its exception, so it is not reported.",
      reference = "test_futures.BaseFutureTests.test_tb_logger_not_called_after_cancel; "
          + "test_tasks.BaseTaskTests.test_tb_logger_not_called_after_cancel")
  void cancelSilencesReport(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Object> seen = new ArrayList<>();
    loop.setExceptionHandler((l, ctx) -> seen.add(ctx.message()));
    failThenCancel(loop);
    s.runFor(0.01);
    for (int i = 0; i < 2; i++) {
      System.gc();
      s.runFor(0.05);
    }
    s.check(seen.isEmpty(), "the exception handler was called: %s", seen);
  }

  private static void failThenCancel(EventLoop loop) {
    Future<Object> f = loop.createFuture();
    f.setException(new IllegalStateException("handled by cancel()"));
    f.cancel();
    dev.jloop.Task<Object> t = loop.createTask(() -> {
      throw new IllegalStateException("handled by cancel()");
    });
    t.addDoneCallback(done -> done.cancel());
  }
}
