package dev.jloop;

import org.apiguardian.api.API;

/**
 * When {@link Async#wait(java.util.Collection, Double, ReturnWhen)} returns: asyncio's
 * {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION} and {@code ALL_COMPLETED} constants.
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum ReturnWhen {
  /** As soon as any future is done (or cancelled). */
  FIRST_COMPLETED,
  /**
   * As soon as any future finishes with an exception; a cancelled future does not count. If
   * none fails, this is {@link #ALL_COMPLETED}.
   */
  FIRST_EXCEPTION,
  /** When every future is done or cancelled. */
  ALL_COMPLETED
}
