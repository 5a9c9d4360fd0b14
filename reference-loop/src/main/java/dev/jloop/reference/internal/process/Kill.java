package dev.jloop.reference.internal.process;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Sends POSIX signals to a child. The JDK can send only two: {@link ProcessHandle#destroy()}
 * (SIGTERM) and {@link ProcessHandle#destroyForcibly()} (SIGKILL); those go through the
 * {@link ProcessHandle}, without closing the child's pipes as {@link Process#destroy()} would.
 * Any other signal runs the {@code kill -<signal> <pid>} command and waits for it (a few
 * milliseconds on the calling thread), since the JDK has no {@code kill(2)}.
 */
final class Kill {
  static final int SIGKILL = 9;
  static final int SIGTERM = 15;
  /** The largest signal number Linux knows ({@code SIGRTMAX}). */
  static final int MAX_SIGNAL = 64;

  private Kill() {}

  /**
   * Sends {@code signal} to {@code handle}'s process if it is still alive.
   *
   * @throws IllegalArgumentException if {@code signal} is not in 0..64
   * @throws UncheckedIOException if the {@code kill} command cannot run
   */
  static void send(ProcessHandle handle, int signal) {
    check(signal);
    if (!handle.isAlive()) {
      return;
    }
    if (signal == SIGTERM) {
      handle.destroy();
    } else if (signal == SIGKILL) {
      handle.destroyForcibly();
    } else {
      runKill(handle.pid(), signal);
    }
  }

  /**
   * Checks that {@code signal} is a signal number.
   *
   * @throws IllegalArgumentException if it is not in 0..64
   */
  static void check(int signal) {
    if (signal < 0 || signal > MAX_SIGNAL) {
      throw new IllegalArgumentException("invalid signal number " + signal);
    }
  }

  private static void runKill(long pid, int signal) {
    try {
      Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      boolean interrupted = false;
      while (true) {
        try {
          k.waitFor();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      // A non-zero status means the process went away meanwhile: nothing to signal, as
      // Popen.send_signal() ignores a process that is gone.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill -" + signal + " " + pid, e);
    }
  }
}
