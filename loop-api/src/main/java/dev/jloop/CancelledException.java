package dev.jloop;

import org.apiguardian.api.API;

/**
 * asyncio's {@code CancelledError}: thrown by {@link Future#result()} of a cancelled future and
 * at the await point of a cancelled task. The message is the one given to
 * {@link Future#cancel(String)}, or {@code null}.
 *
 * <p>asyncio makes {@code CancelledError} a {@code BaseException} so that {@code except
 * Exception} does not swallow it. Java has no such split: code that catches {@code Exception}
 * around an await must rethrow this exception, as asyncio code must re-raise after cleanup.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class CancelledException extends RuntimeException {
  /** Creates the exception with the cancellation message, which may be {@code null}. */
  public CancelledException(String message) {
    super(message);
  }
}
