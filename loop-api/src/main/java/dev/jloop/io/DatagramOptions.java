package dev.jloop.io;

import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import org.apiguardian.api.API;

/**
 * The keyword arguments of asyncio's {@code create_datagram_endpoint}.
 *
 * <p>Either {@code sock} (an existing {@link DatagramChannel}, with none of the other fields
 * set), or at least one of {@code localAddress}, {@code remoteAddress} and {@code family}.
 * Addresses may be unresolved {@link java.net.InetSocketAddress}es; the loop resolves them with
 * {@code getaddrinfo} and, as asyncio, tries each address family both addresses resolve to, in
 * order, until one socket can be bound and connected.
 *
 * <p>{@code reuseAddress} sets {@code SO_REUSEADDR}. asyncio removed that option from this
 * method in Python 3.11 (on Linux it lets another process bind the same UDP port and take part
 * of its datagrams); it is kept here, off by default, for JVM code that relies on it.
 *
 * @param localAddress the address to bind, or {@code null}
 * @param remoteAddress the peer to connect to, or {@code null}; with {@code allowBroadcast} it
 *     is only the default destination and the socket is not connected
 * @param family {@link StandardProtocolFamily#INET} or {@link StandardProtocolFamily#INET6}, or
 *     {@code null} to take the family of the addresses
 * @param reuseAddress set {@code SO_REUSEADDR}
 * @param reusePort set {@code SO_REUSEPORT} (asyncio: {@code reuse_port})
 * @param allowBroadcast set {@code SO_BROADCAST} (asyncio: {@code allow_broadcast})
 * @param sock an existing channel to use, or {@code null}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record DatagramOptions(
    SocketAddress localAddress,
    SocketAddress remoteAddress,
    ProtocolFamily family,
    boolean reuseAddress,
    boolean reusePort,
    boolean allowBroadcast,
    DatagramChannel sock) {

  /** Checks the combination as asyncio does. */
  public DatagramOptions {
    if (sock != null && (localAddress != null || remoteAddress != null || family != null
        || reuseAddress || reusePort || allowBroadcast)) {
      throw new IllegalArgumentException(
          "socket modifier options can not be used when sock is specified");
    }
    if (family != null && family != StandardProtocolFamily.INET
        && family != StandardProtocolFamily.INET6) {
      throw new IllegalArgumentException("datagram family must be INET or INET6, not " + family);
    }
  }

  /** A builder with everything unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options that bind {@code localAddress}. */
  public static DatagramOptions local(SocketAddress localAddress) {
    return builder().localAddress(localAddress).build();
  }

  /** Options that connect to {@code remoteAddress}. */
  public static DatagramOptions remote(SocketAddress remoteAddress) {
    return builder().remoteAddress(remoteAddress).build();
  }

  /** Builds {@link DatagramOptions}. Not thread-safe. */
  public static final class Builder {
    private SocketAddress localAddress;
    private SocketAddress remoteAddress;
    private ProtocolFamily family;
    private boolean reuseAddress;
    private boolean reusePort;
    private boolean allowBroadcast;
    private DatagramChannel sock;

    private Builder() {}

    /** The local address to bind. */
    public Builder localAddress(SocketAddress address) {
      this.localAddress = address;
      return this;
    }

    /** The remote address to connect to. */
    public Builder remoteAddress(SocketAddress address) {
      this.remoteAddress = address;
      return this;
    }

    /** The address family. */
    public Builder family(ProtocolFamily family) {
      this.family = family;
      return this;
    }

    /** Sets {@code SO_REUSEADDR}. */
    public Builder reuseAddress(boolean on) {
      this.reuseAddress = on;
      return this;
    }

    /** Sets {@code SO_REUSEPORT}. */
    public Builder reusePort(boolean on) {
      this.reusePort = on;
      return this;
    }

    /** Sets {@code SO_BROADCAST}. */
    public Builder allowBroadcast(boolean on) {
      this.allowBroadcast = on;
      return this;
    }

    /** An existing channel to use. */
    public Builder sock(DatagramChannel sock) {
      this.sock = sock;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException for a combination asyncio rejects
     */
    public DatagramOptions build() {
      return new DatagramOptions(localAddress, remoteAddress, family, reuseAddress, reusePort,
          allowBroadcast, sock);
    }
  }
}
