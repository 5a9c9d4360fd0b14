package dev.jloop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jloop.internal.coro.CoroutineBackends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every test of a subclass twice, once per coroutine backend, whatever
 * {@code jloop.coroutine.backend} says: tasks created during a test use the backend named by
 * {@link #backend}, through the {@link CoroutineBackends#overrideForTesting} hook. In a JVM
 * where the Continuation backend is unavailable its half is skipped, with the reason.
 */
@ParameterizedClass(name = "backend={0}")
@ValueSource(strings = {"continuation", "virtual"})
abstract class BackendTestBase extends LoopTestBase {
  @Parameter
  String backend;

  @BeforeEach
  void selectBackend() {
    assumeTrue(!backend.equals("continuation") || CoroutineBackends.continuationAvailable(),
        "the Continuation backend needs --add-exports java.base/jdk.internal.vm=ALL-UNNAMED");
    CoroutineBackends.overrideForTesting(backend);
  }

  @AfterEach
  void restoreBackend() {
    CoroutineBackends.overrideForTesting(null);
  }
}
