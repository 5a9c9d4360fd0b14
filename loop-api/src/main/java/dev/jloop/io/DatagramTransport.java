package dev.jloop.io;

import java.net.SocketAddress;
import org.apiguardian.api.API;

/** asyncio's {@code DatagramTransport}. Loop thread only. */
@API(status = API.Status.STABLE, since = "0.1")
public interface DatagramTransport extends BaseTransport {
  /**
   * Sends one datagram to {@code addr}, or to the connected peer when {@code addr} is
   * {@code null}. Never blocks: datagrams that cannot go out now are buffered in order.
   */
  void sendto(byte[] data, SocketAddress addr);

  /** Closes now, discarding buffered datagrams. */
  void abort();

  /** Bytes of datagrams buffered. */
  long getWriteBufferSize();
}
