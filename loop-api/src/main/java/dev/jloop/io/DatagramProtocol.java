package dev.jloop.io;

import java.net.SocketAddress;
import org.apiguardian.api.API;

/** asyncio's {@code DatagramProtocol}. Callbacks run on the loop thread. */
@API(status = API.Status.STABLE, since = "0.1")
public interface DatagramProtocol extends BaseProtocol {
  /** A datagram arrived from {@code addr}; the array is the protocol's to keep. */
  default void datagramReceived(byte[] data, SocketAddress addr) {}

  /** A send or receive failed (e.g. ICMP port unreachable); the endpoint stays open. */
  default void errorReceived(Exception exc) {}
}
