package dev.jloop.io;

import java.net.SocketAddress;
import org.apiguardian.api.API;

/**
 * asyncio's {@code DatagramTransport}, with the write flow control asyncio's selector transport
 * inherits from {@code _FlowControlMixin}. Loop thread only.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface DatagramTransport extends BaseTransport {
  /**
   * Sends one datagram to {@code addr}, or to the connected peer when {@code addr} is
   * {@code null}. Never blocks: datagrams that cannot go out now are buffered in order.
   *
   * @throws NullPointerException if {@code data} is {@code null}, or {@code addr} is
   *     {@code null} on an endpoint without a remote address
   * @throws IllegalArgumentException if the endpoint has a remote address and {@code addr} is
   *     another one
   */
  void sendto(byte[] data, SocketAddress addr);

  /** Closes now, discarding buffered datagrams. */
  void abort();

  /**
   * Bytes of datagrams buffered, each counted with its 8-byte UDP header as asyncio does since
   * Python 3.12 (so that empty datagrams count too).
   */
  long getWriteBufferSize();

  /** As {@link WriteTransport#setWriteBufferLimits(int, int)}. */
  void setWriteBufferLimits(int high, int low);

  /** As {@link WriteTransport#getWriteBufferLimits()}. */
  WriteTransport.WaterMarks getWriteBufferLimits();
}
