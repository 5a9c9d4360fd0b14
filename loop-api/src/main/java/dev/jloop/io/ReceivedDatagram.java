package dev.jloop.io;

import java.net.SocketAddress;
import org.apiguardian.api.API;

/**
 * What asyncio's {@code sock_recvfrom} returns: the datagram's bytes and its sender.
 *
 * @param data the datagram (possibly truncated to the requested size); the caller's to keep
 * @param address the sender
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ReceivedDatagram(byte[] data, SocketAddress address) {}
