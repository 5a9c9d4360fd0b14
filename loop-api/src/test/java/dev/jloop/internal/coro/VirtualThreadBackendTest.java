package dev.jloop.internal.coro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The virtual-thread backend's baton passing, whatever its adaptive spin does: each resume runs
 * the body exactly to its next suspend, one side at a time, and what one side wrote before the
 * hand-over is visible to the other.
 */
class VirtualThreadBackendTest {
  private final VirtualThreadBackend backend = new VirtualThreadBackend();

  @Test
  void handOversStayExclusiveAndOrderedWhetherTheySpinOrPark() throws InterruptedException {
    int switches = 3000;
    int[] plain = {0}; // written by both sides without synchronisation: the baton must order it
    AtomicInteger inside = new AtomicInteger();
    Fiber f = backend.newFiber(() -> {
      for (int i = 0; i < switches; i++) {
        if (inside.incrementAndGet() != 1) {
          throw new AssertionError("the fiber ran while the loop side did");
        }
        plain[0]++;
        inside.decrementAndGet();
        backend.suspend();
      }
    });
    for (int i = 0; i < switches; i++) {
      f.resume();
      assertEquals(0, inside.get(), "the fiber still runs after resume returned");
      assertEquals(i + 1, plain[0], "resume " + i);
      if (i % 500 == 250) {
        Thread.sleep(2); // the fiber's spin fails and it parks; its next spins are shorter
      }
    }
    assertFalse(f.isDone());
    f.resume(); // returns from the last suspend: the body ends
    assertTrue(f.isDone());
  }

  @Test
  void spinBoundsAreOrdered() {
    assertTrue(VirtualThreadBackend.MIN_SPINS >= 0);
    assertTrue(VirtualThreadBackend.MIN_SPINS <= VirtualThreadBackend.MAX_SPINS);
  }
}
