package dev.jloop.internal.coro;

/**
 * How task bodies are suspended: on a {@code jdk.internal.vm.Continuation} running on the loop
 * thread, or on a virtual thread that takes turns with the loop thread. Both give the same
 * semantics: exactly one of the loop thread and the task runs at any time.
 */
public interface CoroutineBackend {
  /** {@code continuation} or {@code virtual}. */
  String name();

  /** A fiber that will run {@code body}. The body must not throw. */
  Fiber newFiber(Runnable body);

  /**
   * Suspends the fiber that is running on this thread, returning when it is resumed.
   *
   * @throws IllegalStateException if no fiber of this backend is running here, or the fiber
   *     cannot suspend (a continuation pinned by a native frame or held monitor)
   */
  void suspend();
}
