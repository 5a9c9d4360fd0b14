package dev.jloop.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.Runner;
import dev.jloop.reference.SelectorEventLoop;
import org.junit.jupiter.api.Test;

/** User guide, "Running a loop": asyncio.run, asyncio.Runner and a loop driven by hand. */
class RunningGuideTest {
  @Test
  void asyncRunReturnsMainsResult() {
    // tag::run[]
    String greeting = Async.run(() -> {
      Async.sleep(0.01);                       // suspends this task; the loop runs others
      return "hello from " + Async.currentTask().getName();
    }, SelectorEventLoop::new);
    // end::run[]
    assertTrue(greeting.startsWith("hello from Task-"), greeting);
  }

  @Test
  void runnerKeepsOneLoopAcrossRuns() throws Exception {
    String out = Stdout.capture(() -> {
      // tag::runner[]
      try (Runner runner = new Runner(SelectorEventLoop::new)) {
        int a = runner.run(() -> 20);
        int b = runner.run(() -> a + 22);        // the same loop, kept between runs
        System.out.println(b);
      }                                          // close() cancels leftovers, closes the loop
      // end::runner[]
    });
    assertEquals("42\n", out);
  }

  @Test
  void loopByHand() throws Exception {
    String out = Stdout.capture(() -> {
      // tag::by-hand[]
      try (EventLoop loop = new SelectorEventLoop()) {
        Future<String> done = loop.createFuture();
        loop.callLater(0.01, () -> done.setResult("finished"));
        System.out.println(loop.runUntilComplete(done));   // runs the loop until done is done
      }
      // end::by-hand[]
    });
    assertEquals("finished\n", out);
  }
}
