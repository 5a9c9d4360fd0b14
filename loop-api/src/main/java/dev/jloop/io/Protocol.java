package dev.jloop.io;

import org.apiguardian.api.API;

/**
 * asyncio's {@code Protocol}: a stream protocol that receives bytes.
 *
 * <p>Calls, on the loop thread: connectionMade, dataReceived* , eofReceived at most once,
 * connectionLost.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Protocol extends BaseProtocol {
  /** Bytes arrived; the array is the protocol's to keep. Never empty. */
  default void dataReceived(byte[] data) {}

  /**
   * The peer sent EOF (half-close). Return {@code true} to keep the connection open for
   * writing; {@code false} (the default) lets the transport close itself.
   */
  default boolean eofReceived() {
    return false;
  }
}
