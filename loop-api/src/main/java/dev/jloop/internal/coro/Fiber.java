package dev.jloop.internal.coro;

/**
 * One suspendable execution of a task body. Driven by the loop thread: {@link #resume()} runs
 * the body until it calls {@link CoroutineBackend#suspend()} or returns. Not thread-safe: only
 * the task's owner resumes it, one resume at a time.
 */
public interface Fiber {
  /** Runs the body until it suspends or finishes; returns then. */
  void resume();

  /** Whether the body has returned (normally or not). */
  boolean isDone();
}
