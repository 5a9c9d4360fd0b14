package dev.jloop.sync;

import org.apiguardian.api.API;

/** asyncio's {@code QueueFull}: {@link Queue#putNowait} on a full queue. */
@API(status = API.Status.STABLE, since = "0.1")
public class QueueFullException extends RuntimeException {
  /** Creates the exception with a message naming the queue. */
  public QueueFullException(String message) {
    super(message);
  }
}
