package dev.jloop;

import org.apiguardian.api.API;

/**
 * The body of a task: asyncio's coroutine function, as a plain lambda.
 *
 * <p>Inside {@link #run()}, {@link Async#await(Future)} suspends the task (not the loop thread)
 * until the awaited future is done. A coroutine runs only as the body of a {@link Task}; it is
 * never called directly by the loop.
 *
 * @param <T> the result type (use {@code Void} and return {@code null} for none)
 */
@API(status = API.Status.STABLE, since = "0.1")
@FunctionalInterface
public interface Coroutine<T> {
  /**
   * Runs the body. Any exception it throws becomes the task's exception; a
   * {@link CancelledException} that escapes cancels the task.
   */
  T run() throws Exception;
}
