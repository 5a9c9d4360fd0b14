package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.ExceptionContext;
import dev.jloop.ExceptionHandler;
import dev.jloop.Handle;
import dev.jloop.TimerHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** asyncio's Handle._run / call_exception_handler / default_exception_handler, on this loop. */
class ExceptionHandlerTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();
  private final List<ExceptionContext> contexts = new ArrayList<>();
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void clearLogs() {
    CapturingLoggerFinder.clear();
  }

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private void runOnePass() {
    loop.stop();
    loop.runForever();
  }

  @Test
  void aFailingCallbackNeverStopsTheLoop() {
    loop.setExceptionHandler((l, ctx) -> contexts.add(ctx));
    loop.callSoon(() -> {
      throw new IllegalStateException("first");
    });
    loop.callSoon(() -> log.add("after first"));
    loop.callLater(-1, () -> {
      throw new StackOverflowError("deep");
    });
    loop.callLater(0.01, () -> log.add("timer after"));
    loop.callLater(0.02, loop::stop);
    loop.runForever();
    assertEquals(List.of("after first", "timer after"), log);
    assertEquals(2, contexts.size());
  }

  @Test
  void contextCarriesMessageExceptionAndHandle() {
    loop.setExceptionHandler((l, ctx) -> {
      assertSame(loop, l);
      contexts.add(ctx);
    });
    RuntimeException boom = new RuntimeException("boom");
    Handle h = loop.callSoon(() -> {
      throw boom;
    });
    TimerHandle t = loop.callLater(-1, () -> {
      throw boom;
    });
    runOnePass();
    assertEquals(2, contexts.size());
    for (ExceptionContext ctx : contexts) {
      assertFalse(ctx.message().isBlank());
      assertSame(boom, ctx.exception());
      assertSame(boom, ctx.get(ExceptionContext.EXCEPTION));
    }
    assertSame(h, contexts.get(0).get(ExceptionContext.HANDLE));
    assertSame(t, contexts.get(1).get(ExceptionContext.HANDLE));
  }

  @Test
  void callExceptionHandlerReachesTheCustomHandler() {
    ExceptionHandler handler = (l, ctx) -> contexts.add(ctx);
    loop.setExceptionHandler(handler);
    assertSame(handler, loop.getExceptionHandler());
    ExceptionContext ctx = ExceptionContext.builder("custom report").put("answer", 42).build();
    loop.callExceptionHandler(ctx);
    assertEquals(List.of(ctx), contexts);
  }

  @Test
  void aHandlerThatThrowsIsLoggedAndNotPropagated() {
    IllegalArgumentException handlerBug = new IllegalArgumentException("handler bug");
    loop.setExceptionHandler((l, ctx) -> {
      throw handlerBug;
    });
    loop.callSoon(() -> {
      throw new RuntimeException("callback failure");
    });
    loop.callSoon(() -> log.add("still running"));
    runOnePass();
    assertEquals(List.of("still running"), log);
    var logged = CapturingLoggerFinder.matching(e -> e.thrown() == handlerBug);
    assertEquals(1, logged.size(), "the handler's exception was not logged: " + CapturingLoggerFinder.entries());
    assertEquals(System.Logger.Level.ERROR, logged.get(0).level());
    assertTrue(logged.get(0).message().contains("callback failure"),
        "the log should show the original context: " + logged.get(0).message());
  }

  @Test
  void theDefaultHandlerLogsThroughSystemLogger() {
    assertNull(loop.getExceptionHandler());
    RuntimeException boom = new RuntimeException("to the log");
    Handle h = loop.callSoon(() -> {
      throw boom;
    });
    runOnePass();
    var logged = CapturingLoggerFinder.matching(e -> e.thrown() == boom);
    assertEquals(1, logged.size(), "not logged: " + CapturingLoggerFinder.entries());
    var entry = logged.get(0);
    assertEquals("dev.jloop", entry.logger());
    assertEquals(System.Logger.Level.ERROR, entry.level());
    assertTrue(entry.message().contains("handle: " + h), "no handle line in: " + entry.message());
  }

  @Test
  void settingNullRestoresTheDefaultHandler() {
    loop.setExceptionHandler((l, ctx) -> contexts.add(ctx));
    loop.setExceptionHandler(null);
    assertNull(loop.getExceptionHandler());
    RuntimeException boom = new RuntimeException("default again");
    loop.callSoon(() -> {
      throw boom;
    });
    runOnePass();
    assertEquals(List.of(), contexts);
    assertEquals(1, CapturingLoggerFinder.matching(e -> e.thrown() == boom).size());
  }
}
