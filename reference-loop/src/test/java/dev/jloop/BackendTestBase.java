package dev.jloop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jloop.internal.coro.CoroutineBackends;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the tests of a subclass once per coroutine backend: tasks created during a test use the
 * backend named by {@link #backend}, through the {@link CoroutineBackends#overrideForTesting}
 * hook.
 *
 * <p>Which backends: the build runs every module's tests twice, with
 * {@code jloop.coroutine.backend} set to {@code continuation} and then to {@code virtual}; then
 * each run takes just that backend. Without the property (an IDE, a plain {@code java} run) or
 * with {@code auto}, one run covers both. Where the Continuation backend is unavailable its
 * half is skipped, with the reason.
 */
@ParameterizedClass(name = "backend={0}")
@MethodSource("dev.jloop.BackendTestBase#backends")
abstract class BackendTestBase extends LoopTestBase {
  @Parameter
  String backend;

  static List<String> backends() {
    String chosen = System.getProperty(CoroutineBackends.PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    return chosen.equals("continuation") || chosen.equals("virtual")
        ? List.of(chosen)
        : List.of("continuation", "virtual");
  }

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
