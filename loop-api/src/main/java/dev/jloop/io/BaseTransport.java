package dev.jloop.io;

import org.apiguardian.api.API;

/**
 * asyncio's {@code BaseTransport}. Methods are for the loop thread, like asyncio's.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface BaseTransport {
  /**
   * Optional information about the transport, by asyncio's key names: {@code peername},
   * {@code sockname}, {@code socket}, {@code sslcontext}, {@code ssl_object}, {@code peercert},
   * {@code cipher}, {@code compression}, {@code pipe}, {@code subprocess}. {@code null} if absent.
   */
  Object getExtraInfo(String name);

  /** {@link #getExtraInfo(String)}, or {@code fallback} when absent. */
  default Object getExtraInfo(String name, Object fallback) {
    Object v = getExtraInfo(name);
    return v != null ? v : fallback;
  }

  /** Whether the transport is closing or closed. */
  boolean isClosing();

  /**
   * Closes the transport: buffered data is flushed first, then {@code connectionLost(null)} is
   * called. Idempotent.
   */
  void close();

  /** Replaces the protocol that receives the callbacks. */
  void setProtocol(BaseProtocol protocol);

  /** The current protocol. */
  BaseProtocol getProtocol();
}
