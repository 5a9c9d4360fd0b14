package dev.jloop.sync;

import org.apiguardian.api.API;

/** asyncio's {@code QueueEmpty}: {@link Queue#getNowait} on an empty queue. */
@API(status = API.Status.STABLE, since = "0.1")
public class QueueEmptyException extends RuntimeException {
  /** Creates the exception with a message naming the queue. */
  public QueueEmptyException(String message) {
    super(message);
  }
}
