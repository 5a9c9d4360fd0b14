package dev.jloop.reference.udp;

import static dev.jloop.reference.proctest.Loops.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Future;
import dev.jloop.io.AddrInfo;
import dev.jloop.io.NameInfo;
import dev.jloop.io.SocketKind;
import dev.jloop.reference.SelectorEventLoop;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * asyncio's getaddrinfo/getnameinfo on the default executor, with results shaped like the C
 * library's (checked against what CPython's socket module returns on Linux). Only loopback
 * names and numeric addresses: no test sends a DNS query.
 */
@Timeout(60)
class ResolverTest {
  private SelectorEventLoop loop;

  @BeforeEach
  void open() {
    loop = new SelectorEventLoop();
  }

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void numericHostWithoutHintsGivesOneEntryPerSocketTypeAsGlibcDoes() {
    List<AddrInfo> infos = run(loop, loop.getaddrinfo("127.0.0.1", 80));
    // socket.getaddrinfo('127.0.0.1', 80): (AF_INET, SOCK_STREAM, 6), (SOCK_DGRAM, 17), (SOCK_RAW, 0)
    assertEquals(List.of(SocketKind.STREAM, SocketKind.DGRAM, SocketKind.RAW),
        infos.stream().map(AddrInfo::type).toList());
    assertEquals(List.of(6, 17, 0), infos.stream().map(AddrInfo::proto).toList());
    for (AddrInfo i : infos) {
      assertEquals(StandardProtocolFamily.INET, i.family());
      assertEquals(new InetSocketAddress("127.0.0.1", 80), i.address());
      assertEquals("", i.canonname());
    }
  }

  @Test
  void hintsFilterAndNamedServicesExistOnlyForTheirProtocol() {
    List<AddrInfo> dgram = run(loop, loop.getaddrinfo("localhost", "53",
        AddrInfo.Hints.of(StandardProtocolFamily.INET, SocketKind.DGRAM)));
    assertEquals(1, dgram.size());
    assertTrue(dgram.get(0).address().getAddress().isLoopbackAddress());
    // 'http' is a tcp service only: socket.getaddrinfo('127.0.0.1', 'http') has only SOCK_STREAM
    List<AddrInfo> http = run(loop, loop.getaddrinfo("127.0.0.1", "http",
        new AddrInfo.Hints(null, null, 0, Set.of(AddrInfo.Flag.CANONNAME))));
    assertEquals(List.of(SocketKind.STREAM), http.stream().map(AddrInfo::type).toList());
    assertEquals(80, http.get(0).address().getPort());
    assertEquals("127.0.0.1", http.get(0).canonname());
    List<AddrInfo> udpOnly = run(loop, loop.getaddrinfo("127.0.0.1", "80",
        new AddrInfo.Hints(null, null, 17, Set.of())));
    assertEquals(List.of(SocketKind.DGRAM), udpOnly.stream().map(AddrInfo::type).toList());
  }

  @Test
  void nullHostIsLoopbackOrWildcardWithPassive() {
    List<AddrInfo> passive = run(loop, loop.getaddrinfo(null, "0",
        new AddrInfo.Hints(null, SocketKind.STREAM, 0, Set.of(AddrInfo.Flag.PASSIVE))));
    assertTrue(passive.stream().allMatch(i -> i.address().getAddress().isAnyLocalAddress()));
    assertEquals(List.of(StandardProtocolFamily.INET, StandardProtocolFamily.INET6),
        passive.stream().map(AddrInfo::family).toList());
    List<AddrInfo> active = run(loop, loop.getaddrinfo(null, "7",
        AddrInfo.Hints.of(null, SocketKind.STREAM)));
    assertTrue(active.stream().allMatch(i -> i.address().getAddress().isLoopbackAddress()));
  }

  @Test
  void failuresReachTheFutureAsUnknownHostException() {
    Future<List<AddrInfo>> numericOnly = loop.getaddrinfo("localhost", "80",
        new AddrInfo.Hints(null, null, 0, Set.of(AddrInfo.Flag.NUMERICHOST)));
    assertInstanceOf(UnknownHostException.class, assertThrows(Throwable.class, () -> run(loop, numericOnly)));
    Future<List<AddrInfo>> noSuchService = loop.getaddrinfo("127.0.0.1", "no-such-service-xyz",
        AddrInfo.Hints.ANY);
    assertInstanceOf(UnknownHostException.class, assertThrows(Throwable.class, () -> run(loop, noSuchService)));
    Future<List<AddrInfo>> wrongFamily = loop.getaddrinfo("127.0.0.1", "80",
        AddrInfo.Hints.of(StandardProtocolFamily.INET6, null));
    assertInstanceOf(UnknownHostException.class, assertThrows(Throwable.class, () -> run(loop, wrongFamily)));
  }

  @Test
  void getnameinfoLooksUpHostAndService() {
    // socket.getnameinfo(('127.0.0.1', 80), 0) == ('localhost', 'http')
    assertEquals(new NameInfo("localhost", "http"),
        run(loop, loop.getnameinfo(new InetSocketAddress("127.0.0.1", 80))));
    assertEquals(new NameInfo("127.0.0.1", "80"), run(loop, loop.getnameinfo(
        new InetSocketAddress("127.0.0.1", 80),
        EnumSet.of(NameInfo.Flag.NUMERICHOST, NameInfo.Flag.NUMERICSERV))));
    assertEquals("domain", run(loop, loop.getnameinfo(new InetSocketAddress("127.0.0.1", 53),
        Set.of(NameInfo.Flag.DGRAM))).service());
    assertEquals("54321", run(loop, loop.getnameinfo(new InetSocketAddress("127.0.0.1", 54321),
        Set.of(NameInfo.Flag.NUMERICHOST))).service());
  }

  @Test
  void badArguments() {
    assertThrows(IllegalArgumentException.class, () -> loop.getaddrinfo("localhost", -1));
    assertThrows(IllegalArgumentException.class, () -> loop.getaddrinfo("localhost", 65536));
    assertThrows(NullPointerException.class, () -> loop.getaddrinfo("localhost", "1", null));
    assertThrows(IllegalArgumentException.class,
        () -> new AddrInfo.Hints(null, null, -1, Set.of()));
    assertThrows(NullPointerException.class, () -> loop.getnameinfo(null));
    assertThrows(IllegalArgumentException.class,
        () -> loop.getnameinfo(InetSocketAddress.createUnresolved("localhost", 1)));
    loop.close();
    assertThrows(IllegalStateException.class, () -> loop.getaddrinfo("127.0.0.1", 1));
    assertFalse(loop.isRunning());
  }
}
