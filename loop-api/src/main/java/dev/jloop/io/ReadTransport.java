package dev.jloop.io;

import org.apiguardian.api.API;

/** asyncio's {@code ReadTransport}. Loop thread only. */
@API(status = API.Status.STABLE, since = "0.1")
public interface ReadTransport extends BaseTransport {
  /** Whether the transport is receiving (not paused, not closing). */
  boolean isReading();

  /** Stops calling the protocol's data callbacks until {@link #resumeReading()}. Idempotent. */
  void pauseReading();

  /** Resumes data callbacks. Idempotent. */
  void resumeReading();
}
