package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.reference.SelectorEventLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Runner} and {@link Async#run}: asyncio 3.11's {@code Runner} and {@code run} (test_runners.py). */
class RunnerTest extends BackendTestBase {

  @Test
  void runReturnsTheResultAndReusesOneLoop() {
    AtomicInteger created = new AtomicInteger();
    try (Runner runner = new Runner(() -> {
      created.incrementAndGet();
      return new SelectorEventLoop();
    })) {
      assertEquals(0, created.get(), "the loop is created lazily");
      EventLoop first = runner.run(Async::getRunningLoop);
      assertEquals("second", runner.run(() -> "second"));
      assertSame(first, runner.getLoop());
      assertEquals(1, created.get());
    }
  }

  @Test
  void runRethrowsTheCoroutinesExceptionUnchanged() {
    IOException error = new IOException("main failed");
    try (Runner runner = new Runner(SelectorEventLoop::new)) {
      assertSame(error, assertThrows(IOException.class, () -> runner.run(() -> {
        throw error;
      })));
      assertEquals("still usable", runner.run(() -> "still usable"));
    }
  }

  @Test
  void closeCancelsTheRemainingTasksAndWaitsForThem() {
    List<String> log = new ArrayList<>();
    Runner runner = new Runner(SelectorEventLoop::new);
    Task<?> leftOver = runner.run(() -> Async.getRunningLoop().createTask(() -> {
      try {
        Async.sleep(60);
      } catch (CancelledException e) {
        Async.sleep(0.01); // clean-up that awaits: close() must wait for it
        log.add("cleaned up");
        throw e;
      }
      return null;
    }));
    EventLoop loop = runner.getLoop();
    runner.close();
    assertTrue(leftOver.cancelled());
    assertEquals(List.of("cleaned up"), log);
    assertTrue(loop.isClosed());
  }

  @Test
  void closeReportsExceptionsTheCancelledTasksEndedWith() {
    // asyncio: 'unhandled exception during asyncio.run() shutdown', with exception and task.
    IOException error = new IOException("failed while cancelled");
    List<ExceptionContext> contexts = new ArrayList<>();
    Runner runner = new Runner(SelectorEventLoop::new);
    runner.getLoop().setExceptionHandler((l, ctx) -> contexts.add(ctx));
    Task<?> bad = runner.run(() -> Async.getRunningLoop().createTask(() -> {
      try {
        Async.sleep(60);
        return null;
      } catch (CancelledException e) {
        throw error;
      }
    }));
    runner.close();
    assertEquals(1, contexts.size(), contexts.toString());
    assertSame(error, contexts.get(0).exception());
    assertSame(bad, contexts.get(0).get(ExceptionContext.TASK));
    assertNotNull(contexts.get(0).message());
  }

  @Test
  void closeShutsTheDefaultExecutorDownAndIsIdempotent() throws Exception {
    Runner runner = new Runner(SelectorEventLoop::new);
    String fromExecutor = runner.run(() -> Async.await(
        Async.getRunningLoop().runInExecutor(null, () -> Thread.currentThread().getName())));
    assertNotNull(fromExecutor);
    EventLoop loop = runner.getLoop();
    runner.close();
    runner.close();
    assertTrue(loop.isClosed());
    assertThrows(IllegalStateException.class, () -> runner.run(() -> null), "run after close");
    assertThrows(IllegalStateException.class, runner::getLoop, "getLoop after close");
  }

  @Test
  void closeBeforeFirstUseLeavesTheRunnerUsable() {
    // asyncio: close() of a runner that never created its loop does nothing.
    Runner runner = new Runner(SelectorEventLoop::new);
    runner.close();
    assertEquals("ok", runner.run(() -> "ok"));
    runner.close();
  }

  @Test
  void debugFlagIsAppliedToTheLoop() {
    try (Runner on = new Runner(SelectorEventLoop::new, true);
         Runner off = new Runner(SelectorEventLoop::new, false)) {
      assertTrue(on.getLoop().isDebug());
      assertFalse(off.getLoop().isDebug());
    }
  }

  @Test
  void runCannotBeCalledFromARunningLoop() {
    try (Runner outer = new Runner(SelectorEventLoop::new)) {
      String outcome = outer.run(() -> {
        try (Runner inner = new Runner(SelectorEventLoop::new)) {
          assertThrows(IllegalStateException.class, () -> inner.run(() -> "nested"));
        }
        assertThrows(IllegalStateException.class,
            () -> Async.run(() -> "nested", SelectorEventLoop::new));
        return "refused";
      });
      assertEquals("refused", outcome);
    }
  }

  @Test
  void asyncRunRunsMainAndClosesItsLoop() {
    EventLoop[] used = new EventLoop[1];
    String r = Async.run(() -> {
      used[0] = Async.getRunningLoop();
      Async.sleep(0.001);
      return "main";
    }, SelectorEventLoop::new);
    assertEquals("main", r);
    assertTrue(used[0].isClosed());
    IOException error = new IOException("x");
    assertSame(error, assertThrows(IOException.class, () -> Async.run(() -> {
      throw error;
    }, SelectorEventLoop::new)));
  }

  @Test
  void argumentsAreChecked() {
    assertThrows(NullPointerException.class, () -> new Runner(null));
    assertThrows(NullPointerException.class, () -> Async.run(null, SelectorEventLoop::new));
    assertThrows(NullPointerException.class, () -> Async.run(() -> null, null));
    try (Runner runner = new Runner(() -> null)) {
      assertThrows(NullPointerException.class, runner::getLoop, "factory returned null");
    }
    try (Runner runner = new Runner(SelectorEventLoop::new)) {
      assertThrows(NullPointerException.class, () -> runner.run(null));
    }
  }
}
