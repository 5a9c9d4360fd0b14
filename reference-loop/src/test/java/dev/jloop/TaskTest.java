package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Task}: scheduling, results and awaiting, on both coroutine backends (test_tasks.py). */
class TaskTest extends BackendTestBase {

  @Test
  void taskRunsOnTheSelectedBackend() {
    Task<String> t = loop.createTask(() -> "x");
    assertEquals(backend, t.backendName());
    assertEquals("x", loop.runUntilComplete(t));
  }

  @Test
  void anUnknownBackendNameIsRejectedAndChangesNothing() {
    assertThrows(IllegalArgumentException.class,
        () -> dev.jloop.internal.coro.CoroutineBackends.overrideForTesting("green-threads"));
    assertEquals(backend, loop.createTask(() -> null).backendName());
    run(() -> null);
  }

  @Test
  void taskStartsInTheNextPassNotInsideCreateTask() {
    List<String> log = new ArrayList<>();
    loop.callSoon(() -> log.add("before"));
    Task<Void> t = loop.createTask(() -> {
      log.add("body");
      return null;
    });
    loop.callSoon(() -> log.add("after"));
    assertEquals(List.of(), log, "the body ran inside createTask()");
    runOnePass();
    assertEquals(List.of("before", "body", "after"), log, "the first step is scheduled with callSoon");
    assertTrue(t.done());
  }

  @Test
  void resultAndExceptionOfTheBodyBecomeTheTasks() {
    assertEquals(42, run(() -> 42));
    IOException error = new IOException("checked");
    Task<Object> t = loop.createTask(() -> {
      throw error;
    });
    assertSame(error, assertThrows(IOException.class, () -> loop.runUntilComplete(t)));
    assertSame(error, t.exception());
    assertFalse(t.cancelled());
  }

  @Test
  void awaitOfADoneFutureReturnsWithoutSuspending() {
    // asyncio: Future.__await__ does not yield when the future is done.
    List<String> log = new ArrayList<>();
    Future<String> done = loop.createFuture();
    done.setResult("ready");
    run(() -> {
      loop.callSoon(() -> log.add("other callback"));
      log.add(Async.await(done));
      log.add("after await");
      return null;
    });
    assertEquals(List.of("ready", "after await", "other callback"), log);
  }

  @Test
  void awaitResumesInThePassAfterTheFutureCompletes() {
    List<String> log = new ArrayList<>();
    Future<String> f = loop.createFuture();
    Task<Void> t = loop.createTask(() -> {
      log.add("got " + Async.await(f));
      return null;
    });
    runOnePass(); // the task starts and suspends on f
    runOnePass();
    assertFalse(t.done());
    assertEquals(List.of(), log, "the task resumed before its future completed");
    f.setResult("v"); // schedules the task's wake-up with callSoon
    loop.callSoon(() -> log.add("scheduled after setResult"));
    runOnePass();
    assertTrue(t.done());
    assertEquals(List.of("got v", "scheduled after setResult"), log);
  }

  @Test
  void sleepZeroYieldsExactlyOnePassSoTasksInterleave() {
    List<String> log = new ArrayList<>();
    for (String name : List.of("a", "b")) {
      loop.createTask(() -> {
        for (int i = 0; i < 3; i++) {
          log.add(name + i);
          Async.sleep(0);
        }
        return null;
      });
    }
    run(() -> {
      Async.sleep(0.01);
      return null;
    });
    assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), log);
  }

  @Test
  void manyTasksTakeTurnsInCreationOrderPassAfterPass() {
    int tasks = 200;
    int rounds = 20;
    List<Integer> log = new ArrayList<>();
    List<Task<Integer>> all = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      int id = i;
      all.add(loop.createTask(() -> {
        for (int r = 0; r < rounds; r++) {
          log.add(id);
          Async.sleep(0);
        }
        return id;
      }));
    }
    List<Integer> results = loop.runUntilComplete(Async.gather(all));
    assertEquals(tasks, results.size());
    for (int i = 0; i < tasks * rounds; i++) {
      if (log.get(i) != i % tasks) {
        throw new AssertionError("step " + i + ": task " + log.get(i) + " ran, expected " + i % tasks);
      }
    }
  }

  @Test
  void sleepWaitsAtLeastItsDelay() {
    double slept = run(() -> {
      double t0 = loop.time();
      Async.sleep(0.05);
      return loop.time() - t0;
    });
    assertTrue(slept >= 0.05 - 1e-6, "sleep(0.05) returned after " + slept + " s");
    assertThrows(IllegalArgumentException.class, () -> run(() -> {
      Async.sleep(Double.NaN);
      return null;
    }));
  }

  @Test
  void suspendingCallsOutsideATaskThrowIllegalState() {
    Future<String> f = loop.createFuture();
    assertThrows(IllegalStateException.class, () -> Async.await(f));
    assertThrows(IllegalStateException.class, () -> Async.sleep(0));
    assertThrows(NullPointerException.class, () -> run(() -> Async.await(null)));
  }

  @Test
  void awaitingAFutureOfAnotherLoopThrowsIllegalStateInTheBody() {
    // asyncio: "Task got Future attached to a different loop" (RuntimeError).
    try (dev.jloop.reference.SelectorEventLoop other = new dev.jloop.reference.SelectorEventLoop()) {
      Future<String> foreign = other.createFuture();
      Task<Void> t = loop.createTask(() -> {
        Async.await(foreign);
        return null;
      });
      assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
      assertTrue(t.exception() instanceof IllegalStateException);
      assertFalse(foreign.done());
    }
  }

  @Test
  void awaitingItselfThrowsIllegalStateInTheBody() {
    // asyncio: "Task cannot await on itself" (RuntimeError).
    String outcome = run(() -> {
      try {
        Async.await(Async.currentTask());
        return "awaited itself";
      } catch (IllegalStateException expected) {
        return "refused";
      }
    });
    assertEquals("refused", outcome);
  }

  @Test
  void setResultAndSetExceptionAreRefused() {
    Task<String> t = loop.createTask(() -> "x");
    assertThrows(IllegalStateException.class, () -> t.setResult("y"));
    assertThrows(IllegalStateException.class, () -> t.setException(new IOException()));
    assertEquals("x", loop.runUntilComplete(t));
  }

  @Test
  void currentTaskIsTheRunningTaskAndNullOutside() {
    assertNull(Async.currentTask());
    List<Task<?>> seen = new ArrayList<>();
    Task<Void> t = loop.createTask(() -> {
      seen.add(Async.currentTask());
      Async.sleep(0);
      seen.add(Async.currentTask());
      return null;
    });
    loop.callSoon(() -> seen.add(Async.currentTask()));
    loop.runUntilComplete(t);
    assertEquals(3, seen.size());
    assertSame(t, seen.get(0));
    assertNull(seen.get(1), "a plain callback saw a current task");
    assertSame(t, seen.get(2));
    assertNull(Async.currentTask());
  }

  @Test
  void allTasksListsThePendingTasksOfTheLoop() {
    Future<Void> gate = loop.createFuture();
    Task<Void> waiting = loop.createTask(() -> Async.await(gate));
    Task<Void> quick = loop.createTask(() -> null);
    run(() -> {
      java.util.Set<Task<?>> all = Async.allTasks();
      assertTrue(all.contains(waiting));
      assertTrue(all.contains(Async.currentTask()));
      assertFalse(all.contains(quick), "a done task is listed");
      assertEquals(all, Async.allTasks(loop));
      return null;
    });
    gate.setResult(null);
    loop.runUntilComplete(waiting);
    assertTrue(Task.allTasks(loop).isEmpty());
    assertThrows(IllegalStateException.class, Async::allTasks, "no running loop");
  }

  @Test
  void namesAreGeneratedOrGiven() {
    Task<Void> generated = loop.createTask(() -> null);
    assertTrue(generated.getName().matches("Task-\\d+"), generated.getName());
    Task<Void> named = loop.createTask(() -> null, "worker");
    assertEquals("worker", named.getName());
    named.setName("renamed");
    assertEquals("renamed", named.getName());
    assertThrows(NullPointerException.class, () -> named.setName(null));
    assertTrue(named.toString().contains("renamed"));
    Coroutine<Void> body = () -> null;
    assertSame(body, loop.createTask(body).getCoro());
    run(() -> null);
  }

  @Test
  void createTaskGoesThroughTheTaskFactory() {
    List<String> made = new ArrayList<>();
    loop.setTaskFactory(new TaskFactory() {
      @Override
      public <T> Task<T> create(EventLoop l, Coroutine<T> coroutine, String name) {
        made.add(name);
        return new Task<>(l, coroutine, "factory-" + name);
      }
    });
    assertEquals("factory-x", loop.createTask(() -> 1, "x").getName());
    assertEquals("inner", run(() -> Async.await(loop.createTask(() -> "inner", "y"))));
    assertEquals(java.util.Arrays.asList("x", null, "y"), made);
    loop.setTaskFactory(null);
    assertNull(loop.getTaskFactory());
    assertEquals("plain", loop.createTask(() -> null, "plain").getName());
    run(() -> null);
  }

  @Test
  void ensureFutureWrapsACoroutineAndPassesAFutureThrough() {
    // asyncio: ensure_future(coro) -> a task; ensure_future(fut, loop=other) -> ValueError.
    Task<String> t = run(() -> Async.ensureFuture(() -> "wrapped"));
    assertEquals("wrapped", loop.runUntilComplete(t));
    Future<String> f = loop.createFuture();
    assertSame(f, Async.ensureFuture(f, loop));
    assertThrows(IllegalStateException.class, () -> Async.ensureFuture(() -> 1), "no running loop");
    try (dev.jloop.reference.SelectorEventLoop other = new dev.jloop.reference.SelectorEventLoop()) {
      assertThrows(IllegalArgumentException.class, () -> Async.ensureFuture(f, other));
    }
    assertThrows(NullPointerException.class, () -> Async.ensureFuture((Coroutine<String>) null));
  }

  @Test
  void createTaskChecksItsArguments() {
    assertThrows(NullPointerException.class, () -> loop.createTask(null));
    loop.close();
    assertThrows(IllegalStateException.class, () -> loop.createTask(() -> null));
  }
}
