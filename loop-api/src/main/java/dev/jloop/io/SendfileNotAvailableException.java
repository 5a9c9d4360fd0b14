package dev.jloop.io;

import org.apiguardian.api.API;

/**
 * asyncio's {@code SendfileNotAvailableError}: the zero-copy path cannot be used for this
 * socket or transport and the fallback was turned off.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class SendfileNotAvailableException extends RuntimeException {
  /** Creates the exception with a message naming the socket or transport. */
  public SendfileNotAvailableException(String message) {
    super(message);
  }
}
