package dev.jloop;

import org.apiguardian.api.API;

/**
 * asyncio's {@code InvalidStateError}: an operation that the future's state forbids, such as
 * {@code setResult} on a done future or {@code result()} on a pending one.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class InvalidStateException extends IllegalStateException {
  /** Creates the exception with a message naming the operation and the state. */
  public InvalidStateException(String message) {
    super(message);
  }
}
