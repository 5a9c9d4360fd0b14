package dev.jloop.sync;

import org.apiguardian.api.API;

/**
 * asyncio's {@code BrokenBarrierError}: a {@link Barrier} was aborted or reset while a task
 * waited on it, or is broken when a task arrives. Named apart from
 * {@code java.util.concurrent.BrokenBarrierException}, which is checked and thread-based.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class BarrierBrokenException extends RuntimeException {
  /** Creates the exception with a message saying what broke the barrier. */
  public BarrierBrokenException(String message) {
    super(message);
  }
}
