package dev.jloop.reference.internal.process;

import dev.jloop.EventLoop;
import java.io.Closeable;
import java.io.IOException;

/** What the pump threads of the subprocess pipes share. */
final class Pumps {
  private Pumps() {}

  /** Starts a daemon platform thread (it blocks in native reads and writes). */
  static Thread start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * Hands {@code onLoop} to the loop thread; false if the loop is closed, in which case the
   * pump should stop (nobody will run its callbacks again).
   */
  static boolean post(EventLoop loop, Runnable onLoop) {
    try {
      loop.callSoonThreadsafe(onLoop);
      return true;
    } catch (IllegalStateException closed) {
      return false;
    }
  }

  static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing a pipe of a process that is gone: nothing to report
    }
  }
}
