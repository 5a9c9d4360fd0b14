package dev.jloop.reference.internal.resolver;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.AddrInfo;
import dev.jloop.io.NameInfo;
import dev.jloop.io.SocketKind;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * asyncio's {@code getaddrinfo}/{@code getnameinfo}: the blocking JDK lookups
 * ({@link InetAddress}) run on the loop's default executor, the results shaped like the C
 * library's. Not exactly the C library: the canonical name ({@code AI_CANONNAME}) is the JDK's
 * {@link InetAddress#getCanonicalHostName()}, and the order of addresses is the JDK's.
 */
public final class Resolver {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final List<SocketKind> ALL_KINDS = List.of(SocketKind.values());

  private final EventLoop loop;

  public Resolver(EventLoop loop) {
    this.loop = loop;
  }

  /** See {@link dev.jloop.EventLoopResolver#getaddrinfo(String, String, AddrInfo.Hints)}. */
  public Future<List<AddrInfo>> getaddrinfo(String host, String port, AddrInfo.Hints hints) {
    Objects.requireNonNull(hints, "hints");
    return loop.runInExecutor(null, () -> lookup(host, port, hints));
  }

  /** See {@link dev.jloop.EventLoopResolver#getnameinfo(InetSocketAddress, Set)}. */
  public Future<NameInfo> getnameinfo(InetSocketAddress address, Set<NameInfo.Flag> flags) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(flags, "flags");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("getnameinfo needs a numeric address, not " + address);
    }
    Set<NameInfo.Flag> f = flags.isEmpty() ? Set.of() : EnumSet.copyOf(flags);
    return loop.runInExecutor(null, () -> nameOf(address, f));
  }

  static List<AddrInfo> lookup(String host, String port, AddrInfo.Hints hints)
      throws UnknownHostException {
    List<SocketKind> kinds = new ArrayList<>();
    for (SocketKind k : hints.type() == null ? ALL_KINDS : List.of(hints.type())) {
      if (hints.proto() == 0 || hints.proto() == k.ipProtocol()) {
        kinds.add(k);
      }
    }
    int[] ports = ports(port, kinds, hints.flags().contains(AddrInfo.Flag.NUMERICSERV));
    List<InetAddress> addresses = addresses(host, hints.flags());
    List<AddrInfo> out = new ArrayList<>();
    boolean canon = hints.flags().contains(AddrInfo.Flag.CANONNAME);
    for (InetAddress a : addresses) {
      ProtocolFamily family = familyOf(a);
      if (hints.family() != null && hints.family() != family) {
        continue;
      }
      for (int i = 0; i < kinds.size(); i++) {
        if (ports[i] < 0) {
          continue;
        }
        String name = canon && out.isEmpty() ? canonicalName(host, a) : "";
        out.add(new AddrInfo(family, kinds.get(i), kinds.get(i).ipProtocol(), name,
            new InetSocketAddress(a, ports[i])));
      }
    }
    if (out.isEmpty()) {
      throw new UnknownHostException(
          "Address family for hostname not supported: " + host + " (" + hints.family() + ")");
    }
    return out;
  }

  /** The port per kind (-1: the service does not exist for that kind). */
  private static int[] ports(String port, List<SocketKind> kinds, boolean numericOnly)
      throws UnknownHostException {
    int[] ports = new int[kinds.size()];
    if (port == null || port.isEmpty()) {
      return ports;
    }
    if (port.chars().allMatch(Character::isDigit)) {
      int p;
      try {
        p = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        p = -1;
      }
      if (p < 0 || p > 65535) {
        throw new UnknownHostException("port out of range: " + port);
      }
      java.util.Arrays.fill(ports, p);
      return ports;
    }
    if (numericOnly) {
      throw new UnknownHostException("Servname not supported with NUMERICSERV: " + port);
    }
    boolean any = false;
    for (int i = 0; i < kinds.size(); i++) {
      SocketKind k = kinds.get(i);
      ports[i] = k == SocketKind.RAW ? -1
          : ServicesDb.system().port(port, k == SocketKind.STREAM ? "tcp" : "udp");
      any |= ports[i] >= 0;
    }
    if (!any) {
      throw new UnknownHostException("Servname not supported for ai_socktype: " + port);
    }
    return ports;
  }

  private static List<InetAddress> addresses(String host, Set<AddrInfo.Flag> flags)
      throws UnknownHostException {
    if (host == null) {
      if (flags.contains(AddrInfo.Flag.PASSIVE)) {
        return List.of(InetAddress.getByName("0.0.0.0"), InetAddress.getByName("::"));
      }
      return List.of(InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1"));
    }
    if (flags.contains(AddrInfo.Flag.NUMERICHOST) && !isLiteral(host)) {
      throw new UnknownHostException("Name or service not known (NUMERICHOST): " + host);
    }
    return List.of(InetAddress.getAllByName(host));
  }

  /** Whether {@code host} is an IPv4 or IPv6 literal (which the JDK resolves without lookup). */
  static boolean isLiteral(String host) {
    return IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
  }

  private static String canonicalName(String host, InetAddress a) {
    return isLiteral(host) ? host : a.getCanonicalHostName();
  }

  static ProtocolFamily familyOf(InetAddress a) {
    return a instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
  }

  static NameInfo nameOf(InetSocketAddress address, Set<NameInfo.Flag> flags)
      throws UnknownHostException {
    InetAddress a = address.getAddress();
    String numeric = a.getHostAddress();
    String host;
    if (flags.contains(NameInfo.Flag.NUMERICHOST)) {
      host = numeric;
    } else {
      // A fresh InetAddress without a cached name, so that the JDK does the reverse lookup.
      String name = InetAddress.getByAddress(a.getAddress()).getCanonicalHostName();
      if (name.equals(numeric) && flags.contains(NameInfo.Flag.NAMEREQD)) {
        throw new UnknownHostException("Name or service not known: " + numeric);
      }
      host = name;
    }
    int port = address.getPort();
    String service = null;
    if (!flags.contains(NameInfo.Flag.NUMERICSERV)) {
      service = ServicesDb.system().name(port, flags.contains(NameInfo.Flag.DGRAM) ? "udp" : "tcp");
    }
    return new NameInfo(host, service != null ? service : Integer.toString(port));
  }
}
