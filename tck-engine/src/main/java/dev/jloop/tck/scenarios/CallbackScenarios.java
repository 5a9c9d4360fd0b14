package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;

import dev.jloop.EventLoop;
import dev.jloop.Handle;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** call_soon and call_soon_threadsafe: order, passes, handles. */
@Area(value = "callbacks", description = "Ready callbacks: FIFO order, one pass at a time, handles and cancellation.")
public final class CallbackScenarios {
  CallbackScenarios() {}

  @Scenario(id = "callbacks.fifo", level = REQUIRED, apis = "call_soon",
      rule = "Callbacks scheduled with call_soon run in the order they were scheduled.",
      reference = "test_events.EventLoopTestsMixin.test_call_soon")
  void fifo(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int n = i;
      loop.callSoon(() -> ran.add(n));
    }
    loop.callSoon(loop::stop);
    loop.runForever();
    s.expectOrder("1000 callSoon callbacks", IntStream.range(0, 1000).boxed().toList(), ran);
  }

  @Scenario(id = "callbacks.never-inline", level = REQUIRED, apis = "call_soon",
      rule = "call_soon never runs the callback before it returns, even from inside a running callback.",
      reference = "asyncio-eventloop: loop.call_soon")
  void neverInline(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> {
      loop.callSoon(() -> ran.add("inner"));
      ran.add("after callSoon returned");
      loop.callSoon(loop::stop);
    });
    loop.runForever();
    s.expectOrder("events in the outer callback and the one it scheduled",
        List.of("after callSoon returned", "inner"), ran);
  }

  @Scenario(id = "callbacks.scheduled-in-pass-run-next-pass", level = REQUIRED, apis = "call_soon",
      rule = "A callback scheduled while a pass runs goes after every callback that was already ready.",
      reference = "test_base_events.BaseEventLoopTests.test__run_once_schedule_handle")
  void scheduledInPassRunNextPass(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> {
      ran.add("A");
      loop.callSoon(() -> ran.add("C (scheduled by A)"));
    });
    loop.callSoon(() -> ran.add("B"));
    loop.callSoon(() -> loop.callSoon(loop::stop));
    loop.runForever();
    s.expectOrder("callbacks", List.of("A", "B", "C (scheduled by A)"), ran);
  }

  @Scenario(id = "callbacks.cancelled-handle-skipped", level = REQUIRED, apis = {"call_soon", "Handle.cancel"},
      rule = "A callback whose handle was cancelled before its turn does not run.",
      reference = "test_base_events.BaseEventLoopTests.test__add_callback_cancelled_handle")
  void cancelledHandleSkipped(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    Handle h = loop.callSoon(() -> ran.add("cancelled"));
    loop.callSoon(() -> ran.add("kept"));
    h.cancel();
    s.check(h.cancelled(), "Handle.cancelled() was false after cancel()");
    loop.callSoon(loop::stop);
    loop.runForever();
    s.expectOrder("callbacks run", List.of("kept"), ran);
  }

  @Scenario(id = "callbacks.cancel-later-in-same-pass", level = REQUIRED, apis = {"call_soon", "Handle.cancel"},
      rule = "A callback cancelled by an earlier callback of the same pass does not run.",
      reference = "asyncio-eventloop: Handle.cancel")
  void cancelLaterInSamePass(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    Handle[] victim = new Handle[1];
    loop.callSoon(() -> {
      ran.add("A");
      victim[0].cancel();
    });
    victim[0] = loop.callSoon(() -> ran.add("B"));
    loop.callSoon(loop::stop);
    loop.runForever();
    s.expectOrder("callbacks run", List.of("A"), ran);
  }

  @Scenario(id = "callbacks.handle-of-its-loop", level = REQUIRED, apis = "call_soon",
      rule = "The handle call_soon returns is not cancelled and belongs to the loop.",
      reference = "test_events.HandleTests.test_handle")
  void handleOfItsLoop(ScenarioContext s) {
    Handle h = s.loop().callSoon(() -> { });
    s.check(h != null, "callSoon returned null");
    s.check(!h.cancelled(), "a fresh handle reports cancelled");
    s.expectSame("Handle.getLoop()", s.loop(), h.getLoop());
  }

  @Scenario(id = "callbacks.cancel-after-run-harmless", level = REQUIRED, apis = {"call_soon", "Handle.cancel"},
      rule = "Cancelling the handle of a callback that already ran changes nothing.",
      reference = "asyncio-eventloop: Handle.cancel")
  void cancelAfterRunHarmless(ScenarioContext s) {
    EventLoop loop = s.loop();
    int[] runs = new int[1];
    Handle h = loop.callSoon(() -> runs[0]++);
    loop.callSoon(loop::stop);
    loop.runForever();
    h.cancel();
    h.cancel();
    loop.callSoon(loop::stop);
    loop.runForever();
    s.expectEquals("times the callback ran", 1, runs[0]);
  }

  @Scenario(id = "callbacks.threadsafe-same-thread-fifo", level = REQUIRED,
      apis = {"call_soon", "call_soon_threadsafe"},
      rule = "On the loop thread, call_soon_threadsafe keeps FIFO order with call_soon.",
      reference = "test_events.EventLoopTestsMixin.test_call_soon_threadsafe_same_thread")
  void threadsafeSameThreadFifo(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> {
      loop.callSoon(() -> ran.add("1 callSoon"));
      loop.callSoonThreadsafe(() -> ran.add("2 callSoonThreadsafe"));
      loop.callSoon(() -> ran.add("3 callSoon"));
      loop.callSoonThreadsafe(() -> ran.add("4 callSoonThreadsafe"));
      loop.callSoon(loop::stop);
    });
    loop.runForever();
    s.expectOrder("callbacks", List.of("1 callSoon", "2 callSoonThreadsafe", "3 callSoon", "4 callSoonThreadsafe"), ran);
  }

  @Scenario(id = "callbacks.threadsafe-before-run", level = REQUIRED,
      apis = {"call_soon_threadsafe", "run_forever"},
      rule = "A callback another thread schedules while the loop is not running runs when the loop runs.",
      reference = "asyncio-eventloop: loop.call_soon_threadsafe")
  void threadsafeBeforeRun(ScenarioContext s) throws InterruptedException {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    Thread t = s.thread("schedule", () -> loop.callSoonThreadsafe(() -> ran.add("from worker")));
    t.join();
    loop.callSoon(() -> loop.callSoon(loop::stop));
    loop.runForever();
    s.expectOrder("callbacks", List.of("from worker"), ran);
  }

  @Scenario(id = "callbacks.callback-schedules-many-passes", level = REQUIRED, apis = "call_soon",
      rule = "A callback that reschedules itself runs once per pass and lets other callbacks in between.",
      reference = "asyncio-eventloop: loop.call_soon")
  void callbackSchedulesManyPasses(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    Runnable[] ping = new Runnable[1];
    int[] left = {3};
    ping[0] = () -> {
      ran.add("ping");
      if (--left[0] > 0) {
        loop.callSoon(ping[0]);
      }
    };
    Runnable[] pong = new Runnable[1];
    int[] pongs = {3};
    pong[0] = () -> {
      ran.add("pong");
      if (--pongs[0] > 0) {
        loop.callSoon(pong[0]);
      } else {
        loop.callSoon(loop::stop);
      }
    };
    loop.callSoon(ping[0]);
    loop.callSoon(pong[0]);
    loop.runForever();
    s.expectOrder("self-rescheduling callbacks", List.of("ping", "pong", "ping", "pong", "ping", "pong"), ran);
  }
}
