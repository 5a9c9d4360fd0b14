package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Debug mode: asyncio's _check_thread and slow_callback_duration. */
class DebugModeTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();

  @BeforeEach
  void clearLogs() {
    CapturingLoggerFinder.clear();
  }

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  @Test
  void jloopDebugPropertyTurnsDebugOnForNewLoops() {
    String before = System.getProperty("jloop.debug");
    try {
      System.setProperty("jloop.debug", "true");
      try (SelectorEventLoop l = new SelectorEventLoop()) {
        assertTrue(l.isDebug());
      }
      System.clearProperty("jloop.debug");
      try (SelectorEventLoop l = new SelectorEventLoop()) {
        assertFalse(l.isDebug());
      }
    } finally {
      if (before != null) {
        System.setProperty("jloop.debug", before);
      }
    }
  }

  @Test
  void setDebugTogglesDebugMode() {
    loop.setDebug(true);
    assertTrue(loop.isDebug());
    loop.setDebug(false);
    assertFalse(loop.isDebug());
  }

  /** Calls {@code call} from a fresh thread while the loop runs and returns what it threw. */
  private Throwable fromAnotherThreadWhileRunning(Consumer<SelectorEventLoop> call) {
    List<Throwable> thrown = new ArrayList<>();
    loop.callSoon(() -> {
      Thread t = Thread.ofPlatform().start(() -> {
        try {
          call.accept(loop);
        } catch (Throwable e) {
          thrown.add(e);
        }
      });
      try {
        t.join(LoopThread.PATIENCE_MS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    loop.callSoon(loop::stop);
    loop.runForever();
    return thrown.isEmpty() ? null : thrown.get(0);
  }

  @Test
  void nonThreadsafeCallsFromAnotherThreadFailInDebugMode() {
    loop.setDebug(true);
    assertTrue(fromAnotherThreadWhileRunning(l -> l.callSoon(() -> {})) instanceof IllegalStateException);
    assertTrue(fromAnotherThreadWhileRunning(l -> l.callLater(1, () -> {})) instanceof IllegalStateException);
    assertTrue(fromAnotherThreadWhileRunning(l -> l.callAt(1, () -> {})) instanceof IllegalStateException);
    assertTrue(fromAnotherThreadWhileRunning(l -> l.runInExecutor(null, () -> 1)) instanceof IllegalStateException);
    assertEquals(0, loop.scheduledTimerCount(), "a rejected callLater/callAt left a timer behind");
  }

  @Test
  void callSoonThreadsafeFromAnotherThreadIsFineInDebugMode() {
    loop.setDebug(true);
    assertNull(fromAnotherThreadWhileRunning(l -> l.callSoonThreadsafe(() -> {})));
  }

  @Test
  void anyThreadMayScheduleWhileTheLoopIsNotRunning() throws InterruptedException {
    loop.setDebug(true);
    List<Throwable> thrown = new CopyOnWriteArrayList<>();
    Thread t = Thread.ofPlatform().start(() -> {
      try {
        loop.callSoon(() -> {});
        loop.callLater(0.001, () -> {});
      } catch (Throwable e) {
        thrown.add(e);
      }
    });
    t.join();
    assertEquals(List.of(), thrown);
  }

  /** On the virtual-thread backend the task body runs on its own thread holding the loop's baton. */
  @Test
  void aTaskBodyCountsAsTheLoopThread() {
    loop.setDebug(true);
    var executor = Executors.newSingleThreadExecutor();
    try {
      int r = loop.runUntilComplete(() -> {
        loop.callSoon(() -> {});
        loop.callLater(0.001, () -> {});
        int v = Async.await(loop.runInExecutor(executor, () -> 20));
        Async.sleep(0.001);
        return v + 1;
      });
      assertEquals(21, r);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void slowCallbacksAreLoggedInDebugMode() {
    loop.setDebug(true);
    loop.setSlowCallbackDuration(0.1);
    loop.callSoon(slowCallback("deliberately-slow-callback"));
    loop.callSoon(loop::stop);
    loop.runForever();
    var logged = CapturingLoggerFinder.matching(e -> e.message().contains("deliberately-slow-callback"));
    assertEquals(1, logged.size(), "slow callback not reported: " + CapturingLoggerFinder.entries());
    assertEquals(System.Logger.Level.WARNING, logged.get(0).level());
  }

  @Test
  void slowCallbacksAreNotTimedOutsideDebugMode() {
    loop.callSoon(slowCallback("slow-but-not-debug"));
    loop.callSoon(loop::stop);
    loop.runForever();
    assertEquals(List.of(), CapturingLoggerFinder.matching(e -> e.message().contains("slow-but-not-debug")));
  }

  @Test
  void slowCallbackDurationDefaultsToAsynciosAndRejectsNonPositiveValues() {
    assertEquals(0.1, loop.getSlowCallbackDuration());
    for (double bad : new double[] {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> loop.setSlowCallbackDuration(bad), "value " + bad);
    }
    assertEquals(0.1, loop.getSlowCallbackDuration());
    loop.setSlowCallbackDuration(0.25);
    assertEquals(0.25, loop.getSlowCallbackDuration());
  }

  @Test
  void closeIsLoggedInDebugMode() {
    loop.setDebug(true);
    loop.close();
    assertEquals(1, CapturingLoggerFinder.matching(
        e -> e.level() == System.Logger.Level.DEBUG && e.message().contains("SelectorEventLoop")).size());
  }

  private static Runnable slowCallback(String name) {
    return new Runnable() {
      @Override
      public void run() {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
