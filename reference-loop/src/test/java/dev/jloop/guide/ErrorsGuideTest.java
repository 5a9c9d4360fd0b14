package dev.jloop.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.reference.SelectorEventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User guide, "Errors and debug mode" (asyncio-eventloop: error handling API; asyncio-dev). */
class ErrorsGuideTest {
  @Test
  void exceptionHandlerSeesFailingCallbacks() {
    // tag::exception-handler[]
    List<String> reports = new ArrayList<>();
    try (EventLoop loop = new SelectorEventLoop()) {
      loop.setExceptionHandler((l, context) -> reports.add(context.exception().getMessage()));
      loop.callSoon(() -> {
        throw new IllegalStateException("boom");
      });
      loop.callSoon(loop::stop);                  // still runs: a failing callback stops nothing
      loop.runForever();
    }
    // end::exception-handler[]
    assertEquals(List.of("boom"), reports);
  }

  @Test
  void debugModeCatchesTheWrongThread() throws Exception {
    String out = Stdout.capture(() -> {
      // tag::debug[]
      try (EventLoop loop = new SelectorEventLoop()) {
        loop.setDebug(true);                      // or -Djloop.debug=true for every loop
        Future<String> verdict = loop.createFuture();
        loop.callSoon(() -> new Thread(() -> {
          String outcome;
          try {
            loop.callSoon(() -> { });             // wrong: callSoon is for the loop thread
            outcome = "accepted";
          } catch (IllegalStateException e) {
            outcome = "rejected";
          }
          String result = outcome;
          loop.callSoonThreadsafe(() -> verdict.setResult(result));   // right
        }).start());
        System.out.println(loop.runUntilComplete(verdict));
      }
      // end::debug[]
    });
    assertEquals("rejected\n", out);
  }
}
