package dev.jloop.io;

import org.apiguardian.api.API;

/**
 * asyncio's {@code SubprocessProtocol}. File descriptors are numbered as in POSIX: 0 stdin,
 * 1 stdout, 2 stderr. Callbacks run on the loop thread.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface SubprocessProtocol extends BaseProtocol {
  /** The child wrote {@code data} to {@code fd} (1 or 2). */
  default void pipeDataReceived(int fd, byte[] data) {}

  /** The pipe {@code fd} closed; {@code exc} is {@code null} on a clean close. */
  default void pipeConnectionLost(int fd, Throwable exc) {}

  /** The child exited; its return code is on the transport. */
  default void processExited() {}
}
