package dev.jloop.io;

import java.nio.ByteBuffer;
import org.apiguardian.api.API;

/**
 * asyncio's {@code BufferedProtocol}: a stream protocol that lends the transport its own buffer,
 * so received bytes land there without a copy.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface BufferedProtocol extends BaseProtocol {
  /**
   * A buffer to read into: its remaining space (position to limit) receives the bytes. It must
   * have space. {@code sizeHint} is the size the transport would like, or -1 for any.
   */
  ByteBuffer getBuffer(int sizeHint);

  /** {@code nbytes} bytes were written into the buffer last returned, from its position on. */
  void bufferUpdated(int nbytes);

  /** As {@link Protocol#eofReceived()}. */
  default boolean eofReceived() {
    return false;
  }
}
