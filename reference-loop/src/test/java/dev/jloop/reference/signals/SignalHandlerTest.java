package dev.jloop.reference.signals;

import static dev.jloop.reference.proctest.Loops.runFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.Loops;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sun.misc.Signal;

/**
 * asyncio's add_signal_handler/remove_signal_handler, with real signals sent to this JVM by
 * {@code kill}. Safety: a signal whose default action would end the JVM (USR1, USR2, HUP,
 * TERM) is only sent while a handler of the test or of the loop is installed; after a removal
 * only WINCH (default: ignored) is sent.
 */
@Timeout(120)
class SignalHandlerTest {
  private static final long PID = ProcessHandle.current().pid();

  private SelectorEventLoop loop;

  @BeforeEach
  void open() {
    loop = new SelectorEventLoop();
  }

  @AfterEach
  void close() {
    loop.close();
  }

  private static void kill(String name) {
    try {
      Process k = new ProcessBuilder("kill", "-" + name, Long.toString(PID)).start();
      assertTrue(k.waitFor(30, TimeUnit.SECONDS) && k.exitValue() == 0, "kill -" + name + " failed");
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Sends the signal from another thread once the loop is running (and so blocked in select). */
  private void killWhileRunning(String name) {
    Thread t = new Thread(() -> {
      while (!loop.isRunning()) {
        Thread.onSpinWait();
      }
      kill(name);
    }, "test-kill");
    t.setDaemon(true);
    t.start();
  }

  @Test
  void theCallbackRunsOnTheLoopThreadAndWakesALoopBlockedInSelect() {
    List<Thread> ran = new ArrayList<>();
    loop.addSignalHandler("USR1", () -> {
      ran.add(Thread.currentThread());
      loop.stop();
    });
    killWhileRunning("USR1");
    // nothing else is scheduled: without the wake-up the loop would sleep until the watchdog
    loop.callLater(Loops.TIMEOUT, loop::stop);
    loop.runForever();
    assertEquals(List.of(Thread.currentThread()), ran);
    assertTrue(loop.removeSignalHandler("USR1"));
  }

  @Test
  void signalsByNumberAndByNameWithOrWithoutSig() {
    AtomicInteger hup = new AtomicInteger();
    AtomicInteger winch = new AtomicInteger();
    AtomicInteger usr2 = new AtomicInteger();
    loop.addSignalHandler(new Signal("HUP").getNumber(), hup::incrementAndGet);
    loop.addSignalHandler("SIGWINCH", winch::incrementAndGet);
    loop.addSignalHandler("usr2", usr2::incrementAndGet);
    kill("HUP");
    kill("WINCH");
    kill("USR2");
    Loops.runUntil(loop, () -> hup.get() == 1 && winch.get() == 1 && usr2.get() == 1);
    assertTrue(loop.removeSignalHandler("HUP"));
    assertTrue(loop.removeSignalHandler(new Signal("WINCH").getNumber()));
    assertTrue(loop.removeSignalHandler("SIGUSR2"));
    assertFalse(loop.removeSignalHandler("USR2"), "nothing left to remove");
  }

  @Test
  void removingPutsBackTheHandlerThatWasThereBefore() throws InterruptedException {
    CountDownLatch testHandler = new CountDownLatch(1);
    Signal usr1 = new Signal("USR1");
    var original = Signal.handle(usr1, s -> testHandler.countDown());
    try {
      AtomicInteger loopCalls = new AtomicInteger();
      loop.addSignalHandler("USR1", loopCalls::incrementAndGet);
      loop.addSignalHandler("USR1", () -> loopCalls.addAndGet(100)); // replaces the first
      kill("USR1");
      Loops.runUntil(loop, () -> loopCalls.get() > 0);
      assertEquals(100, loopCalls.get(), "the second callback replaced the first");
      assertTrue(loop.removeSignalHandler("USR1"));
      kill("USR1");
      assertTrue(testHandler.await(30, TimeUnit.SECONDS), "the test's own handler is back");
      runFor(loop, 0.05);
      assertEquals(100, loopCalls.get());
    } finally {
      Signal.handle(usr1, original);
    }
  }

  @Test
  void closingTheLoopRemovesItsHandlers() throws InterruptedException {
    CountDownLatch testHandler = new CountDownLatch(1);
    Signal hup = new Signal("HUP");
    var original = Signal.handle(hup, s -> testHandler.countDown());
    try {
      loop.addSignalHandler("HUP", () -> { });
      loop.close();
      kill("HUP");
      assertTrue(testHandler.await(30, TimeUnit.SECONDS));
    } finally {
      Signal.handle(hup, original);
    }
  }

  @Test
  void aSignalAfterRemovalWithTheDefaultActionIgnoredDoesNothing() {
    AtomicInteger calls = new AtomicInteger();
    loop.addSignalHandler("WINCH", calls::incrementAndGet);
    assertTrue(loop.removeSignalHandler("WINCH"));
    kill("WINCH");
    runFor(loop, 0.1);
    assertEquals(0, calls.get());
  }

  @Test
  void anExceptionInTheCallbackGoesToTheExceptionHandler() {
    List<Throwable> reported = new ArrayList<>();
    loop.setExceptionHandler((l, ctx) -> reported.add(ctx.exception()));
    loop.addSignalHandler("WINCH", () -> {
      throw new IllegalStateException("from the signal callback");
    });
    kill("WINCH");
    Loops.runUntil(loop, () -> !reported.isEmpty());
    assertSame(IllegalStateException.class, reported.get(0).getClass());
    loop.removeSignalHandler("WINCH");
  }

  @Test
  void signalsTheJvmKeepsOrNoProcessCanCatchAreRefused() {
    // SIGQUIT is the JVM's thread dump, SIGKILL and SIGSTOP cannot be caught
    assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler("QUIT", () -> { }));
    assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler(9, () -> { }));
    assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler("SIGSTOP", () -> { }));
    assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler("SEGV", () -> { }));
    assertFalse(loop.removeSignalHandler("QUIT"));
  }

  @Test
  void badArguments() {
    assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler("NOSUCHSIGNAL", () -> { }));
    assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler(0, () -> { }));
    assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler(-1, () -> { }));
    assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler(1000, () -> { }));
    assertThrows(IllegalArgumentException.class, () -> loop.removeSignalHandler("NOSUCHSIGNAL"));
    assertThrows(IllegalArgumentException.class, () -> loop.removeSignalHandler(-5));
    assertThrows(NullPointerException.class, () -> loop.addSignalHandler("WINCH", null));
    assertThrows(NullPointerException.class, () -> loop.addSignalHandler((String) null, () -> { }));
    assertThrows(NullPointerException.class, () -> loop.removeSignalHandler((String) null));
    loop.close();
    assertThrows(IllegalStateException.class, () -> loop.addSignalHandler("WINCH", () -> { }));
  }
}
