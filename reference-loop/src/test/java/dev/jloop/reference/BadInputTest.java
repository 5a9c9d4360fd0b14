package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Coroutine;
import dev.jloop.Future;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments get a clear exception that names what was wrong, and change nothing. */
class BadInputTest {
  private static final double[] NOT_FINITE = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

  private final SelectorEventLoop loop = new SelectorEventLoop();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private static void assertNpeNaming(String parameter, Executable call) {
    NullPointerException e = assertThrows(NullPointerException.class, call);
    assertTrue(String.valueOf(e.getMessage()).contains(parameter),
        "the NullPointerException should name '" + parameter + "': " + e.getMessage());
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertNpeNaming("callback", () -> loop.callSoon(null));
    assertNpeNaming("callback", () -> loop.callSoonThreadsafe(null));
    assertNpeNaming("callback", () -> loop.callLater(1, null));
    assertNpeNaming("callback", () -> loop.callAt(1, null));
    assertNpeNaming("delay", () -> loop.callLater((Duration) null, () -> {}));
    assertNpeNaming("fn", () -> loop.runInExecutor(null, (Callable<Object>) null));
    assertNpeNaming("future", () -> loop.runUntilComplete((Future<Object>) null));
    assertNpeNaming("coroutine", () -> loop.runUntilComplete((Coroutine<Object>) null));
    assertNpeNaming("executor", () -> loop.setDefaultExecutor(null));
    assertNpeNaming("io", () -> new SelectorEventLoop(null));
    assertEquals(0, loop.scheduledTimerCount());
  }

  @Test
  void nonFiniteDelaysAndDeadlinesAreIllegalArguments() {
    for (double bad : NOT_FINITE) {
      assertThrows(IllegalArgumentException.class, () -> loop.callLater(bad, () -> {}), "delay " + bad);
      assertThrows(IllegalArgumentException.class, () -> loop.callAt(bad, () -> {}), "when " + bad);
    }
    assertEquals(0, loop.scheduledTimerCount());
  }
}
