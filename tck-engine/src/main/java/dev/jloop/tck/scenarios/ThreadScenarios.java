package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Other threads and the loop: the JVM's analogues of asyncio code releasing the GIL. A worker's
 * call_soon_threadsafe wakes a loop blocked in select; results come back on the loop thread.
 * Executor scenarios are in {@link ExecutorScenarios}.
 */
@Area(value = "threads", description = "Other threads talking to the loop: call_soon_threadsafe wakes it, results come back on the loop thread.")
public final class ThreadScenarios {
  ThreadScenarios() {}

  @Scenario(id = "threads.threadsafe-wakes-blocked-loop", level = REQUIRED,
      apis = {"call_soon_threadsafe", "run_forever"}, budget = 10,
      rule = "call_soon_threadsafe from another thread wakes a loop that is blocked waiting with no timer due.",
      reference = "test_events.EventLoopTestsMixin.test_call_soon_threadsafe")
  void threadsafeWakesBlockedLoop(ScenarioContext s) {
    EventLoop loop = s.loop();
    double guard = s.scaled(4.0);
    boolean[] guardFired = new boolean[1];
    loop.callLater(guard, () -> {
      guardFired[0] = true;
      loop.stop();
    });
    CountDownLatch running = new CountDownLatch(1);
    loop.callSoon(running::countDown);
    s.thread("waker", () -> {
      s.await(running, "the loop starting");
      Thread.sleep(200);
      loop.callSoonThreadsafe(loop::stop);
    });
    loop.runForever();
    s.check(!guardFired[0], "a loop blocked with no timer due for %.1f s did not wake up for callSoonThreadsafe(stop)"
        + " from another thread; it returned only when that guard timer fired", guard);
  }

  @Scenario(id = "threads.threadsafe-runs-on-loop-thread", level = REQUIRED, apis = "call_soon_threadsafe",
      rule = "A callback scheduled with call_soon_threadsafe from another thread runs on the loop thread.",
      reference = "test_events.EventLoopTestsMixin.test_call_soon_threadsafe")
  void threadsafeRunsOnLoopThread(ScenarioContext s) {
    EventLoop loop = s.loop();
    Thread[] ranOn = new Thread[1];
    loop.callSoon(() -> s.thread("scheduler", () -> loop.callSoonThreadsafe(() -> {
      ranOn[0] = Thread.currentThread();
      loop.stop();
    })));
    loop.callLater(s.scaled(3.0), loop::stop);
    loop.runForever();
    s.expectSame("thread that ran the callback", Thread.currentThread(), ranOn[0]);
  }

  @Scenario(id = "threads.threadsafe-many-threads", level = REQUIRED, apis = "call_soon_threadsafe",
      rule = "Callbacks from several threads all run, and each thread's callbacks run in the order it scheduled them.",
      reference = "test_events.EventLoopTestsMixin.test_call_soon_threadsafe")
  void threadsafeManyThreads(ScenarioContext s) {
    EventLoop loop = s.loop();
    int threads = 4;
    int each = 2000;
    Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
    int[] total = new int[1];
    for (int t = 0; t < threads; t++) {
      int id = t;
      seen.put(id, new ArrayList<>());
      s.thread("producer-" + t, () -> {
        for (int i = 0; i < each; i++) {
          int n = i;
          loop.callSoonThreadsafe(() -> {
            seen.get(id).add(n);
            if (++total[0] == threads * each) {
              loop.stop();
            }
          });
        }
      });
    }
    loop.callLater(s.scaled(4.0), loop::stop);
    loop.runForever();
    s.expectEquals("callbacks run", threads * each, total[0]);
    for (Map.Entry<Integer, List<Integer>> e : seen.entrySet()) {
      List<Integer> got = e.getValue();
      for (int i = 0; i < got.size(); i++) {
        if (got.get(i) != i) {
          throw s.failure("thread %d's callback #%d ran in position %d", e.getKey(), got.get(i), i);
        }
      }
    }
  }

  @Scenario(id = "threads.stop-from-other-thread", level = REQUIRED, apis = {"call_soon_threadsafe", "stop"},
      rule = "Another thread stops a running loop with call_soon_threadsafe(stop).",
      reference = "asyncio-eventloop: loop.stop (thread safety)")
  void stopFromOtherThread(ScenarioContext s) {
    EventLoop loop = s.loop();
    boolean[] seenRunning = new boolean[1];
    CountDownLatch running = new CountDownLatch(1);
    loop.callSoon(running::countDown);
    s.thread("stopper", () -> {
      s.await(running, "the loop starting");
      seenRunning[0] = loop.isRunning();
      loop.callSoonThreadsafe(loop::stop);
    });
    boolean[] guardFired = new boolean[1];
    loop.callLater(s.scaled(4.0), () -> {
      guardFired[0] = true;
      loop.stop();
    });
    loop.runForever();
    s.check(!guardFired[0], "the loop was still running %.1f s after another thread asked it to stop", s.scaled(4.0));
    s.check(seenRunning[0], "isRunning() seen from another thread was false while the loop ran");
  }

  @Scenario(id = "threads.wrap-future", level = REQUIRED, apis = {"wrap_future", "call_soon_threadsafe"},
      rule = "wrap_future completes the loop future on the loop thread with the result another thread produced.",
      reference = "test_futures.BaseFutureTests.test_wrap_future")
  void wrapFuture(ScenarioContext s) {
    EventLoop loop = s.loop();
    CompletableFuture<String> cf = new CompletableFuture<>();
    Thread[] callbackThread = new Thread[1];
    String got = s.run(() -> {
      Future<String> f = Async.wrapFuture(cf, loop);
      f.addDoneCallback(done -> callbackThread[0] = Thread.currentThread());
      s.thread("completer", () -> {
        Thread.sleep(10);
        cf.complete("from worker");
      });
      String v = Async.await(f);
      Async.sleep(0);
      return v;
    });
    s.expectEquals("result of the wrapped future", "from worker", got);
    s.expectSame("thread of the done callback", Thread.currentThread(), callbackThread[0]);
  }

  @Scenario(id = "threads.wrap-future-cancel", level = REQUIRED, apis = {"wrap_future", "Future.cancel"},
      rule = "Cancelling the future wrap_future returned cancels the wrapped concurrent future.",
      reference = "test_futures.BaseFutureTests.test_wrap_future_cancel")
  void wrapFutureCancel(ScenarioContext s) {
    EventLoop loop = s.loop();
    CompletableFuture<String> cf = new CompletableFuture<>();
    s.run(() -> {
      Future<String> f = Async.wrapFuture(cf, loop);
      f.cancel();
      Async.sleep(0);
      Async.sleep(0);
      return null;
    });
    s.check(cf.isCancelled(), "the CompletableFuture was not cancelled; it is %s", cf);
  }

  @Scenario(id = "threads.time-from-other-thread", level = REQUIRED, apis = "time",
      rule = "time called from another thread reads the same clock as the loop thread.",
      reference = "asyncio-eventloop: loop.time")
  void timeFromOtherThread(ScenarioContext s) throws InterruptedException {
    EventLoop loop = s.loop();
    double before = loop.time();
    double[] other = new double[1];
    s.thread("clock", () -> other[0] = loop.time()).join();
    double after = loop.time();
    s.check(other[0] >= before && other[0] <= after,
        "time() on another thread was %.6f, between loop-thread readings %.6f and %.6f", other[0], before, after);
  }

  @Scenario(id = "threads.result-delivered-while-blocked", level = REQUIRED,
      apis = {"call_soon_threadsafe", "Future.set_result", "await"}, budget = 10,
      rule = "A task awaiting a result another thread delivers through call_soon_threadsafe resumes while the loop has nothing else to do.",
      reference = "asyncio-dev: concurrency and multithreading")
  void resultDeliveredWhileBlocked(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    String got = s.run(() -> {
      Future<String> f = loop.createFuture();
      s.thread("producer", () -> {
        TimeUnit.MILLISECONDS.sleep(100);
        log.add("produced");
        loop.callSoonThreadsafe(() -> f.setResult("value"));
      });
      loop.callLater(s.scaled(4.0), () -> log.add("guard timer fired"));
      return Async.await(f);
    });
    s.expectEquals("result", "value", got);
    s.check(!log.contains("guard timer fired"), "the task resumed only after a guard timer fired: %s", log);
  }

  @Scenario(id = "threads.wrap-future-exception", level = REQUIRED, apis = {"wrap_future", "await"},
      rule = "wrap_future hands the exception another thread completed the concurrent future with to the awaiting task, as the very object.",
      reference = "test_futures.BaseFutureTests.test_wrap_future")
  void wrapFutureException(ScenarioContext s) {
    EventLoop loop = s.loop();
    CompletableFuture<String> cf = new CompletableFuture<>();
    IllegalStateException boom = new IllegalStateException("expected by the scenario");
    Object caught = s.run(() -> {
      Future<String> f = Async.wrapFuture(cf, loop);
      s.thread("failer", () -> cf.completeExceptionally(boom));
      try {
        Async.await(f);
        return "no exception";
      } catch (IllegalStateException e) {
        return e;
      }
    });
    s.expectSame("exception of the wrapped future", boom, caught);
  }

  @Scenario(id = "threads.wrap-future-source-cancelled", level = REQUIRED, apis = {"wrap_future", "await"},
      rule = "When another thread cancels the concurrent future, the future wrap_future returned ends cancelled.",
      reference = "test_futures.BaseFutureTests.test_wrap_future_cancel2")
  void wrapFutureSourceCancelled(ScenarioContext s) {
    EventLoop loop = s.loop();
    CompletableFuture<String> cf = new CompletableFuture<>();
    Object seen = s.run(() -> {
      Future<String> f = Async.wrapFuture(cf, loop);
      s.thread("canceller", () -> cf.cancel(false));
      try {
        Async.await(f);
        return "no exception";
      } catch (dev.jloop.CancelledException e) {
        return f.cancelled() ? "cancelled" : "CancelledException but the future is not cancelled";
      }
    });
    s.expectEquals("the wrapped future", "cancelled", seen);
  }

  @Scenario(id = "threads.threadsafe-racing-close", level = REQUIRED, apis = {"call_soon_threadsafe", "close"},
      rule = "call_soon_threadsafe racing with close either schedules the callback or raises IllegalStateException, and nothing hangs.",
      reference = "asyncio-eventloop: loop.call_soon_threadsafe (RuntimeError on a closed loop)")
  void threadsafeRacingClose(ScenarioContext s) throws InterruptedException {
    EventLoop loop = s.loop();
    List<Throwable> wrong = Collections.synchronizedList(new ArrayList<>());
    int[] refused = new int[1];
    CountDownLatch started = new CountDownLatch(1);
    Thread hammer = s.thread("hammer", () -> {
      started.countDown();
      while (true) {
        try {
          loop.callSoonThreadsafe(() -> { });
          Thread.yield();
        } catch (IllegalStateException closed) {
          refused[0]++;
          return;
        } catch (Throwable t) {
          wrong.add(t);
          return;
        }
      }
    });
    s.await(started, "the worker starting");
    s.runFor(0.02);
    loop.close();
    hammer.join((long) (s.scaled(3.0) * 1000));
    s.check(wrong.isEmpty(), "callSoonThreadsafe racing with close threw %s",
        wrong.isEmpty() ? "" : ScenarioContext.describe(wrong.get(0)));
    s.check(refused[0] == 1, "callSoonThreadsafe kept accepting callbacks %.1f s after close()", s.scaled(3.0));
  }
}
