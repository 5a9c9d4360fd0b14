package dev.jloop.io;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One entry of asyncio's {@code getaddrinfo} result, the tuple
 * {@code (family, type, proto, canonname, sockaddr)}.
 *
 * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6}
 * @param type the socket type
 * @param proto the IP protocol number (6 TCP, 17 UDP, 0 raw)
 * @param canonname the canonical name of the host when {@link Flag#CANONNAME} was asked, on the
 *     first entry only (as the C library reports it), else the empty string
 * @param address the resolved socket address
 */
@API(status = API.Status.STABLE, since = "0.1")
public record AddrInfo(
    ProtocolFamily family, SocketKind type, int proto, String canonname, InetSocketAddress address) {

  /** {@code getaddrinfo} flags: Python's {@code socket.AI_*}. */
  @API(status = API.Status.STABLE, since = "0.1")
  public enum Flag {
    /** {@code AI_PASSIVE}: a {@code null} host means the wildcard address (for binding). */
    PASSIVE,
    /** {@code AI_CANONNAME}: report the canonical host name. */
    CANONNAME,
    /** {@code AI_NUMERICHOST}: the host must be a numeric address; no name lookup. */
    NUMERICHOST,
    /** {@code AI_NUMERICSERV}: the port must be a number; no service lookup. */
    NUMERICSERV
  }

  /**
   * The filters of a {@code getaddrinfo} call.
   *
   * @param family the only family wanted, or {@code null} for any ({@code AF_UNSPEC})
   * @param type the only socket type wanted, or {@code null} for all three
   * @param proto the only protocol number wanted, or 0 for any
   * @param flags the {@code AI_*} flags
   */
  @API(status = API.Status.STABLE, since = "0.1")
  public record Hints(ProtocolFamily family, SocketKind type, int proto, Set<Flag> flags) {
    /** No filter, no flag: the defaults of asyncio's {@code getaddrinfo}. */
    public static final Hints ANY = new Hints(null, null, 0, Set.of());

    /**
     * Copies the flags.
     *
     * @throws IllegalArgumentException if {@code proto} is negative
     */
    public Hints {
      if (proto < 0) {
        throw new IllegalArgumentException("proto must not be negative, not " + proto);
      }
      flags = flags == null || flags.isEmpty()
          ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    }

    /** Hints for one family and type, without flags. */
    public static Hints of(ProtocolFamily family, SocketKind type) {
      return new Hints(family, type, 0, Set.of());
    }
  }

  /** Checks the parts. */
  public AddrInfo {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(canonname, "canonname");
    Objects.requireNonNull(address, "address");
  }
}
