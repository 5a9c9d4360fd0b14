package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.Task;
import dev.jloop.spi.RunningLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * run_forever / run_until_complete / stop / close and their errors, as asyncio's
 * {@code _check_closed}, {@code _check_running} and {@code close} raise them (asyncio's
 * RuntimeError is IllegalStateException here).
 */
class LifecycleTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();
  private final SelectorEventLoop other = new SelectorEventLoop();

  @AfterEach
  void closeLoops() {
    loop.close();
    other.close();
  }

  /** Runs {@code body} as a callback of the running loop and returns what it threw. */
  private Throwable thrownInsideRunningLoop(Runnable body) {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    loop.callSoon(() -> {
      try {
        body.run();
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    loop.callSoon(loop::stop);
    loop.runForever();
    return thrown.get();
  }

  @Test
  void runUntilCompleteReturnsTheResult() {
    Future<String> f = loop.createFuture();
    loop.callLater(0.01, () -> f.setResult("done"));
    assertEquals("done", loop.runUntilComplete(f));
    assertFalse(loop.isRunning());
  }

  @Test
  void runUntilCompleteRethrowsTheFuturesException() {
    Future<String> f = loop.createFuture();
    IOException boom = new IOException("boom");
    loop.callSoon(() -> f.setException(boom));
    IOException thrown = assertThrows(IOException.class, () -> loop.runUntilComplete(f));
    assertSame(boom, thrown);
  }

  @Test
  void runUntilCompleteOfACoroutineRunsItAsATask() {
    assertEquals(42, loop.runUntilComplete(() -> {
      Async.sleep(0.001);
      assertSame(loop, Async.getRunningLoop());
      return 42;
    }));
  }

  /** asyncio test_events test_run_until_complete_stopped. */
  @Test
  void runUntilCompleteFailsIfTheLoopStopsFirst() {
    Future<String> f = loop.createFuture();
    loop.callSoon(loop::stop);
    assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(f));
    assertFalse(f.done());
    assertFalse(loop.isRunning());
  }

  /** asyncio's ensure_future raises ValueError for a future of another loop. */
  @Test
  void runUntilCompleteRejectsAFutureOfAnotherLoop() {
    Future<String> f = other.createFuture();
    assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(f));
    assertFalse(loop.isRunning());
  }

  @Test
  void runUntilCompleteStopsAfterThePassTheFutureCompletesIn() {
    Future<String> f = loop.createFuture();
    List<String> log = new ArrayList<>();
    loop.callSoon(() -> f.setResult("x"));
    // the done callback (stop) is scheduled when f completes; the pass after it still runs whole
    loop.callSoon(() -> loop.callSoon(() -> log.add("same pass as stop")));
    loop.runUntilComplete(f);
    assertEquals(List.of("same pass as stop"), log);
  }

  @Test
  void runForeverWhileRunningFails() {
    assertInstanceOf(IllegalStateException.class, thrownInsideRunningLoop(loop::runForever));
  }

  @Test
  void runUntilCompleteWhileRunningFailsWithoutCreatingATask() {
    Throwable t = thrownInsideRunningLoop(() -> loop.runUntilComplete(() -> "never"));
    assertInstanceOf(IllegalStateException.class, t);
    assertEquals(0, Task.allTasks(loop).size(), "a task was created before the running check");
  }

  @Test
  void anotherLoopCannotRunNestedOnTheSameThread() {
    Throwable forever = thrownInsideRunningLoop(other::runForever);
    assertInstanceOf(IllegalStateException.class, forever);
    Throwable complete = thrownInsideRunningLoop(() -> other.runUntilComplete(other.createFuture()));
    assertInstanceOf(IllegalStateException.class, complete);
    assertFalse(other.isRunning());
    assertNull(RunningLoop.get(), "the running-loop record leaked after runForever returned");
  }

  @Test
  void runningLoopIsRecordedWhileRunningOnly() {
    AtomicReference<Object> seen = new AtomicReference<>();
    loop.callSoon(() -> seen.set(RunningLoop.get()));
    loop.callSoon(loop::stop);
    assertFalse(loop.isRunning());
    loop.runForever();
    assertSame(loop, seen.get());
    assertNull(RunningLoop.get());
  }

  @Test
  void isRunningIsTrueInsideCallbacks() {
    boolean[] running = {false};
    loop.callSoon(() -> running[0] = loop.isRunning());
    loop.callSoon(loop::stop);
    loop.runForever();
    assertTrue(running[0]);
    assertFalse(loop.isRunning());
  }

  @Test
  void closeWhileRunningFails() {
    assertInstanceOf(IllegalStateException.class, thrownInsideRunningLoop(loop::close));
    assertFalse(loop.isClosed());
  }

  @Test
  void closeFromAnotherThreadWhileRunningFails() throws Exception {
    LoopThread lt = LoopThread.start(loop);
    try {
      while (!loop.isRunning()) {
        Thread.onSpinWait();
      }
      assertThrows(IllegalStateException.class, loop::close);
    } finally {
      lt.stopAndJoin();
    }
    assertFalse(loop.isClosed());
  }

  @Test
  void runningOrSchedulingOnAClosedLoopFails() {
    loop.close();
    assertTrue(loop.isClosed());
    assertThrows(IllegalStateException.class, loop::runForever);
    assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(other.createFuture()));
    assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> 1));
    assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> {}));
    assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> {}));
    assertThrows(IllegalStateException.class, () -> loop.callLater(0.1, () -> {}));
    assertThrows(IllegalStateException.class, () -> loop.callAt(1, () -> {}));
    assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 1));
    assertThrows(IllegalStateException.class, () -> loop.createTask(() -> 1));
    assertThrows(IllegalStateException.class, loop::shutdownDefaultExecutor);
  }

  /** asyncio BaseEventLoop.close: returns at once when closed, shutdown(wait=False) of the executor. */
  @Test
  void closeIsIdempotentAndShutsTheDefaultExecutorDown() {
    assertEquals(7, loop.runUntilComplete(loop.runInExecutor(null, () -> 7)));
    ExecutorService executor = loop.defaultExecutorIfAny();
    assertFalse(executor.isShutdown());
    loop.close();
    assertTrue(executor.isShutdown());
    loop.close();
    assertTrue(loop.isClosed());
  }

  @Test
  void closeDropsPendingCallbacksAndTimersAndClosesTheSelector() {
    RecordingIoHandler io = new RecordingIoHandler();
    SelectorEventLoop l = new SelectorEventLoop(io);
    l.callSoon(() -> {});
    var timer = l.callLater(10, () -> {});
    l.close();
    assertFalse(timer.scheduled());
    assertEquals(0, l.scheduledTimerCount());
    assertTrue(io.isClosed());
  }

  @Test
  void stopIsAllowedOnAStoppedOrClosedLoop() {
    loop.stop();
    loop.close();
    loop.stop();
    assertTrue(loop.isClosed());
  }
}
