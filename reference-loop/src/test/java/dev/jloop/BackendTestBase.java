package dev.jloop;

import dev.jloop.internal.coro.CoroutineBackends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every test of a subclass twice, once per coroutine backend, whatever
 * {@code jloop.coroutine.backend} says: tasks created during a test use the backend named by
 * {@link #backend}, through the {@link CoroutineBackends#overrideForTesting} hook.
 */
@ParameterizedClass(name = "backend={0}")
@ValueSource(strings = {"continuation", "virtual"})
abstract class BackendTestBase extends LoopTestBase {
  @Parameter
  String backend;

  @BeforeEach
  void selectBackend() {
    CoroutineBackends.overrideForTesting(backend);
  }

  @AfterEach
  void restoreBackend() {
    CoroutineBackends.overrideForTesting(null);
  }
}
