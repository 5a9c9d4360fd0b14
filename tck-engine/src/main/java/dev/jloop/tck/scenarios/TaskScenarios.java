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

/** asyncio.Task on the loop under test: start, await, resume; the cancellation protocol is in {@link CancelScenarios}. */
@Area(value = "tasks", description = "Tasks: when they start, how await suspends and resumes them, names, factories and the current task.")
public final class TaskScenarios {
  TaskScenarios() {}

  @Scenario(id = "tasks.start-next-pass", level = REQUIRED, apis = {"create_task", "call_soon"},
      rule = "A new task starts in a later pass, after the callbacks already scheduled.",
      reference = "test_tasks.BaseTaskTests.test_task_basics")
  void startNextPass(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> ran.add("A"));
    Task<Object> t = loop.createTask(() -> {
      ran.add("body");
      return null;
    });
    ran.add("createTask returned");
    loop.callSoon(() -> ran.add("B"));
    loop.runUntilComplete(t);
    s.expectOrder("events", List.of("createTask returned", "A", "body", "B"), ran);
  }

  @Scenario(id = "tasks.result-and-exception", level = REQUIRED, apis = {"create_task", "Future.result"},
      rule = "A task's result is what its body returns and its exception is what its body throws.",
      reference = "test_tasks.BaseTaskTests.test_task_basics")
  void resultAndException(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<String> ok = loop.createTask(() -> "fine");
    IllegalStateException boom = new IllegalStateException("boom");
    Task<String> bad = loop.createTask(() -> {
      throw boom;
    });
    loop.runUntilComplete(ok);
    s.expectThrows(IllegalStateException.class, "runUntilComplete(failing task)", () -> loop.runUntilComplete(bad));
    s.expectEquals("result of the task", "fine", ok.result());
    s.expectSame("exception of the task", boom, bad.exception());
  }

  @Scenario(id = "tasks.await-resumes-with-result", level = REQUIRED, apis = {"await", "call_later"},
      rule = "await suspends the task until the future is done and returns the future's result.",
      reference = "asyncio-task: awaitables")
  void awaitResumesWithResult(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<String> f = loop.createFuture();
    loop.callLater(0.01, () -> f.setResult("value"));
    s.expectEquals("await(future) in a task", "value", s.run(() -> Async.await(f)));
  }

  @Scenario(id = "tasks.resume-after-completing-callback", level = REQUIRED,
      apis = {"await", "Future.set_result"},
      rule = "A task awaiting a future resumes in a later pass, never inside the call that completes the future.",
      reference = "test_tasks.BaseTaskTests.test_step_result_future")
  void resumeAfterCompletingCallback(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> log = new ArrayList<>();
    Future<Integer> f = loop.createFuture();
    Task<Object> t = loop.createTask(() -> {
      log.add("waiting");
      loop.callSoon(() -> {
        f.setResult(1);
        log.add("setResult returned");
      });
      Async.await(f);
      log.add("resumed");
      return null;
    });
    loop.runUntilComplete(t);
    s.expectOrder("events", List.of("waiting", "setResult returned", "resumed"), log);
  }

  @Scenario(id = "tasks.await-done-future-does-not-yield", level = REQUIRED, apis = {"await", "call_soon"},
      rule = "Awaiting a future that is already done returns at once without giving other callbacks a turn.",
      reference = "asyncio-future: Future.__await__")
  void awaitDoneFutureDoesNotYield(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> log = new ArrayList<>();
    Future<String> done = loop.createFuture();
    done.setResult("x");
    s.run(() -> {
      loop.callSoon(() -> log.add("other callback"));
      log.add("before await");
      Async.await(done);
      log.add("after await");
      return null;
    });
    s.expectOrder("events", List.of("before await", "after await", "other callback"), log);
  }

  @Scenario(id = "tasks.await-rethrows-same-exception", level = REQUIRED, apis = {"await", "Future.set_exception"},
      rule = "Awaiting a future that fails throws the future's very exception into the task.",
      reference = "asyncio-future: Future.result (the exception propagates)")
  void awaitRethrowsSameException(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<String> f = loop.createFuture();
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    loop.callLater(0.005, () -> f.setException(boom));
    Object caught = s.run(() -> {
      try {
        Async.await(f);
        return "no exception";
      } catch (IllegalArgumentException e) {
        return e;
      }
    });
    s.expectSame("exception thrown by await", boom, caught);
  }

  @Scenario(id = "tasks.sleep-zero-interleaves", level = REQUIRED, apis = {"sleep", "create_task"},
      rule = "sleep(0) yields exactly one pass, so two tasks that sleep(0) in a loop alternate.",
      reference = "test_tasks.BaseTaskTests.test_current_task_with_interleaving_tasks")
  void sleepZeroInterleaves(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> log = new ArrayList<>();
    Task<Object> a = loop.createTask(() -> {
      for (int i = 0; i < 3; i++) {
        log.add("A" + i);
        Async.sleep(0);
      }
      return null;
    });
    Task<Object> b = loop.createTask(() -> {
      for (int i = 0; i < 3; i++) {
        log.add("B" + i);
        Async.sleep(0);
      }
      return null;
    });
    loop.runUntilComplete(a);
    loop.runUntilComplete(b);
    s.expectOrder("steps of two tasks", List.of("A0", "B0", "A1", "B1", "A2", "B2"), log);
  }

  @Scenario(id = "tasks.sleep-never-early", level = REQUIRED, apis = {"sleep", "time"},
      rule = "sleep resumes the task no earlier than the delay on the loop clock.",
      reference = "test_tasks.BaseTaskTests.test_sleep")
  void sleepNeverEarly(ScenarioContext s) {
    EventLoop loop = s.loop();
    double slept = s.run(() -> {
      double t0 = loop.time();
      Async.sleep(0.05);
      return loop.time() - t0;
    });
    s.check(slept >= 0.05 - TimerScenarios.EARLY_TOLERANCE, "sleep(0.05) returned after %.4f s", slept);
  }

  @Scenario(id = "tasks.current-task", level = REQUIRED, apis = {"current_task", "create_task"},
      rule = "current_task is the running task inside its body and null outside any task.",
      reference = "test_tasks.BaseTaskTests.test_current_task")
  void currentTask(ScenarioContext s) {
    EventLoop loop = s.loop();
    Object[] inside = new Object[2];
    Task<?>[] task = new Task<?>[1];
    task[0] = loop.createTask(() -> {
      inside[0] = Async.currentTask();
      Async.sleep(0);
      inside[1] = Async.currentTask();
      return null;
    });
    Object[] inCallback = {"not run"};
    loop.callSoon(() -> inCallback[0] = Async.currentTask());
    loop.runUntilComplete(task[0]);
    s.expectSame("Async.currentTask() in the body", task[0], inside[0]);
    s.expectSame("Async.currentTask() in the body after a sleep(0)", task[0], inside[1]);
    s.expectEquals("Async.currentTask() in a plain callback", null, inCallback[0]);
    s.expectEquals("Async.currentTask() outside the loop", null, Async.currentTask());
  }

  @Scenario(id = "tasks.all-tasks", level = REQUIRED, apis = {"all_tasks", "create_task"},
      rule = "all_tasks lists the loop's pending tasks and not the finished ones.",
      reference = "asyncio-task: asyncio.all_tasks")
  void allTasks(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<Object> gate = loop.createFuture();
    Task<Object> waiting = loop.createTask(() -> Async.await(gate));
    Task<Object> quick = loop.createTask(() -> null);
    Object[] seen = new Object[1];
    s.run(() -> {
      Async.sleep(0);
      seen[0] = Async.allTasks();
      return null;
    });
    java.util.Set<?> all = (java.util.Set<?>) seen[0];
    s.check(all.contains(waiting) && !all.contains(quick),
        "Async.allTasks() = %s; expected it to hold the waiting task and not the finished one", all);
    gate.setResult(null);
    loop.runUntilComplete(waiting);
    s.check(!Async.allTasks(loop).contains(waiting), "Async.allTasks(loop) still lists a finished task");
  }

  @Scenario(id = "tasks.await-itself-rejected", level = REQUIRED, apis = {"await", "create_task"},
      rule = "A task that awaits itself gets IllegalStateException at that await.",
      reference = "test_tasks.BaseTaskTests.test_task_awaits_on_itself")
  void awaitItselfRejected(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<?>[] self = new Task<?>[1];
    Task<Object> t = loop.createTask(() -> {
      try {
        Async.await(self[0]);
        return "no exception";
      } catch (IllegalStateException e) {
        return e;
      }
    });
    self[0] = t;
    Object seen = loop.runUntilComplete(t);
    s.check(seen instanceof IllegalStateException,
        "a task awaiting itself: expected IllegalStateException, observed %s", ScenarioContext.describe(seen));
  }

  @Scenario(id = "tasks.await-other-loop-rejected", level = REQUIRED, apis = {"await", "create_future"},
      rule = "A task that awaits a future of another loop gets IllegalStateException at that await.",
      reference = "test_tasks.BaseTaskTests.test_other_loop_future")
  void awaitOtherLoopRejected(ScenarioContext s) {
    Future<Object> foreign = s.newLoop().createFuture();
    Object seen = s.run(() -> {
      try {
        Async.await(foreign);
        return "no exception";
      } catch (IllegalStateException e) {
        return e;
      }
    });
    s.check(seen instanceof IllegalStateException,
        "awaiting a future of another loop: expected IllegalStateException, observed %s", ScenarioContext.describe(seen));
  }

  @Scenario(id = "tasks.name", level = REQUIRED, apis = {"create_task", "Task.get_name", "Task.set_name"},
      rule = "A task has the name given to create_task, or a generated name distinct from other tasks'.",
      reference = "test_base_events.BaseEventLoopTests.test_create_named_task_with_default_factory")
  void name(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<Object> named = loop.createTask(() -> null, "worker");
    Task<Object> a = loop.createTask(() -> null);
    Task<Object> b = loop.createTask(() -> null);
    s.expectEquals("getName() of a named task", "worker", named.getName());
    s.check(a.getName() != null && !a.getName().equals(b.getName()),
        "generated names must differ: %s and %s", a.getName(), b.getName());
    named.setName("renamed");
    s.expectEquals("getName() after setName", "renamed", named.getName());
    loop.runUntilComplete(b);
  }

  @Scenario(id = "tasks.set-result-rejected", level = REQUIRED, apis = {"Future.set_result", "Future.set_exception"},
      rule = "set_result and set_exception on a task raise IllegalStateException.",
      reference = "test_tasks.BaseTaskTests.test_task_set_methods")
  void setResultRejected(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<String> t = loop.createTask(() -> "x");
    s.expectThrows(IllegalStateException.class, "Task.setResult", () -> t.setResult("y"));
    s.expectThrows(IllegalStateException.class, "Task.setException", () -> t.setException(new RuntimeException()));
    s.expectEquals("result of the task", "x", loop.runUntilComplete(t));
  }

  @Scenario(id = "tasks.task-factory", level = REQUIRED,
      apis = {"set_task_factory", "get_task_factory", "create_task"},
      rule = "create_task goes through the task factory while one is set, and set_task_factory(None) restores the default.",
      reference = "test_base_events.BaseEventLoopTests.test_set_task_factory")
  void taskFactory(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> made = new ArrayList<>();
    dev.jloop.TaskFactory factory = new dev.jloop.TaskFactory() {
      @Override
      public <T> Task<T> create(EventLoop l, dev.jloop.Coroutine<T> c, String name) {
        made.add(name);
        return new Task<>(l, c, name);
      }
    };
    loop.setTaskFactory(factory);
    s.expectSame("getTaskFactory()", factory, loop.getTaskFactory());
    Task<Integer> t = loop.createTask(() -> 5, "via-factory");
    s.expectEquals("result of a task made by the factory", 5, loop.runUntilComplete(t));
    loop.setTaskFactory(null);
    s.expectEquals("getTaskFactory() after setTaskFactory(null)", null, loop.getTaskFactory());
    loop.runUntilComplete(loop.createTask(() -> 6, "default"));
    s.expectOrder("names of the tasks the factory made", List.of("via-factory"), made);
  }

  @Scenario(id = "tasks.done-callback-after-finish", level = REQUIRED,
      apis = {"create_task", "Future.add_done_callback"},
      rule = "A task's done callbacks run in a pass after the task finished, with the task done.",
      reference = "asyncio-task: Task.add_done_callback")
  void doneCallbackAfterFinish(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> log = new ArrayList<>();
    Task<String> t = loop.createTask(() -> {
      log.add("body");
      return "r";
    });
    t.addDoneCallback(f -> log.add("callback done=" + f.done() + " result=" + f.result()));
    loop.runUntilComplete(t);
    loop.callSoon(loop::stop);
    loop.runForever();
    s.expectOrder("events", List.of("body", "callback done=true result=r"), log);
  }

  @Scenario(id = "tasks.get-coro", level = REQUIRED, apis = {"create_task", "Task.get_coro"},
      rule = "get_coro returns the coroutine the task was created with.",
      reference = "test_tasks.BaseTaskTests.test_get_coro")
  void getCoro(ScenarioContext s) {
    dev.jloop.Coroutine<String> c = () -> "c";
    Task<String> t = s.loop().createTask(c);
    s.expectSame("getCoro()", c, t.getCoro());
    s.loop().runUntilComplete(t);
  }

  @Scenario(id = "tasks.awaited-future-cancelled", level = REQUIRED, apis = {"await", "Future.cancel"},
      rule = "Cancelling the future a task awaits raises CancelledException at the task's await, and the task may go on.",
      reference = "test_tasks.BaseTaskTests.test_task_cancel_waiter_future")
  void awaitedFutureCancelled(ScenarioContext s) {
    EventLoop loop = s.loop();
    Future<String> f = loop.createFuture();
    String got = s.run(() -> {
      loop.callSoon(f::cancel);
      try {
        return Async.await(f);
      } catch (dev.jloop.CancelledException e) {
        return "caught";
      }
    });
    s.expectEquals("what the task saw", "caught", got);
  }

  @Scenario(id = "tasks.await-failing-task", level = REQUIRED, apis = {"await", "create_task"},
      rule = "Awaiting a task that fails throws that task's very exception in the awaiting task.",
      reference = "asyncio-task: awaitables (tasks)")
  void awaitFailingTask(ScenarioContext s) {
    EventLoop loop = s.loop();
    IllegalStateException boom = new IllegalStateException("expected by the scenario");
    Object caught = s.run(() -> {
      Task<Object> failing = loop.createTask(() -> {
        Async.sleep(0);
        throw boom;
      });
      try {
        Async.await(failing);
        return "no exception";
      } catch (IllegalStateException e) {
        return e;
      }
    });
    s.expectSame("exception seen by the awaiting task", boom, caught);
  }

  @Scenario(id = "tasks.many-tasks", level = REQUIRED, apis = {"create_task", "sleep"},
      rule = "A thousand tasks that yield repeatedly all finish with their own results.",
      reference = "asyncio-task: creating tasks")
  void manyTasks(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Integer> results = s.run(() -> {
      List<Task<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        int n = i;
        tasks.add(loop.createTask(() -> {
          for (int k = 0; k < 3; k++) {
            Async.sleep(0);
          }
          return n;
        }));
      }
      List<Integer> out = new ArrayList<>();
      for (Task<Integer> t : tasks) {
        out.add(Async.await(t));
      }
      return out;
    });
    s.expectOrder("results of 1000 tasks", java.util.stream.IntStream.range(0, 1000).boxed().toList(), results);
  }

  @Scenario(id = "tasks.pending-result-rejected", level = REQUIRED, apis = {"Future.result", "Future.exception"},
      rule = "Asking a pending task for its result or exception raises InvalidStateException.",
      reference = "test_futures.BaseFutureTests.test_initial_state")
  void pendingResultRejected(ScenarioContext s) {
    EventLoop loop = s.loop();
    Task<Object> t = loop.createTask(() -> Async.await(loop.createFuture()));
    s.expectThrows(dev.jloop.InvalidStateException.class, "result() of a pending task", t::result);
    s.expectThrows(dev.jloop.InvalidStateException.class, "exception() of a pending task", t::exception);
    t.cancel();
    s.expectThrows(dev.jloop.CancelledException.class, "runUntilComplete(cancelled task)", () -> loop.runUntilComplete(t));
  }
}
