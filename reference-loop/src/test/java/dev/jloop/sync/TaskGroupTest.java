package dev.jloop.sync;

import static dev.jloop.sync.Loops.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.EventLoop;
import dev.jloop.ExceptionGroup;
import dev.jloop.Task;
import dev.jloop.TaskGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TaskGroup}: results, error aggregation, sibling cancellation and the life cycle, against
 * CPython's test_taskgroups (cancellation from outside and nesting: {@link TaskGroupCancelTest}).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@SuppressWarnings("finally") // failing in a finally block is the point, as in the asyncio tests
class TaskGroupTest {

  static Set<Class<?>> errorTypes(ExceptionGroup eg) {
    return eg.exceptions().stream().map(Object::getClass).collect(Collectors.toSet());
  }

  static Void crashAfter(double seconds) {
    Async.sleep(seconds);
    throw new ArithmeticException("/ by zero after " + seconds);
  }

  @Test
  void runWaitsForAllTasks_testTaskgroup01() {
    Loops.run(() -> {
      List<Task<Integer>> tasks = TaskGroup.run(g -> List.of(
          g.createTask(() -> { Async.sleep(0.02); return 42; }),
          g.createTask(() -> { Async.sleep(0.04); return 11; })));
      assertEquals(42, tasks.get(0).result());
      assertEquals(11, tasks.get(1).result());
      return null;
    });
  }

  @Test
  void tasksAddedWhileBodyRuns_testTaskgroup02() {
    Loops.run(() -> {
      List<Task<Integer>> tasks = new ArrayList<>();
      String value = TaskGroup.run(g -> {
        tasks.add(g.createTask(() -> { Async.sleep(0.02); return 42; }));
        Async.sleep(0.03);
        tasks.add(g.createTask(() -> { Async.sleep(0.02); return 11; }));
        return "body";
      });
      assertEquals("body", value, "run() returns the body's value");
      assertEquals(42, tasks.get(0).result());
      assertEquals(11, tasks.get(1).result());
      return null;
    });
  }

  @Test
  void childCancelledExplicitlyIsNotAnError_testTaskgroup03() {
    Loops.run(() -> {
      Task<?>[] t = new Task<?>[2];
      TaskGroup.run(g -> {
        t[0] = g.createTask(() -> { Async.sleep(10); return 42; });
        Async.sleep(0.01);
        t[0].cancel();
        t[1] = g.createTask(() -> { Async.sleep(0.02); return 11; });
        return null;
      });
      assertTrue(t[0].cancelled());
      assertEquals(11, t[1].result());
      return null;
    });
  }

  @Test
  void failingChildCancelsSiblingAndBody_testCancelChildrenOnChildError() {
    Loops.run(() -> {
      boolean[] siblingCancelled = {false};
      boolean[] bodyCancelled = {false};
      int[] num = {0};
      Task<?>[] sibling = new Task<?>[1];
      Task<?> runner = Async.getRunningLoop().createTask(() -> {
        TaskGroup.run(g -> {
          g.createTask(() -> crashAfter(0.01));
          g.createTask(() -> crashAfter(0.01));
          g.createTask(() -> crashAfter(0.01));
          sibling[0] = g.createTask(() -> {
            try {
              Async.sleep(5);
            } catch (CancelledException e) {
              siblingCancelled[0] = true;
              throw e;
            }
            num[0]++;
            return null;
          });
          try {
            Async.sleep(10);
          } catch (CancelledException e) {
            bodyCancelled[0] = true;
            throw e;
          }
          return null;
        });
        num[0] += 10;
        return null;
      });
      ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Async.await(runner));
      assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
      assertEquals(0, num[0], "neither the sibling nor the code after run() went on");
      assertTrue(siblingCancelled[0]);
      assertTrue(sibling[0].cancelled());
      assertTrue(bodyCancelled[0], "the body was cancelled at its await point");
      return null;
    });
  }

  @Test
  void allFailuresCollected_testTaskgroup19() {
    Loops.run(() -> {
      ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
        g.createTask(() -> crashAfter(0.01));
        try {
          Async.sleep(10);
        } finally {
          throw new IOException("body failed while being cancelled");
        }
      }));
      assertEquals(Set.of(ArithmeticException.class, IOException.class), errorTypes(eg));
      assertTrue(List.of(eg.getSuppressed()).containsAll(eg.exceptions()),
          "printed stack traces show every failure");
      assertEquals(0, Async.currentTask().cancelling(), "the group withdrew its own cancel");
      return null;
    });
  }

  @Test
  void bodyFailureCancelsChildren_testTaskgroup09() {
    assertBodyFailureCancelsChildren(true);
  }

  @Test
  void bodyFailsBeforeChildrenStart_testTaskgroup10() {
    assertBodyFailureCancelsChildren(false);
  }

  /** The body fails (after its two children started, or before): the children are cancelled. */
  private static void assertBodyFailureCancelsChildren(boolean childrenStartFirst) {
    Loops.run(() -> {
      Task<?>[] t = new Task<?>[2];
      ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
        t[0] = g.createTask(() -> { Async.sleep(1); return 42; });
        t[1] = g.createTask(() -> { Async.sleep(2); return 11; });
        if (childrenStartFirst) {
          Async.sleep(0.01);
        }
        throw new ArithmeticException("body");
      }));
      assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
      assertTrue(t[0].cancelled());
      assertTrue(t[1].cancelled());
      return null;
    });
  }

  @Test
  void childFailingWhileRunWaits() {
    // the body is done when the child fails: run() is already waiting for the children
    Loops.run(() -> {
      Task<?>[] sibling = new Task<?>[1];
      ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
        g.createTask(() -> crashAfter(0.02));
        sibling[0] = g.createTask(() -> { Async.sleep(10); return null; });
        return null;
      }));
      assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
      assertTrue(sibling[0].cancelled());
      assertEquals(0, Async.currentTask().cancelling(),
          "CPython 3.13 order: the group's cancel request is withdrawn after the children are done");
      Async.sleep(0.01);
      return null;
    });
  }

  @Test
  void vmErrorIsRethrownAlone_testTaskgroup20() {
    Loops.run(() -> {
      StackOverflowError boom = new StackOverflowError("simulated");
      StackOverflowError thrown = assertThrows(StackOverflowError.class, () -> TaskGroup.run(g -> {
        g.createTask(() -> crashAfter(0.01));
        try {
          Async.sleep(10);
        } finally {
          throw boom;
        }
      }));
      assertSame(boom, thrown, "like KeyboardInterrupt in asyncio: not wrapped in a group");
      return null;
    });
  }

  @Test
  void vmErrorInChildIsRethrownAlone() {
    Loops.run(() -> {
      OutOfMemoryError oom = new OutOfMemoryError("simulated");
      OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> TaskGroup.run(g -> {
        g.createTask(() -> { Async.sleep(0.01); throw oom; });
        g.createTask(() -> crashAfter(0.01));
        return null;
      }));
      assertSame(oom, thrown);
      return null;
    });
  }

  @Test
  void childrenAddChildren_testTaskgroup24() {
    Loops.run(() -> {
      List<String> done = new ArrayList<>();
      TaskGroup.run(g -> {
        g.createTask(() -> {
          Async.sleep(0.01);
          g.createTask(() -> { Async.sleep(0.01); done.add("a"); return null; });
          g.createTask(() -> { Async.sleep(0.02); done.add("b"); return null; });
          return null;
        });
        return null;
      });
      assertEquals(List.of("a", "b"), done, "run() waited for tasks added while it was exiting");
      return null;
    });
  }

  @Test
  void growingGroupStoppedByFailure_testTaskgroup25() {
    Loops.run(() -> {
      int[] hydras = {0};
      ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
        g.createTask(new Object() {
          Void hydra() {
            hydras[0]++;
            Async.sleep(0.005);
            g.createTask(this::hydra);
            g.createTask(this::hydra);
            return null;
          }
        }::hydra);
        g.createTask(() -> {
          while (hydras[0] < 10) {
            Async.sleep(0.005);
          }
          throw new ArithmeticException("hercules");
        });
        return null;
      }));
      assertEquals(Set.of(ArithmeticException.class), errorTypes(eg),
          "hydras refused by the aborting group do not add errors to it");
      assertTrue(hydras[0] >= 10);
      return null;
    });
  }

  @Test
  void taskName_testTaskgroupTaskName() {
    Loops.run(() -> TaskGroup.run(g -> {
      Task<?> t = g.createTask(() -> { Async.sleep(0); return null; }, "yolo");
      assertEquals("yolo", t.getName());
      return null;
    }));
  }

  @Test
  void noNewTasksAfterFailure_testTaskgroupNoCreateTaskAfterFailure() {
    Loops.run(() -> {
      boolean[] refused = {false};
      ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
        g.createTask(() -> crashAfter(0.001));
        g.createTask(() -> {
          try {
            Async.sleep(1);
          } catch (CancelledException e) {
            assertThrows(IllegalStateException.class, () -> g.createTask(() -> null));
            refused[0] = true;
            throw e;
          }
          return null;
        });
        return null;
      }));
      assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
      assertTrue(refused[0], "createTask() on an aborting group was refused");
      return null;
    });
  }

  @Test
  void noNewTasksAfterRun_testTaskgroupFinished() {
    Loops.run(() -> {
      TaskGroup[] group = new TaskGroup[1];
      TaskGroup.run(g -> {
        group[0] = g;
        return null;
      });
      int before = Async.allTasks().size();
      assertThrows(IllegalStateException.class, () -> group[0].createTask(() -> null));
      assertEquals(before, Async.allTasks().size(), "no task was created");
      return null;
    });
  }

  @Test
  void outsideTaskRefused_testTaskgroupWithoutParentTask() {
    assertThrows(IllegalStateException.class, () -> TaskGroup.run(g -> null), "no running loop");
    Loops.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Throwable[] outcome = new Throwable[1];
      loop.callSoon(() -> {
        try {
          TaskGroup.run(g -> null);
        } catch (Throwable t) {
          outcome[0] = t;
        }
      });
      passes(2);
      assertTrue(outcome[0] instanceof IllegalStateException, "a plain callback has no parent task");
      return null;
    });
  }

  @Test
  void badInput() {
    Loops.run(() -> {
      assertThrows(NullPointerException.class, () -> TaskGroup.run(null));
      TaskGroup.run(g -> {
        assertThrows(NullPointerException.class, () -> g.createTask(null));
        assertThrows(NullPointerException.class, () -> g.createTask(null, "name"));
        return null;
      });
      return null;
    });
  }

  @Test
  void emptyGroupDoesNotSuspend() {
    Loops.run(() -> {
      int[] passesSeen = {0};
      Async.getRunningLoop().callSoon(() -> passesSeen[0]++);
      assertEquals("v", TaskGroup.run(g -> "v"));
      assertEquals(0, passesSeen[0], "no task, nothing to wait for");
      assertFalse(Async.currentTask().cancelling() > 0);
      return null;
    });
  }
}
