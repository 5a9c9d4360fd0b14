package dev.jloop.guide;

import static dev.jloop.guide.TasksGuideTest.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jloop.Async;
import dev.jloop.AsyncTimeoutException;
import dev.jloop.Timeout;
import dev.jloop.reference.SelectorEventLoop;
import org.junit.jupiter.api.Test;

/** User guide, "Timeouts" (asyncio-task: wait_for, timeout). */
class TimeoutsGuideTest {
  @Test
  void waitForGivesUpAndCancels() {
    // tag::wait-for[]
    String result = Async.run(() -> {
      try {
        return Async.waitFor(() -> fetch("slow", 10), 0.05);
      } catch (AsyncTimeoutException e) {
        return "gave up";                         // the slow task was cancelled and is done
      }
    }, SelectorEventLoop::new);
    // end::wait-for[]
    assertEquals("gave up", result);
  }

  @Test
  void timeoutCoversABlock() {
    // tag::timeout[]
    String result = Async.run(() -> {
      Timeout deadline = Async.timeout(0.05);     // 0.05 s from now, for the whole block
      try {
        return deadline.run(() -> fetch("a", 0.01) + fetch("b", 10));
      } catch (AsyncTimeoutException e) {
        return "expired: " + deadline.expired();
      }
    }, SelectorEventLoop::new);
    // end::timeout[]
    assertEquals("expired: true", result);
  }
}
