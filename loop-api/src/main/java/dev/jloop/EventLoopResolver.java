package dev.jloop;

import dev.jloop.io.AddrInfo;
import dev.jloop.io.NameInfo;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The part of {@link EventLoop} that covers asyncio's name resolution: {@code getaddrinfo} and
 * {@code getnameinfo}, which asyncio runs on the default executor.
 *
 * <p>Every method has a default that throws {@link UnsupportedOperationException} naming the
 * asyncio method. Loop thread only; the futures complete on the loop thread.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface EventLoopResolver {

  /**
   * Resolves {@code host} and {@code port} to socket addresses. asyncio: {@code getaddrinfo}.
   *
   * <p>{@code host} may be a name, a numeric IPv4 or IPv6 address, or {@code null} (the
   * loopback address, or the wildcard address with {@link AddrInfo.Flag#PASSIVE}). {@code port}
   * may be a number, a service name from the system's services database, or {@code null}
   * (port 0). Without a type in the hints, each address is reported once per socket type
   * (stream, datagram, raw), as the C library does. The future fails with
   * {@link java.net.UnknownHostException} when the host cannot be resolved (asyncio:
   * {@code socket.gaierror}).
   *
   * @throws NullPointerException if {@code hints} is {@code null}
   */
  default Future<List<AddrInfo>> getaddrinfo(String host, String port, AddrInfo.Hints hints) {
    throw new UnsupportedOperationException("getaddrinfo");
  }

  /** {@link #getaddrinfo(String, String, AddrInfo.Hints)} with a numeric port and no hints. */
  default Future<List<AddrInfo>> getaddrinfo(String host, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, not " + port);
    }
    return getaddrinfo(host, Integer.toString(port), AddrInfo.Hints.ANY);
  }

  /**
   * Looks up the host and service names of {@code address}. asyncio: {@code getnameinfo}. The
   * future fails with {@link java.net.UnknownHostException} when {@link NameInfo.Flag#NAMEREQD}
   * is given and the address has no name.
   *
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code address} is unresolved
   */
  default Future<NameInfo> getnameinfo(InetSocketAddress address, Set<NameInfo.Flag> flags) {
    throw new UnsupportedOperationException("getnameinfo");
  }

  /** {@link #getnameinfo(InetSocketAddress, Set)} without flags. */
  default Future<NameInfo> getnameinfo(InetSocketAddress address) {
    return getnameinfo(address, Set.of());
  }
}
