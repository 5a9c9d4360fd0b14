package dev.jloop.io;

import org.apiguardian.api.API;

/** asyncio's {@code SubprocessTransport}. Loop thread only. */
@API(status = API.Status.STABLE, since = "0.1")
public interface SubprocessTransport extends BaseTransport {
  /** The child's process id. */
  long getPid();

  /** The exit status, or {@code null} while the child runs (negative: killed by that signal). */
  Integer getReturncode();

  /** The transport of pipe {@code fd} (0, 1, 2), or {@code null} if that pipe is not connected. */
  BaseTransport getPipeTransport(int fd);

  /** Sends {@code signal} (a POSIX signal number) to the child. */
  void sendSignal(int signal);

  /** SIGTERM. */
  void terminate();

  /** SIGKILL. */
  void kill();
}
