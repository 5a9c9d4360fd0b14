package dev.jloop.io;

import java.net.SocketAddress;
import org.apiguardian.api.API;

/**
 * What asyncio's {@code sock_recvfrom_into} returns: how many bytes were stored and the sender.
 *
 * @param nbytes the number of bytes written into the caller's buffer
 * @param address the sender
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ReceivedInto(int nbytes, SocketAddress address) {}
