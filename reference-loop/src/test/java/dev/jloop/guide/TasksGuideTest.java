package dev.jloop.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.EventLoop;
import dev.jloop.Task;
import dev.jloop.reference.SelectorEventLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User guide, "Tasks", "gather" and "Cancellation" (asyncio-task: create_task, gather, cancel). */
class TasksGuideTest {
  // tag::fetch[]
  /** Stands in for a network call: takes {@code seconds}, then returns a page. */
  static String fetch(String url, double seconds) {
    Async.sleep(seconds);
    return "<" + url + ">";
  }
  // end::fetch[]

  @Test
  void twoTasksRunConcurrently() {
    // tag::tasks[]
    String both = Async.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Task<String> a = loop.createTask(() -> fetch("a", 0.05), "fetch-a");
      Task<String> b = loop.createTask(() -> fetch("b", 0.02), "fetch-b");
      // Both are running now: awaiting them takes about 0.05 s in all, not 0.07 s.
      return Async.await(a) + Async.await(b);
    }, SelectorEventLoop::new);
    // end::tasks[]
    assertEquals("<a><b>", both);
  }

  @Test
  void gatherKeepsTheOrderOfItsArguments() {
    // tag::gather[]
    List<String> pages = Async.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      List<Task<String>> tasks = new ArrayList<>();
      for (String url : List.of("a", "b", "c")) {
        tasks.add(loop.createTask(() -> fetch(url, 0.01)));
      }
      return Async.await(Async.gather(tasks));    // results in the order of the tasks
    }, SelectorEventLoop::new);
    // end::gather[]
    assertEquals(List.of("<a>", "<b>", "<c>"), pages);
  }

  @Test
  void gatherReturningExceptions() throws Exception {
    String out = Stdout.capture(() -> {
      // tag::gather-exceptions[]
      List<Object> outcomes = Async.run(() -> {
        EventLoop loop = Async.getRunningLoop();
        Task<String> ok = loop.createTask(() -> fetch("ok", 0.01));
        Task<String> bad = loop.createTask(() -> {
          throw new IOException("unreachable");
        });
        return Async.await(Async.gather(true, ok, bad));   // true: exceptions are results
      }, SelectorEventLoop::new);
      System.out.println(outcomes);               // [<ok>, java.io.IOException: unreachable]
      // end::gather-exceptions[]
    });
    assertEquals("[<ok>, java.io.IOException: unreachable]\n", out);
  }

  @Test
  void cancellationArrivesAtTheAwait() throws Exception {
    String out = Stdout.capture(() -> {
      // tag::cancel[]
      Async.run(() -> {
        Task<Void> worker = Async.getRunningLoop().createTask(() -> {
          try {
            Async.sleep(3600);
          } catch (CancelledException e) {
            System.out.println("cleaning up after: " + e.getMessage());
            throw e;                              // let the task end cancelled
          }
          return null;
        });
        Async.sleep(0.01);                        // the worker is now blocked in sleep
        worker.cancel("shutting down");
        try {
          Async.await(worker);
        } catch (CancelledException e) {
          System.out.println("worker cancelled: " + worker.cancelled());
        }
        return null;
      }, SelectorEventLoop::new);
      // end::cancel[]
    });
    assertEquals("cleaning up after: shutting down\nworker cancelled: true\n", out);
  }
}
