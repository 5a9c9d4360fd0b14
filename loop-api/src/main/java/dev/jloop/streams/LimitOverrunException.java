package dev.jloop.streams;

import org.apiguardian.api.API;

/**
 * asyncio's {@code LimitOverrunError}: a separator read would exceed the reader's limit. The
 * data stays in the reader's buffer; {@link #consumed()} bytes can be read past.
 *
 * <p>Unchecked, so that it crosses {@link dev.jloop.Async#await}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class LimitOverrunException extends RuntimeException {
  private final int consumed;

  /** @param consumed the number of bytes to be consumed (asyncio's {@code consumed}) */
  public LimitOverrunException(String message, int consumed) {
    super(message);
    this.consumed = consumed;
  }

  /** The number of bytes that would have to be consumed. */
  public int consumed() {
    return consumed;
  }
}
