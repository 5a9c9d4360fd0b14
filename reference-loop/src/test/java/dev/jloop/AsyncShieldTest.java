package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link Async#shield}: asyncio's {@code shield} (test_tasks.py {@code test_shield_*}). */
class AsyncShieldTest extends BackendTestBase {

  @Test
  void aDoneFutureIsReturnedAsItIs() {
    Future<String> done = loop.createFuture();
    done.setResult("x");
    assertSame(done, Async.shield(done));
  }

  @Test
  void theShieldFollowsTheInnerResultAndException() {
    Future<String> inner = loop.createFuture();
    Future<String> outer = Async.shield(inner);
    inner.setResult("through");
    assertEquals("through", loop.runUntilComplete(outer));

    Future<String> failing = loop.createFuture();
    Future<String> outer2 = Async.shield(failing);
    IOException error = new IOException("x");
    failing.setException(error);
    assertSame(error, assertThrows(IOException.class, () -> loop.runUntilComplete(outer2)));
  }

  @Test
  void cancellingTheAwaitingTaskLeavesTheInnerTaskRunning() {
    Future<String> gate = loop.createFuture();
    Task<String> inner = loop.createTask(() -> "finished anyway after " + Async.await(gate));
    Task<String> waiter = loop.createTask(() -> Async.await(Async.shield(inner)));
    runOnePass();
    assertTrue(waiter.cancel());
    assertThrows(CancelledException.class, () -> loop.runUntilComplete(waiter));
    assertFalse(inner.done(), "the shielded task was cancelled or finished early");
    gate.setResult("the gate opened");
    assertEquals("finished anyway after the gate opened", loop.runUntilComplete(inner));
  }

  @Test
  void cancellingTheInnerFutureCancelsTheShield() {
    Future<String> inner = loop.createFuture();
    Future<String> outer = Async.shield(inner);
    inner.cancel();
    assertThrows(CancelledException.class, () -> loop.runUntilComplete(outer));
    assertTrue(outer.cancelled());
  }

  @Test
  void shieldRejectsNull() {
    assertThrows(NullPointerException.class, () -> Async.shield(null));
  }
}
