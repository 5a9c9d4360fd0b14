package dev.jloop.reference.internal.udp;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.io.AddrInfo;
import dev.jloop.io.DatagramOptions;
import dev.jloop.io.DatagramProtocol;
import dev.jloop.io.DatagramTransport;
import dev.jloop.io.SocketKind;
import dev.jloop.io.TransportProtocol;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.internal.resolver.Resolver;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * asyncio's {@code create_datagram_endpoint}: resolve the addresses, group them by family, try
 * each family in order (open, set the options, bind, connect) and wrap the first socket that
 * works in a {@link SelectorDatagramTransport}. Runs as a task on the loop, as the asyncio
 * coroutine does; arguments are checked before the task starts.
 */
public final class DatagramEndpoints {
  /** The largest UDP payload plus one, so a truncated datagram cannot pass unnoticed in tests. */
  private static final int READ_BUFFER_SIZE = 65536;

  private final SelectorEventLoop loop;
  private final Resolver resolver;
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_SIZE);

  public DatagramEndpoints(SelectorEventLoop loop, Resolver resolver) {
    this.loop = loop;
    this.resolver = resolver;
  }

  public <P extends DatagramProtocol> Future<TransportProtocol<DatagramTransport, P>> create(
      Supplier<? extends P> factory, DatagramOptions options) {
    Objects.requireNonNull(factory, "protocolFactory");
    Objects.requireNonNull(options, "options");
    checkAddress("localAddress", options.localAddress());
    checkAddress("remoteAddress", options.remoteAddress());
    if (options.sock() == null && options.localAddress() == null
        && options.remoteAddress() == null && options.family() == null) {
      throw new IllegalArgumentException("unexpected address family: give an address or a family");
    }
    if (options.sock() != null && !options.sock().isOpen()) {
      throw new IllegalArgumentException("sock is closed: " + options.sock());
    }
    return loop.createTask(() -> {
      Opened opened = options.sock() != null ? adopt(options.sock()) : open(options);
      P protocol;
      try {
        protocol = Objects.requireNonNull(factory.get(), "protocolFactory returned null");
      } catch (RuntimeException | Error e) {
        opened.channel().close();
        throw e;
      }
      Future<Void> waiter = loop.createFuture();
      SelectorDatagramTransport t = new SelectorDatagramTransport(
          loop, opened.channel(), protocol, opened.remote(), readBuffer, waiter);
      try {
        Async.await(waiter);
      } catch (RuntimeException | Error e) {
        t.close();
        throw e;
      }
      return new TransportProtocol<DatagramTransport, P>(t, protocol);
    }, "create_datagram_endpoint");
  }

  private record Opened(DatagramChannel channel, SocketAddress remote) {}

  private static void checkAddress(String what, SocketAddress a) {
    if (a != null && !(a instanceof InetSocketAddress)) {
      throw new IllegalArgumentException(what + " must be an InetSocketAddress, not " + a);
    }
  }

  private static Opened adopt(DatagramChannel ch) throws IOException {
    ch.configureBlocking(false);
    return new Opened(ch, ch.isConnected() ? ch.getRemoteAddress() : null);
  }

  /** The pairs (local, remote) per family, in the order asyncio builds them; then the first that opens. */
  private Opened open(DatagramOptions o) throws Exception {
    InetSocketAddress local = (InetSocketAddress) o.localAddress();
    InetSocketAddress remote = (InetSocketAddress) o.remoteAddress();
    Map<ProtocolFamily, InetSocketAddress[]> pairs = new LinkedHashMap<>();
    if (local == null && remote == null) {
      pairs.put(o.family(), new InetSocketAddress[2]);
    } else {
      addPairs(pairs, 0, local, o.family());
      addPairs(pairs, 1, remote, o.family());
      pairs.values().removeIf(p -> (local != null && p[0] == null) || (remote != null && p[1] == null));
      if (pairs.isEmpty()) {
        throw new IllegalArgumentException("can not get address information");
      }
    }
    List<IOException> errors = new ArrayList<>();
    for (Map.Entry<ProtocolFamily, InetSocketAddress[]> e : pairs.entrySet()) {
      DatagramChannel ch = null;
      try {
        ch = DatagramChannel.open(e.getKey());
        configure(ch, o);
        InetSocketAddress[] pair = e.getValue();
        if (pair[0] != null) {
          ch.bind(pair[0]);
        }
        if (pair[1] != null && !o.allowBroadcast()) {
          ch.connect(pair[1]);
        }
        return new Opened(ch, pair[1]);
      } catch (IOException | UnsupportedOperationException ex) {
        if (ch != null) {
          ch.close();
        }
        if (ex instanceof UnsupportedOperationException u) {
          throw new IllegalArgumentException(u.getMessage(), u);
        }
        errors.add((IOException) ex);
      }
    }
    throw errors.get(0);
  }

  private static void configure(DatagramChannel ch, DatagramOptions o) throws IOException {
    if (o.reuseAddress()) {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    }
    if (o.reusePort()) {
      if (!ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
        throw new UnsupportedOperationException("reusePort not supported on this platform");
      }
      ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
    }
    if (o.allowBroadcast()) {
      ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
    }
    ch.configureBlocking(false);
  }

  private void addPairs(Map<ProtocolFamily, InetSocketAddress[]> pairs, int idx,
      InetSocketAddress addr, ProtocolFamily family) throws IOException {
    if (addr == null) {
      return;
    }
    List<InetSocketAddress> resolved = resolve(addr, family);
    if (resolved.isEmpty()) {
      throw new IOException("getaddrinfo() returned empty list");
    }
    for (InetSocketAddress a : resolved) {
      ProtocolFamily f = a.getAddress() instanceof Inet4Address
          ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
      InetSocketAddress[] pair = pairs.computeIfAbsent(f, k -> new InetSocketAddress[2]);
      if (pair[idx] == null) {
        pair[idx] = a;
      }
    }
  }

  /** asyncio's {@code _ensure_resolved}: an address already numeric needs no lookup. */
  private List<InetSocketAddress> resolve(InetSocketAddress addr, ProtocolFamily family)
      throws UnknownHostException {
    if (!addr.isUnresolved()) {
      ProtocolFamily f = addr.getAddress() instanceof Inet4Address
          ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
      if (family != null && family != f) {
        throw new UnknownHostException(
            "Address family for hostname not supported: " + addr + " is not " + family);
      }
      return List.of(addr);
    }
    List<AddrInfo> infos = Async.await(resolver.getaddrinfo(addr.getHostString(),
        Integer.toString(addr.getPort()), AddrInfo.Hints.of(family, SocketKind.DGRAM)));
    List<InetSocketAddress> out = new ArrayList<>();
    for (AddrInfo i : infos) {
      out.add(i.address());
    }
    return out;
  }
}
