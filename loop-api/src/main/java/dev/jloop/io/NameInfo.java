package dev.jloop.io;

import org.apiguardian.api.API;

/**
 * asyncio's {@code getnameinfo} result, the tuple {@code (host, port)}.
 *
 * @param host the host name, or the numeric address when no name is known or
 *     {@link Flag#NUMERICHOST} was asked
 * @param service the service name from the system's services database, or the port number
 */
@API(status = API.Status.STABLE, since = "0.1")
public record NameInfo(String host, String service) {

  /** {@code getnameinfo} flags: Python's {@code socket.NI_*}. */
  @API(status = API.Status.STABLE, since = "0.1")
  public enum Flag {
    /** {@code NI_NUMERICHOST}: the numeric address, no reverse lookup. */
    NUMERICHOST,
    /** {@code NI_NUMERICSERV}: the port number, no service lookup. */
    NUMERICSERV,
    /** {@code NI_NAMEREQD}: fail when the address has no name. */
    NAMEREQD,
    /** {@code NI_DGRAM}: look the service up as a UDP one. */
    DGRAM
  }
}
