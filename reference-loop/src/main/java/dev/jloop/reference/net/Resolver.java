package dev.jloop.reference.net;

import dev.jloop.Future;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Name resolution for the connection and server methods: literal addresses (and {@code null},
 * the loopback) are parsed on the loop thread, as asyncio's {@code _ipaddr_info} skips
 * {@code getaddrinfo}; names are resolved on the default executor. Loop thread only.
 */
final class Resolver {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private Resolver() {}

  /** Whether {@code host} needs no lookup: {@code null} or a literal IPv4/IPv6 address. */
  static boolean isLiteral(String host) {
    return host == null || IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
  }

  /**
   * The addresses of {@code host} (in the resolver's order) with {@code port}, keeping only
   * {@code family} if not {@code null}. Fails with {@link UnknownHostException} when none is
   * left, as asyncio's "getaddrinfo() returned empty list".
   */
  static Future<List<InetSocketAddress>> resolve(
      NetContext ctx, String host, int port, ProtocolFamily family) {
    if (isLiteral(host)) {
      Future<List<InetSocketAddress>> f = ctx.loop.createFuture();
      try {
        f.setResult(select(host, InetAddress.getAllByName(host), port, family));
      } catch (UnknownHostException e) {
        f.setException(e);
      }
      return f;
    }
    return ctx.loop.runInExecutor(null,
        () -> select(host, InetAddress.getAllByName(host), port, family));
  }

  private static List<InetSocketAddress> select(
      String host, InetAddress[] all, int port, ProtocolFamily family)
      throws UnknownHostException {
    List<InetSocketAddress> out = new ArrayList<>(all.length);
    for (InetAddress a : all) {
      if (family == null || family(a) == family) {
        out.add(new InetSocketAddress(a, port));
      }
    }
    if (out.isEmpty()) {
      throw new UnknownHostException(
          "getaddrinfo() returned empty list for " + host + (family == null ? "" : " " + family));
    }
    return out;
  }

  /** The family of {@code a}. */
  static ProtocolFamily family(InetAddress a) {
    return a instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
  }

  static ProtocolFamily family(InetSocketAddress a) {
    return a.getAddress() instanceof Inet4Address
        ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
  }

  /**
   * asyncio's {@code _interleave_addrinfos}: groups the addresses by family in order of first
   * appearance, then takes {@code firstFamilyCount - 1} extra of the first family and
   * alternates between the families for the rest.
   */
  static List<InetSocketAddress> interleave(List<InetSocketAddress> addrs, int firstFamilyCount) {
    Map<ProtocolFamily, List<InetSocketAddress>> byFamily = new LinkedHashMap<>();
    for (InetSocketAddress a : addrs) {
      byFamily.computeIfAbsent(family(a), k -> new ArrayList<>()).add(a);
    }
    List<List<InetSocketAddress>> lists = new ArrayList<>(byFamily.values());
    List<InetSocketAddress> out = new ArrayList<>(addrs.size());
    if (firstFamilyCount > 1 && !lists.isEmpty()) {
      List<InetSocketAddress> first = lists.get(0);
      int k = Math.min(firstFamilyCount - 1, first.size());
      out.addAll(first.subList(0, k));
      lists.set(0, first.subList(k, first.size()));
    }
    for (int i = 0; out.size() < addrs.size(); i++) {
      for (List<InetSocketAddress> l : lists) {
        if (i < l.size()) {
          out.add(l.get(i));
        }
      }
    }
    return out;
  }
}
