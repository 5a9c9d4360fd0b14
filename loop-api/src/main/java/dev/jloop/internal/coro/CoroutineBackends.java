package dev.jloop.internal.coro;

import java.util.Locale;

/**
 * Chooses the coroutine backend once per JVM: the system property {@code jloop.coroutine.backend}
 * ({@code continuation}, {@code virtual} or {@code auto}, the default). {@code auto} takes the
 * Continuation backend when {@code java.base/jdk.internal.vm} is exported to jloop, virtual
 * threads otherwise. Asking for {@code continuation} where it is unavailable fails loudly.
 */
public final class CoroutineBackends {
  /** The system property that selects the backend. */
  public static final String PROPERTY = "jloop.coroutine.backend";

  private static final CoroutineBackend SELECTED = select(System.getProperty(PROPERTY, "auto"));
  private static volatile CoroutineBackend override;

  private CoroutineBackends() {}

  /** The backend new tasks use: the test override if one is set, else the selected one. */
  public static CoroutineBackend get() {
    CoroutineBackend o = override;
    return o != null ? o : SELECTED;
  }

  /**
   * Test hook: makes tasks created from now on, on every thread, use the backend named
   * {@code name} ({@code continuation}, {@code virtual} or {@code auto}); {@code null} goes back
   * to the one the system property selected. Each task keeps the backend it was created with,
   * so switching between loop runs is safe; switching while two loops create tasks concurrently
   * gives them an unspecified mix. For tests and benchmarks that cover both backends in one JVM;
   * not an API.
   *
   * @throws IllegalArgumentException for an unknown name
   * @throws IllegalStateException if {@code continuation} is asked for and unavailable
   */
  public static void overrideForTesting(String name) {
    override = name == null ? null : select(name);
  }

  /** A backend by name; for tests and benchmarks that compare both. */
  public static CoroutineBackend named(String name) {
    return select(name);
  }

  /** Whether the Continuation backend can run in this JVM. */
  public static boolean continuationAvailable() {
    return ContinuationBackend.unavailableReason() == null;
  }

  private static CoroutineBackend select(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "continuation":
        if (!continuationAvailable()) {
          throw new IllegalStateException(PROPERTY + "=continuation, but jdk.internal.vm.Continuation "
              + "is not accessible: run with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED",
              ContinuationBackend.unavailableReason());
        }
        return new ContinuationBackend();
      case "virtual":
        return new VirtualThreadBackend();
      case "auto":
        return continuationAvailable() ? new ContinuationBackend() : new VirtualThreadBackend();
      default:
        throw new IllegalArgumentException(
            PROPERTY + " must be continuation, virtual or auto, not '" + name + "'");
    }
  }
}
