package dev.jloop;

import org.apiguardian.api.API;

/**
 * asyncio's {@code TimeoutError} (the builtin {@code TimeoutError} since Python 3.11): raised by
 * {@link Async#waitFor}, {@link Async#timeout} and friends when the deadline passes.
 *
 * <p>Unchecked, unlike {@link java.util.concurrent.TimeoutException}, so that it crosses
 * {@link Async#await(Future)} the way asyncio's exception crosses {@code await}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class AsyncTimeoutException extends RuntimeException {
  /** Creates the exception; the message may be {@code null}. */
  public AsyncTimeoutException(String message) {
    super(message);
  }

  /** Creates the exception with the cancellation that the timeout turned into this one. */
  public AsyncTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
