package dev.jloop;

import dev.jloop.io.DatagramOptions;
import dev.jloop.io.DatagramProtocol;
import dev.jloop.io.DatagramTransport;
import dev.jloop.io.ReceivedDatagram;
import dev.jloop.io.ReceivedInto;
import dev.jloop.io.TransportProtocol;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The part of {@link EventLoop} that covers asyncio's datagram networking:
 * {@code create_datagram_endpoint} and the datagram {@code sock_*} helpers.
 *
 * <p>Every method has a default that throws {@link UnsupportedOperationException} naming the
 * asyncio method, so that a loop without this feature still compiles; the TCK reports such a
 * method as "not implemented". Loop thread only, like the rest of {@link EventLoop}; every
 * returned future completes on the loop thread.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface EventLoopDatagrams {

  /**
   * Creates a UDP endpoint: a {@link DatagramTransport} and the protocol {@code protocolFactory}
   * makes. asyncio: {@code create_datagram_endpoint}.
   *
   * <p>The future completes once {@code connectionMade} has run. Then, on the loop thread:
   * {@code datagramReceived} per datagram; {@code errorReceived} for a failed send or receive
   * (for example {@link java.net.PortUnreachableException} on a connected endpoint whose peer
   * answered with ICMP port unreachable); {@code pauseWriting}/{@code resumeWriting} as the
   * write buffer crosses its water marks; {@code connectionLost} exactly once, last.
   *
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException if the loop is closed
   * @return a future of the pair; it fails with the {@link java.io.IOException} of the last
   *     address tried, or {@link IllegalArgumentException} for options asyncio rejects (no
   *     address and no family, addresses of different families)
   */
  default <P extends DatagramProtocol> Future<TransportProtocol<DatagramTransport, P>>
      createDatagramEndpoint(Supplier<? extends P> protocolFactory, DatagramOptions options) {
    throw new UnsupportedOperationException("create_datagram_endpoint");
  }

  /**
   * Receives one datagram of at most {@code bufsize} bytes from the non-blocking channel
   * {@code sock} (longer datagrams are truncated). asyncio: {@code sock_recvfrom}.
   *
   * @throws IllegalArgumentException if {@code bufsize} is negative or the channel is blocking
   * @throws NullPointerException if {@code sock} is {@code null}
   */
  default Future<ReceivedDatagram> sockRecvfrom(DatagramChannel sock, int bufsize) {
    throw new UnsupportedOperationException("sock_recvfrom");
  }

  /**
   * Receives one datagram into {@code buf} (at most {@code nbytes} bytes, or the buffer's
   * remaining space when {@code nbytes} is 0), advancing its position. asyncio:
   * {@code sock_recvfrom_into}.
   *
   * @throws IllegalArgumentException if {@code nbytes} is negative or above the buffer's
   *     remaining space, or the channel is blocking
   */
  default Future<ReceivedInto> sockRecvfromInto(DatagramChannel sock, ByteBuffer buf, int nbytes) {
    throw new UnsupportedOperationException("sock_recvfrom_into");
  }

  /**
   * Sends {@code data} as one datagram to {@code address} through the non-blocking channel
   * {@code sock}, waiting for room in the socket buffer if needed; the future's result is the
   * number of bytes sent. asyncio: {@code sock_sendto}.
   *
   * @throws IllegalArgumentException if the channel is blocking
   */
  default Future<Integer> sockSendto(DatagramChannel sock, byte[] data, SocketAddress address) {
    throw new UnsupportedOperationException("sock_sendto");
  }
}
