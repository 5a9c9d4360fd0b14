package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.EventLoop;
import dev.jloop.ExceptionGroup;
import dev.jloop.Task;
import dev.jloop.TaskGroup;
import dev.jloop.sync.Barrier;
import dev.jloop.sync.BoundedSemaphore;
import dev.jloop.sync.Condition;
import dev.jloop.sync.Event;
import dev.jloop.sync.LifoQueue;
import dev.jloop.sync.Lock;
import dev.jloop.sync.PriorityQueue;
import dev.jloop.sync.Queue;
import dev.jloop.sync.QueueEmptyException;
import dev.jloop.sync.QueueFullException;
import dev.jloop.sync.Semaphore;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.util.ArrayList;
import java.util.List;

/**
 * asyncio's synchronization primitives, queues and task groups on the loop under test. They are
 * shared code; their fairness and wake-ups rest on the loop running callbacks in FIFO order.
 */
@Area(value = "sync", description = "Locks, events, semaphores, conditions, queues, barriers and task groups, which rest on the loop's FIFO callbacks.")
public final class SyncScenarios {
  SyncScenarios() {}

  /** Starts {@code n} tasks that each run {@code body} with their index. */
  private static List<Task<Object>> start(EventLoop loop, int n, IndexedBody body) {
    List<Task<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      tasks.add(loop.createTask(() -> {
        body.run(index);
        return null;
      }));
    }
    return tasks;
  }

  /** A task body given its index. */
  @FunctionalInterface
  private interface IndexedBody {
    void run(int index) throws Exception;
  }

  private static void awaitAll(List<Task<Object>> tasks) {
    for (Task<Object> t : tasks) {
      Async.await(t);
    }
  }

  @Scenario(id = "sync.lock-fifo", level = REQUIRED, apis = {"Lock.acquire", "Lock.release"},
      rule = "Tasks waiting for a Lock get it in the order they asked for it.",
      reference = "test_locks.LockTests.test_acquire")
  void lockFifo(ScenarioContext s) {
    EventLoop loop = s.loop();
    Lock lock = new Lock();
    List<Integer> order = new ArrayList<>();
    s.run(() -> {
      lock.acquire();
      List<Task<Object>> tasks = start(loop, 5, i -> lock.withLock(() -> order.add(i)));
      Async.sleep(0.01);
      lock.release();
      awaitAll(tasks);
      return null;
    });
    s.expectOrder("order the waiters got the lock", List.of(0, 1, 2, 3, 4), order);
  }

  @Scenario(id = "sync.lock-cancelled-waiter", level = REQUIRED, apis = {"Lock.acquire", "Task.cancel"},
      rule = "A task cancelled while waiting for a Lock does not get it, and the next waiter does.",
      reference = "test_locks.LockTests.test_acquire_cancel; test_locks.LockTests.test_finished_waiter_cancelled")
  void lockCancelledWaiter(ScenarioContext s) {
    EventLoop loop = s.loop();
    Lock lock = new Lock();
    List<String> log = new ArrayList<>();
    s.run(() -> {
      lock.acquire();
      Task<Object> first = loop.createTask(() -> {
        try {
          return lock.withLock(() -> log.add("first got it"));
        } catch (CancelledException e) {
          log.add("first cancelled");
          throw e;
        }
      });
      Task<Object> second = loop.createTask(() -> lock.withLock(() -> log.add("second got it")));
      Async.sleep(0);
      first.cancel();
      lock.release();
      Async.await(second);
      return null;
    });
    s.expectOrder("events", List.of("first cancelled", "second got it"), log);
    s.check(!lock.locked(), "the lock is still held after every task finished");
  }

  @Scenario(id = "sync.lock-release-unlocked", level = REQUIRED, apis = "Lock.release",
      rule = "Releasing a Lock that is not held raises IllegalStateException.",
      reference = "test_locks.LockTests.test_release_not_acquired")
  void lockReleaseUnlocked(ScenarioContext s) {
    s.loop();
    Lock lock = new Lock();
    s.expectThrows(IllegalStateException.class, "Lock.release() of a free lock", lock::release);
  }

  @Scenario(id = "sync.event-wakes-all", level = REQUIRED, apis = {"Event.wait", "Event.set"},
      rule = "Event.set wakes every task waiting on the event, in the order they started waiting.",
      reference = "test_locks.EventTests.test_wait")
  void eventWakesAll(ScenarioContext s) {
    EventLoop loop = s.loop();
    Event event = new Event();
    List<Integer> woke = new ArrayList<>();
    s.run(() -> {
      List<Task<Object>> tasks = start(loop, 4, i -> {
        event.await();
        woke.add(i);
      });
      Async.sleep(0.01);
      s.check(woke.isEmpty(), "tasks passed Event.wait before set(): %s", woke);
      event.set();
      awaitAll(tasks);
      return null;
    });
    s.expectOrder("tasks woken by set()", List.of(0, 1, 2, 3), woke);
  }

  @Scenario(id = "sync.event-set-and-clear", level = REQUIRED, apis = {"Event.wait", "Event.set", "Event.clear"},
      rule = "Waiting on a set Event returns at once, and after clear it waits again.",
      reference = "test_locks.EventTests.test_wait_on_set; test_locks.EventTests.test_clear")
  void eventSetAndClear(ScenarioContext s) {
    EventLoop loop = s.loop();
    Event event = new Event();
    List<String> log = new ArrayList<>();
    s.run(() -> {
      event.set();
      event.await();
      log.add("passed a set event");
      event.clear();
      Task<Object> waiter = loop.createTask(() -> {
        event.await();
        log.add("woken after clear and set");
        return null;
      });
      Async.sleep(0.01);
      log.add("still waiting: " + !waiter.done());
      event.set();
      Async.await(waiter);
      return null;
    });
    s.expectOrder("events", List.of("passed a set event", "still waiting: true", "woken after clear and set"), log);
  }

  @Scenario(id = "sync.semaphore-bounds-holders", level = REQUIRED, apis = {"Semaphore.acquire", "Semaphore.release"},
      rule = "A Semaphore of value n never lets more than n tasks hold it, and lets them in first come, first served.",
      reference = "test_locks.SemaphoreTests.test_semaphore; test_locks.SemaphoreTests.test_acquire_fifo_order")
  void semaphoreBoundsHolders(ScenarioContext s) {
    EventLoop loop = s.loop();
    Semaphore sem = new Semaphore(2);
    int[] inside = new int[2];
    List<Integer> entered = new ArrayList<>();
    s.run(() -> {
      awaitAll(start(loop, 6, i -> sem.withPermit(() -> {
        entered.add(i);
        inside[0]++;
        inside[1] = Math.max(inside[1], inside[0]);
        Async.sleep(0.002);
        inside[0]--;
        return null;
      })));
      return null;
    });
    s.expectEquals("most tasks holding the semaphore at once", 2, inside[1]);
    s.expectOrder("order tasks got a permit", List.of(0, 1, 2, 3, 4, 5), entered);
  }

  @Scenario(id = "sync.bounded-semaphore-over-release", level = REQUIRED, apis = "BoundedSemaphore.release",
      rule = "Releasing a BoundedSemaphore more times than it was acquired raises IllegalStateException.",
      reference = "test_locks.SemaphoreTests.test_release_not_acquired")
  void boundedSemaphoreOverRelease(ScenarioContext s) {
    BoundedSemaphore sem = new BoundedSemaphore(1);
    s.expectThrows(IllegalStateException.class, "BoundedSemaphore(1).release() with every permit free", sem::release);
  }

  @Scenario(id = "sync.condition-notify", level = REQUIRED, apis = {"Condition.wait", "Condition.notify"},
      rule = "Condition.notify(n) wakes the n longest-waiting tasks, each holding the lock again when it wakes.",
      reference = "test_locks.ConditionTests.test_notify; test_locks.ConditionTests.test_wait")
  void conditionNotify(ScenarioContext s) {
    EventLoop loop = s.loop();
    Condition cond = new Condition();
    List<String> woke = new ArrayList<>();
    s.run(() -> {
      List<Task<Object>> tasks = start(loop, 3, i -> cond.withLock(() -> {
        cond.await();
        woke.add(i + (cond.locked() ? " holding the lock" : " without the lock"));
        return null;
      }));
      Async.sleep(0.01);
      cond.withLock(() -> {
        cond.notify(2);
        return null;
      });
      Async.sleep(0.01);
      s.check(woke.size() == 2, "notify(2) woke %d tasks: %s", woke.size(), woke);
      cond.withLock(() -> {
        cond.notifyAllWaiters();
        return null;
      });
      awaitAll(tasks);
      return null;
    });
    s.expectOrder("tasks woken", List.of("0 holding the lock", "1 holding the lock", "2 holding the lock"), woke);
  }

  @Scenario(id = "sync.condition-wait-for", level = REQUIRED, apis = {"Condition.wait_for", "Condition.notify_all"},
      rule = "Condition.wait_for returns only once its predicate holds after a notification.",
      reference = "test_locks.ConditionTests.test_wait_for")
  void conditionWaitFor(ScenarioContext s) {
    EventLoop loop = s.loop();
    Condition cond = new Condition();
    int[] value = new int[1];
    int[] seen = {-1};
    s.run(() -> {
      Task<Object> waiter = loop.createTask(() -> cond.withLock(() -> {
        cond.waitFor(() -> value[0] == 3);
        seen[0] = value[0];
        return null;
      }));
      for (int i = 1; i <= 3; i++) {
        Async.sleep(0.002);
        int v = i;
        cond.withLock(() -> {
          value[0] = v;
          cond.notifyAllWaiters();
          return null;
        });
      }
      Async.await(waiter);
      return null;
    });
    s.expectEquals("value the waiter saw when waitFor returned", 3, seen[0]);
  }

  @Scenario(id = "sync.queue-get-waits", level = REQUIRED, apis = {"Queue.get", "Queue.put"},
      rule = "Queue.get on an empty queue waits for a put, and items come out in the order they went in.",
      reference = "test_queues.QueueGetTests.test_blocking_get_wait; test_queues.QueueBasicTests.test_order")
  void queueGetWaits(ScenarioContext s) {
    EventLoop loop = s.loop();
    Queue<Integer> q = new Queue<>();
    List<Integer> got = s.run(() -> {
      Task<List<Integer>> consumer = loop.createTask(() -> {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          out.add(q.get());
        }
        return out;
      });
      for (int i = 0; i < 4; i++) {
        Async.sleep(0.002);
        q.put(i);
      }
      return Async.await(consumer);
    });
    s.expectOrder("items received", List.of(0, 1, 2, 3), got);
  }

  @Scenario(id = "sync.queue-put-waits-when-full", level = REQUIRED, apis = {"Queue.put", "Queue.get"},
      rule = "Queue.put on a full bounded queue waits until a get makes room.",
      reference = "test_queues.QueuePutTests.test_blocking_put_wait")
  void queuePutWaitsWhenFull(ScenarioContext s) {
    EventLoop loop = s.loop();
    Queue<String> q = new Queue<>(1);
    List<String> log = new ArrayList<>();
    s.run(() -> {
      q.put("a");
      Task<Object> producer = loop.createTask(() -> {
        q.put("b");
        log.add("put b returned");
        return null;
      });
      Async.sleep(0.01);
      log.add("got " + q.get());
      Async.await(producer);
      log.add("got " + q.get());
      return null;
    });
    s.expectOrder("events", List.of("got a", "put b returned", "got b"), log);
  }

  @Scenario(id = "sync.queue-nowait-errors", level = REQUIRED, apis = {"Queue.get_nowait", "Queue.put_nowait"},
      rule = "get_nowait on an empty queue and put_nowait on a full one raise QueueEmpty and QueueFull.",
      reference = "test_queues.QueueGetTests.test_nonblocking_get_exception; test_queues.QueuePutTests.test_nonblocking_put_exception")
  void queueNowaitErrors(ScenarioContext s) {
    Queue<String> q = new Queue<>(1);
    s.expectThrows(QueueEmptyException.class, "getNowait() on an empty queue", q::getNowait);
    q.putNowait("x");
    s.expectThrows(QueueFullException.class, "putNowait() on a full queue", () -> q.putNowait("y"));
  }

  @Scenario(id = "sync.queue-join", level = REQUIRED, apis = {"Queue.join", "Queue.task_done"},
      rule = "Queue.join waits until task_done was called for every item put.",
      reference = "test_queues._QueueJoinTestMixin.test_task_done; test_queues._QueueJoinTestMixin.test_join_empty_queue")
  void queueJoin(ScenarioContext s) {
    EventLoop loop = s.loop();
    Queue<Integer> q = new Queue<>();
    int[] processed = new int[1];
    int seen = s.run(() -> {
      q.join();
      for (int i = 0; i < 5; i++) {
        q.putNowait(i);
      }
      List<Task<Object>> workers = start(loop, 2, i -> {
        while (true) {
          q.get();
          Async.sleep(0.001);
          processed[0]++;
          q.taskDone();
        }
      });
      q.join();
      int atJoin = processed[0];
      workers.forEach(Task::cancel);
      return atJoin;
    });
    s.expectEquals("items processed when join returned", 5, seen);
  }

  @Scenario(id = "sync.lifo-and-priority-order", level = REQUIRED, apis = {"LifoQueue.get", "PriorityQueue.get"},
      rule = "A LifoQueue returns the newest item first and a PriorityQueue the smallest.",
      reference = "test_queues.LifoQueueTests.test_order; test_queues.PriorityQueueTests.test_order")
  void lifoAndPriorityOrder(ScenarioContext s) {
    LifoQueue<Integer> lifo = new LifoQueue<>();
    PriorityQueue<Integer> prio = new PriorityQueue<>();
    List<List<Integer>> got = s.run(() -> {
      for (int v : new int[] {1, 3, 2}) {
        lifo.put(v);
        prio.put(v);
      }
      List<Integer> l = new ArrayList<>();
      List<Integer> p = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        l.add(lifo.get());
        p.add(prio.get());
      }
      return List.of(l, p);
    });
    s.expectOrder("LifoQueue order", List.of(2, 3, 1), got.get(0));
    s.expectOrder("PriorityQueue order", List.of(1, 2, 3), got.get(1));
  }

  @Scenario(id = "sync.barrier-releases-together", level = REQUIRED, apis = "Barrier.wait",
      rule = "A Barrier holds each task until all parties have arrived, then releases them all.",
      reference = "test_locks.BarrierTests.test_barrier; test_locks.BarrierTests.test_filling_task_by_task")
  void barrierReleasesTogether(ScenarioContext s) {
    EventLoop loop = s.loop();
    Barrier barrier = new Barrier(3);
    List<String> log = new ArrayList<>();
    s.run(() -> {
      List<Task<Object>> tasks = start(loop, 3, i -> {
        for (int k = 0; k < i; k++) {
          Async.sleep(0);
        }
        log.add("arrived " + i);
        barrier.await();
        log.add("left");
      });
      awaitAll(tasks);
      return null;
    });
    s.expectOrder("events", List.of("arrived 0", "arrived 1", "arrived 2", "left", "left", "left"), log);
  }

  @Scenario(id = "sync.taskgroup-waits-for-all", level = REQUIRED, apis = {"TaskGroup.create_task", "create_task"},
      rule = "A TaskGroup block returns only when every task created in it is done.",
      reference = "test_taskgroups.TestTaskGroup.test_taskgroup_01")
  void taskgroupWaitsForAll(ScenarioContext s) {
    List<Task<Integer>> tasks = s.run(() -> TaskGroup.run(tg -> List.of(
        tg.createTask(() -> {
          Async.sleep(0.02);
          return 1;
        }),
        tg.createTask(() -> {
          Async.sleep(0.005);
          return 2;
        }))));
    s.check(tasks.stream().allMatch(Task::done), "TaskGroup.run returned before its tasks were done");
    s.expectEquals("results", List.of(1, 2), List.of(tasks.get(0).result(), tasks.get(1).result()));
  }

  @Scenario(id = "sync.taskgroup-failure-cancels-siblings", level = REQUIRED,
      apis = {"TaskGroup.create_task", "Task.cancel"},
      rule = "When a task of a TaskGroup fails, its siblings are cancelled and the group raises an ExceptionGroup holding the failure.",
      reference = "test_taskgroups.TestTaskGroup.test_cancel_children_on_child_error; test_taskgroups.TestTaskGroup.test_taskgroup_02")
  void taskgroupFailureCancelsSiblings(ScenarioContext s) {
    IllegalStateException boom = new IllegalStateException("expected by the scenario");
    List<Task<?>> children = new ArrayList<>();
    Object seen = s.run(() -> {
      try {
        TaskGroup.run(tg -> {
          children.add(tg.createTask(() -> {
            Async.sleep(3600);
            return null;
          }));
          children.add(tg.createTask(() -> {
            Async.sleep(0.005);
            throw boom;
          }));
          return null;
        });
        return "no exception";
      } catch (ExceptionGroup e) {
        return e;
      }
    });
    s.check(seen instanceof ExceptionGroup, "TaskGroup with a failing child: expected ExceptionGroup, observed %s",
        ScenarioContext.describe(seen));
    s.expectEquals("exceptions in the group", List.of(boom), ((ExceptionGroup) seen).exceptions());
    s.check(children.get(0).cancelled(), "the sleeping sibling was not cancelled");
  }
}
