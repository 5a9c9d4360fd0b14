package dev.jloop.reference.udp;

import static dev.jloop.reference.proctest.Loops.run;
import static dev.jloop.reference.proctest.Loops.runUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.ExceptionContext;
import dev.jloop.Future;
import dev.jloop.io.DatagramOptions;
import dev.jloop.io.DatagramTransport;
import dev.jloop.io.TransportProtocol;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's create_datagram_endpoint and _SelectorDatagramTransport, on loopback. */
@ExtendWith(NoLeaks.class)
@Timeout(120)
class DatagramEndpointTest {
  private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

  private SelectorEventLoop loop;
  private final List<ExceptionContext> reported = new ArrayList<>();

  @BeforeEach
  void open() {
    loop = new SelectorEventLoop();
    loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
  }

  @AfterEach
  void close() {
    loop.close();
  }

  private TransportProtocol<DatagramTransport, RecordingDatagramProtocol> endpoint(DatagramOptions o) {
    return run(loop, loop.createDatagramEndpoint(RecordingDatagramProtocol::new, o));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void closeAndWait(TransportProtocol<DatagramTransport, RecordingDatagramProtocol> e) {
    e.transport().close();
    runUntil(loop, () -> e.protocol().lostCount > 0);
  }

  @Test
  void connectedClientAndBoundServerExchangeDatagramsInAsyncioCallbackOrder() {
    var server = endpoint(DatagramOptions.local(ANY_LOOPBACK));
    InetSocketAddress serverAddr = (InetSocketAddress) server.transport().getExtraInfo("sockname");
    var client = endpoint(DatagramOptions.remote(serverAddr));
    // the future completes only after connectionMade ran (asyncio awaits its waiter)
    assertEquals(List.of("made"), client.protocol().events);
    assertEquals(serverAddr, client.transport().getExtraInfo("peername"));
    assertNull(server.transport().getExtraInfo("peername"));
    assertInstanceOf(DatagramChannel.class, client.transport().getExtraInfo("socket"));

    client.transport().sendto(bytes("ping"), null);
    runUntil(loop, () -> server.protocol().received.size() == 1);
    var got = server.protocol().received.get(0);
    assertArrayEquals(bytes("ping"), got.data());
    assertEquals(client.transport().getExtraInfo("sockname"), got.from());

    server.transport().sendto(bytes("pong"), got.from());
    runUntil(loop, () -> client.protocol().received.size() == 1);
    assertArrayEquals(bytes("pong"), client.protocol().received.get(0).data());

    closeAndWait(client);
    closeAndWait(server);
    assertEquals(List.of("made", "datagram", "lost"), client.protocol().events);
    assertNull(client.protocol().lostWith);
    assertTrue(client.transport().isClosing());
    Thread loopThread = Thread.currentThread();
    assertTrue(server.protocol().threads.stream().allMatch(t -> t == loopThread));
  }

  @Test
  void ipv6LoopbackEndpointsPickTheFamilyOfTheirAddresses() {
    var server = endpoint(DatagramOptions.local(new InetSocketAddress("::1", 0)));
    InetSocketAddress serverAddr = (InetSocketAddress) server.transport().getExtraInfo("sockname");
    assertInstanceOf(java.net.Inet6Address.class, serverAddr.getAddress());
    var client = endpoint(DatagramOptions.builder().remoteAddress(serverAddr)
        .family(StandardProtocolFamily.INET6).build());
    client.transport().sendto(bytes("v6"), null);
    runUntil(loop, () -> server.protocol().received.size() == 1);
    assertArrayEquals(bytes("v6"), server.protocol().received.get(0).data());
    closeAndWait(client);
    closeAndWait(server);
  }

  @Test
  void emptyDatagramIsSentAsAsyncioDoesSincePython312() {
    var server = endpoint(DatagramOptions.local(ANY_LOOPBACK));
    InetSocketAddress serverAddr = (InetSocketAddress) server.transport().getExtraInfo("sockname");
    var unconnected = endpoint(DatagramOptions.local(ANY_LOOPBACK));
    unconnected.transport().sendto(new byte[0], serverAddr);
    runUntil(loop, () -> server.protocol().received.size() == 1);
    assertEquals(0, server.protocol().received.get(0).data().length);
    // A connected JDK channel skips empty writes: dropped without error (asyncio 3.11 drops them too).
    var connected = endpoint(DatagramOptions.remote(serverAddr));
    connected.transport().sendto(new byte[0], null);
    connected.transport().sendto(bytes("after"), null);
    runUntil(loop, () -> server.protocol().received.size() == 2);
    assertArrayEquals(bytes("after"), server.protocol().received.get(1).data());
    closeAndWait(unconnected);
    closeAndWait(connected);
    closeAndWait(server);
  }

  @Test
  void sendtoToAClosedPortOnAConnectedEndpointReportsErrorReceivedAndStaysOpen() throws IOException {
    InetSocketAddress dead;
    try (DatagramChannel probe = DatagramChannel.open()) {
      probe.bind(ANY_LOOPBACK);
      dead = (InetSocketAddress) probe.getLocalAddress();
    }
    var client = endpoint(DatagramOptions.remote(dead));
    // asyncio: the ICMP port unreachable surfaces on the next recv as ConnectionRefusedError
    // and goes to error_received; the transport is not closed.
    client.transport().sendto(bytes("anyone?"), null);
    runUntil(loop, () -> !client.protocol().errors.isEmpty());
    assertInstanceOf(PortUnreachableException.class, client.protocol().errors.get(0));
    assertFalse(client.transport().isClosing());
    assertEquals(0, client.protocol().lostCount);
    closeAndWait(client);
    assertNull(client.protocol().lostWith);
    assertEquals(1, client.protocol().lostCount);
  }

  @Test
  void manyDatagramsOfRandomSizesArriveIntactInPingPong() {
    var server = endpoint(DatagramOptions.local(ANY_LOOPBACK));
    var client = endpoint(DatagramOptions.remote(
        (InetSocketAddress) server.transport().getExtraInfo("sockname")));
    Random rnd = new Random(42);
    for (int i = 0; i < 300; i++) {
      byte[] payload = new byte[rnd.nextInt(i % 50 == 0 ? 65000 : 1500)];
      rnd.nextBytes(payload);
      CRC32 crc = new CRC32();
      crc.update(payload);
      client.transport().sendto(payload, null);
      int want = i + 1;
      runUntil(loop, () -> server.protocol().received.size() == want);
      CRC32 got = new CRC32();
      got.update(server.protocol().received.get(i).data());
      assertEquals(crc.getValue(), got.getValue(), "datagram " + i);
    }
    closeAndWait(client);
    closeAndWait(server);
  }

  @Test
  void addressChecksOfSendto() {
    var server = endpoint(DatagramOptions.local(ANY_LOOPBACK));
    InetSocketAddress serverAddr = (InetSocketAddress) server.transport().getExtraInfo("sockname");
    var client = endpoint(DatagramOptions.remote(serverAddr));
    // asyncio: ValueError for another address than the connected one
    assertThrows(IllegalArgumentException.class,
        () -> client.transport().sendto(bytes("x"), new InetSocketAddress("127.0.0.1", 9)));
    client.transport().sendto(bytes("same"), serverAddr);
    assertThrows(NullPointerException.class, () -> client.transport().sendto(null, null));
    assertThrows(NullPointerException.class, () -> server.transport().sendto(bytes("x"), null));
    assertThrows(IllegalArgumentException.class, () -> server.transport().sendto(bytes("x"),
        InetSocketAddress.createUnresolved("localhost", 9)));
    runUntil(loop, () -> server.protocol().received.size() == 1);
    closeAndWait(client);
    closeAndWait(server);
  }

  @Test
  void sendtoAfterCloseIsDroppedWithoutError() {
    var server = endpoint(DatagramOptions.local(ANY_LOOPBACK));
    var client = endpoint(DatagramOptions.remote(
        (InetSocketAddress) server.transport().getExtraInfo("sockname")));
    closeAndWait(client);
    for (int i = 0; i < 10; i++) {
      client.transport().sendto(bytes("late"), null);
    }
    client.transport().close();
    client.transport().abort();
    dev.jloop.reference.proctest.Loops.runFor(loop, 0.05);
    assertTrue(server.protocol().received.isEmpty());
    assertEquals(1, client.protocol().lostCount, "connectionLost exactly once");
    closeAndWait(server);
    assertTrue(reported.isEmpty(), reported.toString());
  }

  @Test
  void abortCallsConnectionLostOnce() {
    var server = endpoint(DatagramOptions.local(ANY_LOOPBACK));
    server.transport().abort();
    server.transport().abort();
    server.transport().close();
    runUntil(loop, () -> server.protocol().lostCount > 0);
    dev.jloop.reference.proctest.Loops.runFor(loop, 0.02);
    assertEquals(1, server.protocol().lostCount);
    assertFalse(((DatagramChannel) server.transport().getExtraInfo("socket")).isOpen());
  }

  @Test
  void reusePortLetsTwoEndpointsBindOnePortAndWithoutItTheSecondBindFails() {
    var first = endpoint(DatagramOptions.builder().localAddress(ANY_LOOPBACK).reusePort(true).build());
    InetSocketAddress addr = (InetSocketAddress) first.transport().getExtraInfo("sockname");
    var second = endpoint(DatagramOptions.builder().localAddress(addr).reusePort(true).build());
    assertEquals(addr, second.transport().getExtraInfo("sockname"));
    Future<?> third = loop.createDatagramEndpoint(RecordingDatagramProtocol::new,
        DatagramOptions.local(addr));
    Throwable err = assertThrows(Throwable.class, () -> run(loop, third));
    assertInstanceOf(BindException.class, err);
    closeAndWait(first);
    closeAndWait(second);
  }

  @Test
  void allowBroadcastSetsTheOptionAndKeepsTheRemoteAsDefaultDestinationWithoutConnecting()
      throws IOException {
    var server = endpoint(DatagramOptions.local(ANY_LOOPBACK));
    InetSocketAddress serverAddr = (InetSocketAddress) server.transport().getExtraInfo("sockname");
    var client = endpoint(DatagramOptions.builder().remoteAddress(serverAddr)
        .allowBroadcast(true).reuseAddress(true).build());
    DatagramChannel ch = (DatagramChannel) client.transport().getExtraInfo("socket");
    assertTrue(ch.getOption(StandardSocketOptions.SO_BROADCAST));
    assertTrue(ch.getOption(StandardSocketOptions.SO_REUSEADDR));
    assertFalse(ch.isConnected());
    assertNull(client.transport().getExtraInfo("peername"));
    client.transport().sendto(bytes("to default"), null);
    runUntil(loop, () -> server.protocol().received.size() == 1);
    closeAndWait(client);
    closeAndWait(server);
  }

  @Test
  void familyOnlyEndpointAndExistingSocketAndUnresolvedLocalName() throws IOException {
    var server = endpoint(DatagramOptions.builder().localAddress(
        InetSocketAddress.createUnresolved("localhost", 0)).build());
    InetSocketAddress serverAddr = (InetSocketAddress) server.transport().getExtraInfo("sockname");
    assertTrue(serverAddr.getAddress().isLoopbackAddress());

    var unbound = endpoint(DatagramOptions.builder().family(StandardProtocolFamily.INET).build());
    unbound.transport().sendto(bytes("from family-only"), serverAddr);

    DatagramChannel own = DatagramChannel.open().bind(ANY_LOOPBACK);
    var adopted = endpoint(DatagramOptions.builder().sock(own).build());
    assertEquals(own.getLocalAddress(), adopted.transport().getExtraInfo("sockname"));
    adopted.transport().sendto(bytes("from adopted"), serverAddr);

    runUntil(loop, () -> server.protocol().received.size() == 2);
    closeAndWait(unbound);
    closeAndWait(adopted);
    closeAndWait(server);
    assertFalse(own.isOpen(), "the transport closes the socket it was given, as asyncio");
  }

  @Test
  void exceptionInDatagramReceivedGoesToTheHandlerAndTheEndpointKeepsReceiving() {
    List<byte[]> seen = new ArrayList<>();
    var server = run(loop, loop.<RecordingDatagramProtocol>createDatagramEndpoint(() -> new RecordingDatagramProtocol() {
      @Override
      public void datagramReceived(byte[] data, java.net.SocketAddress addr) {
        seen.add(data);
        if (seen.size() == 1) {
          throw new IllegalStateException("boom");
        }
      }
    }, DatagramOptions.local(ANY_LOOPBACK)));
    var client = endpoint(DatagramOptions.remote(
        (InetSocketAddress) server.transport().getExtraInfo("sockname")));
    client.transport().sendto(bytes("1"), null);
    runUntil(loop, () -> seen.size() == 1);
    client.transport().sendto(bytes("2"), null);
    runUntil(loop, () -> seen.size() == 2);
    assertEquals(1, reported.size());
    assertInstanceOf(IllegalStateException.class, reported.get(0).exception());
    closeAndWait(client);
    closeAndWait(server);
  }

  @Test
  void writeBufferLimitsAreAsyncios() {
    var e = endpoint(DatagramOptions.local(ANY_LOOPBACK));
    assertEquals(new dev.jloop.io.WriteTransport.WaterMarks(16384, 65536),
        e.transport().getWriteBufferLimits());
    e.transport().setWriteBufferLimits(1000, -1);
    assertEquals(new dev.jloop.io.WriteTransport.WaterMarks(250, 1000), e.transport().getWriteBufferLimits());
    e.transport().setWriteBufferLimits(-1, 100);
    assertEquals(new dev.jloop.io.WriteTransport.WaterMarks(100, 400), e.transport().getWriteBufferLimits());
    assertThrows(IllegalArgumentException.class, () -> e.transport().setWriteBufferLimits(10, 20));
    assertEquals(0, e.transport().getWriteBufferSize());
    closeAndWait(e);
  }

  @Test
  void badArguments() throws IOException {
    assertThrows(NullPointerException.class,
        () -> loop.createDatagramEndpoint(null, DatagramOptions.local(ANY_LOOPBACK)));
    assertThrows(NullPointerException.class,
        () -> loop.createDatagramEndpoint(RecordingDatagramProtocol::new, null));
    // asyncio: ValueError('unexpected address family') with neither address nor family
    assertThrows(IllegalArgumentException.class,
        () -> loop.createDatagramEndpoint(RecordingDatagramProtocol::new, DatagramOptions.builder().build()));
    try (DatagramChannel ch = DatagramChannel.open()) {
      assertThrows(IllegalArgumentException.class,
          () -> DatagramOptions.builder().sock(ch).reusePort(true).build());
    }
    assertThrows(IllegalArgumentException.class,
        () -> DatagramOptions.builder().family(StandardProtocolFamily.UNIX).build());
    DatagramChannel closed = DatagramChannel.open();
    closed.close();
    assertThrows(IllegalArgumentException.class, () -> loop.createDatagramEndpoint(
        RecordingDatagramProtocol::new, DatagramOptions.builder().sock(closed).build()));
    Future<?> wrongFamily = loop.createDatagramEndpoint(RecordingDatagramProtocol::new,
        DatagramOptions.builder().localAddress(ANY_LOOPBACK).family(StandardProtocolFamily.INET6).build());
    assertInstanceOf(IOException.class, assertThrows(Throwable.class, () -> run(loop, wrongFamily)));
    loop.close();
    assertThrows(IllegalStateException.class, () -> loop.createDatagramEndpoint(
        RecordingDatagramProtocol::new, DatagramOptions.local(ANY_LOOPBACK)));
  }

  @Test
  void protocolFactoryReturningNullFailsTheFutureAndClosesTheSocket() {
    Future<?> f = loop.createDatagramEndpoint(() -> null, DatagramOptions.local(ANY_LOOPBACK));
    assertInstanceOf(NullPointerException.class, assertThrows(Throwable.class, () -> run(loop, f)));
    assertNotNull(f.exception());
  }
}
