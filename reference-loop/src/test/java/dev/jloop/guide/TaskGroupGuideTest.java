package dev.jloop.guide;

import static dev.jloop.guide.TasksGuideTest.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jloop.Async;
import dev.jloop.ExceptionGroup;
import dev.jloop.Task;
import dev.jloop.TaskGroup;
import dev.jloop.reference.SelectorEventLoop;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User guide, "TaskGroup" (asyncio-task: TaskGroup, Python 3.11). */
class TaskGroupGuideTest {
  @Test
  void groupWaitsForItsTasks() {
    // tag::task-group[]
    List<String> pages = Async.run(() -> {
      List<Task<String>> tasks = TaskGroup.run(tg -> List.of(
          tg.createTask(() -> fetch("a", 0.02)),
          tg.createTask(() -> fetch("b", 0.01))));
      // TaskGroup.run returned: every task of the group is done.
      return tasks.stream().map(Task::result).toList();
    }, SelectorEventLoop::new);
    // end::task-group[]
    assertEquals(List.of("<a>", "<b>"), pages);
  }

  @Test
  void aFailureCancelsTheOthers() {
    // tag::task-group-failure[]
    String outcome = Async.run(() -> {
      Task<?>[] slow = new Task<?>[1];
      try {
        TaskGroup.run(tg -> {
          slow[0] = tg.createTask(() -> fetch("slow", 3600));
          tg.createTask(() -> {
            throw new IOException("connection reset");
          });
          return null;
        });
        return "no failure";
      } catch (ExceptionGroup eg) {
        // Every failure of the group, in one exception; the slow task was cancelled.
        return eg.exceptions() + ", slow task cancelled: " + slow[0].cancelled();
      }
    }, SelectorEventLoop::new);
    // end::task-group-failure[]
    assertEquals("[java.io.IOException: connection reset], slow task cancelled: true", outcome);
  }
}
