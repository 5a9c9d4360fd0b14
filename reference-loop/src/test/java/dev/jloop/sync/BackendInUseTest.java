package dev.jloop.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jloop.Async;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Shows which coroutine backend ran this module's tests: run them once per backend with
 * {@code -Djloop.coroutine.backend=continuation} and {@code =virtual}.
 */
class BackendInUseTest {
  @Test
  void tasksRunOnTheRequestedBackend() {
    String requested = System.getProperty("jloop.coroutine.backend", "auto");
    assumeTrue(Set.of("continuation", "virtual").contains(requested), "backend chosen automatically");
    assertEquals(requested, Loops.run(() -> Async.currentTask().backendName()));
  }
}
