package dev.jloop;

import org.apiguardian.api.API;

/**
 * Creates the tasks of a loop, as set by {@link EventLoop#setTaskFactory}: asyncio's
 * {@code task_factory(loop, coro)}. Called on the loop thread.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface TaskFactory {
  /**
   * Creates (and so schedules) a task for {@code coroutine} on {@code loop}.
   *
   * @param name the task's name, or {@code null} for a generated one
   */
  <T> Task<T> create(EventLoop loop, Coroutine<T> coroutine, String name);
}
