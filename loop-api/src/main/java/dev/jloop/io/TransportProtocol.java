package dev.jloop.io;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The {@code (transport, protocol)} pair that asyncio's connection methods return, for example
 * {@code create_datagram_endpoint}, {@code connect_read_pipe} and {@code subprocess_exec}.
 *
 * @param transport the transport, never {@code null}
 * @param protocol the protocol the factory made, never {@code null}
 * @param <T> the transport type
 * @param <P> the protocol type
 */
@API(status = API.Status.STABLE, since = "0.1")
public record TransportProtocol<T extends BaseTransport, P extends BaseProtocol>(
    T transport, P protocol) {
  /** Checks both parts. */
  public TransportProtocol {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(protocol, "protocol");
  }
}
