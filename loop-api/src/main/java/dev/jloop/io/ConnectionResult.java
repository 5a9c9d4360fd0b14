package dev.jloop.io;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What asyncio's {@code create_connection} returns: the {@code (transport, protocol)} pair.
 *
 * @param transport the connected transport; never {@code null}
 * @param protocol the protocol the factory made, already told {@code connectionMade}
 * @param <P> the protocol type
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ConnectionResult<P extends BaseProtocol>(Transport transport, P protocol) {
  /** @throws NullPointerException if either is {@code null} */
  public ConnectionResult {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(protocol, "protocol");
  }
}
