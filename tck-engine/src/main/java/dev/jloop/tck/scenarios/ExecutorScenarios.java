package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;
import static dev.jloop.tck.Level.STRICT;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** run_in_executor and the default executor: jobs run off the loop thread, results come back on it. */
@Area(value = "executors", description = "run_in_executor: jobs run off the loop thread, results come back on it, and the default executor shuts down.")
public final class ExecutorScenarios {
  ExecutorScenarios() {}

  private static ExecutorService daemonPool(int threads, String name) {
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "jloop-tck-pool-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  private static void shutdown(ExecutorService ex) throws InterruptedException {
    ex.shutdownNow();
    ex.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Scenario(id = "executors.job-off-loop-thread", level = REQUIRED, apis = {"run_in_executor", "await"},
      rule = "run_in_executor runs the job on another thread than the loop's and delivers its result.",
      reference = "test_events.EventLoopTestsMixin.test_run_in_executor")
  void jobOffLoopThread(ScenarioContext s) {
    EventLoop loop = s.loop();
    Thread loopThread = Thread.currentThread();
    AtomicReference<Thread> caller = new AtomicReference<>();
    Thread jobThread = s.run(() -> {
      // The task body may run on a virtual thread of its own (one coroutine backend): the job
      // must run neither on the loop thread nor on the thread that called run_in_executor.
      caller.set(Thread.currentThread());
      return Async.await(loop.runInExecutor(null, Thread::currentThread));
    });
    s.check(jobThread != loopThread, "the executor job ran on the loop thread %s", loopThread.getName());
    s.check(jobThread != caller.get(), "the executor job ran on the loop thread's task thread %s (inline, not on an executor thread)",
        caller.get().getName());
  }

  @Scenario(id = "executors.result-set-on-loop-thread", level = REQUIRED,
      apis = {"run_in_executor", "Future.result"},
      rule = "The future of run_in_executor gets its result on the loop thread, not on the worker that ran the job.",
      reference = "asyncio-eventloop: loop.run_in_executor (wrap_future, call_soon_threadsafe)")
  void resultSetOnLoopThread(ScenarioContext s) {
    EventLoop loop = s.loop();
    AtomicReference<Future<Integer>> ref = new AtomicReference<>();
    CountDownLatch stored = new CountDownLatch(1);
    CountDownLatch checked = new CountDownLatch(1);
    AtomicBoolean doneOnWorker = new AtomicBoolean();
    AtomicBoolean loopGaveUp = new AtomicBoolean();
    Executor perJobThread = job -> s.thread("executor", () -> {
      s.await(stored, "runInExecutor returning");
      job.run();
      doneOnWorker.set(ref.get().done());
      checked.countDown();
    });
    loop.callSoon(() -> {
      ref.set(loop.runInExecutor(perJobThread, () -> 42));
      stored.countDown();
      try {
        loopGaveUp.set(!checked.await((long) (s.scaled(3.0) * 1000), TimeUnit.MILLISECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    s.runUntil(() -> ref.get() != null && ref.get().done(), 3.0, "the executor future completing");
    s.check(!loopGaveUp.get(), "the executor passed to runInExecutor did not run the job within %.1f s",
        s.scaled(3.0));
    s.check(!doneOnWorker.get(), "the future was already done on the worker right after the job returned,"
        + " while the loop thread was busy: its result was set off the loop thread");
    s.expectEquals("result", 42, ref.get().result());
  }

  @Scenario(id = "executors.job-waiting-for-loop", level = REQUIRED,
      apis = {"run_in_executor", "call_soon_threadsafe"},
      rule = "An executor job that waits for the loop to run a callback does not deadlock the loop.",
      reference = "asyncio-dev: running blocking code")
  void jobWaitingForLoop(ScenarioContext s) {
    EventLoop loop = s.loop();
    long waitMs = (long) (s.scaled(3.0) * 1000);
    String got = s.run(() -> Async.await(loop.runInExecutor(null, () -> {
      CountDownLatch answered = new CountDownLatch(1);
      loop.callSoonThreadsafe(answered::countDown);
      return answered.await(waitMs, TimeUnit.MILLISECONDS) ? "the loop ran the callback" : "the loop never ran it";
    })));
    s.expectEquals("what the job saw after scheduling a callback and waiting for it", "the loop ran the callback", got);
  }

  @Scenario(id = "executors.exception-propagates", level = REQUIRED, apis = {"run_in_executor", "await"},
      rule = "An exception thrown by an executor job is the exception of its future, as the very object.",
      reference = "test_events.EventLoopTestsMixin.test_run_in_executor")
  void exceptionPropagates(ScenarioContext s) {
    EventLoop loop = s.loop();
    IllegalStateException boom = new IllegalStateException("expected by the scenario");
    Object caught = s.run(() -> {
      try {
        Async.await(loop.runInExecutor(null, () -> {
          throw boom;
        }));
        return "no exception";
      } catch (IllegalStateException e) {
        return e;
      }
    });
    s.expectSame("exception of the executor future", boom, caught);
  }

  @Scenario(id = "executors.given-executor-used", level = REQUIRED, apis = "run_in_executor",
      rule = "run_in_executor with an executor runs the job on that executor.",
      reference = "test_events.EventLoopTestsMixin.test_run_in_executor")
  void givenExecutorUsed(ScenarioContext s) throws InterruptedException {
    EventLoop loop = s.loop();
    ExecutorService ex = daemonPool(1, "given");
    try {
      String name = s.run(() -> Async.await(loop.runInExecutor(ex, () -> Thread.currentThread().getName())));
      s.expectEquals("thread that ran the job", "jloop-tck-pool-given", name);
    } finally {
      shutdown(ex);
    }
  }

  @Scenario(id = "executors.set-default-executor", level = REQUIRED,
      apis = {"set_default_executor", "run_in_executor"},
      rule = "After set_default_executor, run_in_executor without an executor uses the one set.",
      reference = "test_base_events.BaseEventLoopTests.test_set_default_executor")
  void setDefaultExecutor(ScenarioContext s) throws InterruptedException {
    EventLoop loop = s.loop();
    ExecutorService ex = daemonPool(1, "default");
    try {
      loop.setDefaultExecutor(ex);
      String name = s.run(() -> Async.await(loop.runInExecutor(null, () -> Thread.currentThread().getName())));
      s.expectEquals("thread that ran the job", "jloop-tck-pool-default", name);
    } finally {
      shutdown(ex);
    }
  }

  @Scenario(id = "executors.many-jobs", level = REQUIRED, apis = {"run_in_executor", "await"},
      rule = "Many concurrent executor jobs each deliver their own result.",
      reference = "test_events.EventLoopTestsMixin.test_run_in_executor")
  void manyJobs(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Integer> got = s.run(() -> {
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        fs.add(loop.runInExecutor(null, () -> n * n));
      }
      List<Integer> out = new ArrayList<>();
      for (Future<Integer> f : fs) {
        out.add(Async.await(f));
      }
      return out;
    });
    for (int i = 0; i < 200; i++) {
      s.expectEquals("result of job " + i, i * i, got.get(i));
    }
  }

  @Scenario(id = "executors.cancel-before-start", level = REQUIRED,
      apis = {"run_in_executor", "Future.cancel"},
      rule = "Cancelling the future of a job that has not started yet keeps the job from running.",
      reference = "test_events.EventLoopTestsMixin.test_run_in_executor_cancel")
  void cancelBeforeStart(ScenarioContext s) throws InterruptedException {
    EventLoop loop = s.loop();
    ExecutorService ex = daemonPool(1, "cancel");
    AtomicBoolean secondRan = new AtomicBoolean();
    long waitMs = (long) (s.scaled(3.0) * 1000);
    try {
      s.run(() -> {
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> first = loop.runInExecutor(ex, () -> release.await(waitMs, TimeUnit.MILLISECONDS));
        Future<Object> second = loop.runInExecutor(ex, () -> {
          secondRan.set(true);
          return null;
        });
        second.cancel();
        Async.sleep(0);
        Async.sleep(0);
        release.countDown();
        return Async.await(first);
      });
      ex.shutdown();
      ex.awaitTermination(waitMs, TimeUnit.MILLISECONDS);
      s.check(!secondRan.get(), "a job whose future was cancelled before it started ran anyway");
    } finally {
      shutdown(ex);
    }
  }

  @Scenario(id = "executors.shutdown-default-executor", level = REQUIRED,
      apis = {"shutdown_default_executor", "run_in_executor"},
      rule = "shutdown_default_executor completes once the default executor's jobs are done, and the default executor then refuses jobs with IllegalStateException.",
      reference = "asyncio-eventloop: loop.shutdown_default_executor")
  void shutdownDefaultExecutor(ScenarioContext s) {
    EventLoop loop = s.loop();
    AtomicBoolean jobFinished = new AtomicBoolean();
    s.run(() -> {
      Future<Object> job = loop.runInExecutor(null, () -> {
        Thread.sleep(100);
        jobFinished.set(true);
        return null;
      });
      Async.await(loop.shutdownDefaultExecutor());
      s.check(jobFinished.get(), "shutdownDefaultExecutor completed while a job was still running");
      Async.await(job);
      return null;
    });
    s.expectThrows(IllegalStateException.class, "runInExecutor(null, ...) after shutdownDefaultExecutor",
        () -> loop.runInExecutor(null, () -> 1));
  }

  @Scenario(id = "executors.close-ends-default-executor", level = REQUIRED,
      apis = {"close", "run_in_executor"},
      rule = "Closing the loop shuts its default executor down, so its idle threads end.",
      reference = "test_base_events.BaseEventLoopTests.test_close")
  void closeEndsDefaultExecutor(ScenarioContext s) throws InterruptedException {
    EventLoop loop = s.loop();
    Thread worker = s.run(() -> Async.await(loop.runInExecutor(null, Thread::currentThread)));
    loop.close();
    worker.join((long) (s.scaled(3.0) * 1000));
    s.check(!worker.isAlive(), "the default executor's thread %s was still alive %.1f s after close()",
        worker.getName(), s.scaled(3.0));
  }

  @Scenario(id = "executors.done-callback-on-loop-thread", level = REQUIRED,
      apis = {"run_in_executor", "Future.add_done_callback"},
      rule = "Done callbacks of an executor future run on the loop thread.",
      reference = "asyncio-eventloop: loop.run_in_executor")
  void doneCallbackOnLoopThread(ScenarioContext s) {
    EventLoop loop = s.loop();
    Thread[] ranOn = new Thread[1];
    Future<Integer> f = loop.runInExecutor(null, () -> 1);
    f.addDoneCallback(done -> {
      ranOn[0] = Thread.currentThread();
      loop.stop();
    });
    loop.callLater(s.scaled(3.0), loop::stop);
    loop.runForever();
    s.expectSame("thread of the done callback", Thread.currentThread(), ranOn[0]);
  }

  @Scenario(id = "executors.before-run", level = REQUIRED, apis = {"run_in_executor", "run_until_complete"},
      rule = "A job submitted before the loop runs delivers its result once the loop runs.",
      reference = "asyncio-eventloop: loop.run_in_executor")
  void beforeRun(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<String> f = loop.runInExecutor(null, () -> "early");
    s.expectEquals("result", "early", loop.runUntilComplete(f));
  }

  @Scenario(id = "executors.checked-exception-unwrapped", level = STRICT, apis = {"run_in_executor", "await"},
      rule = "A checked exception thrown by an executor job is the future's exception as thrown, not wrapped.",
      reference = "jloop EventLoop.runInExecutor (asyncio has no checked exceptions; Java executors wrap them)")
  void checkedExceptionUnwrapped(ScenarioContext s) {
    EventLoop loop = s.loop();
    java.io.IOException boom = new java.io.IOException("expected by the scenario");
    Object caught = s.run(() -> {
      Future<Object> f = loop.runInExecutor(null, () -> {
        throw boom;
      });
      try {
        Async.await(f);
        return "no exception";
      } catch (Exception e) {
        return e;
      }
    });
    s.expectSame("exception of the executor future", boom, caught);
  }
}
