package dev.jloop.reference.net;

import dev.jloop.Coroutine;
import dev.jloop.EventLoop;
import dev.jloop.Task;
import dev.jloop.TimerHandle;

/** Runs test bodies on a loop with a watchdog, so that a hang fails the test instead. */
public final class LoopRunner {
  /** The watchdog's default budget, in seconds: generous, for a loaded machine. */
  static final double TIMEOUT = 60;

  private LoopRunner() {}

  /** Runs {@code body} as a task; cancels it (the test then fails) after {@code seconds}. */
  public static <T> T run(EventLoop loop, double seconds, Coroutine<T> body) {
    Task<T> task = loop.createTask(body);
    TimerHandle watchdog = loop.callLater(seconds, () -> task.cancel("test timed out after " + seconds + " s"));
    try {
      return loop.runUntilComplete(task);
    } finally {
      watchdog.cancel();
    }
  }

  public static <T> T run(EventLoop loop, Coroutine<T> body) {
    return run(loop, TIMEOUT, body);
  }
}
