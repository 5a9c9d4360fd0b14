package dev.jloop.reference.udp;

import static dev.jloop.reference.proctest.Loops.run;
import static dev.jloop.reference.proctest.Loops.runFor;
import static dev.jloop.reference.proctest.Loops.runUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Future;
import dev.jloop.io.DatagramOptions;
import dev.jloop.io.ReceivedDatagram;
import dev.jloop.io.ReceivedInto;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's sock_recvfrom, sock_recvfrom_into and sock_sendto on non-blocking channels. */
@ExtendWith(NoLeaks.class)
@Timeout(60)
class DatagramSockOpsTest {
  private SelectorEventLoop loop;
  private DatagramChannel a;
  private DatagramChannel b;
  private InetSocketAddress aAddr;
  private InetSocketAddress bAddr;

  @BeforeEach
  void open() throws IOException {
    loop = new SelectorEventLoop();
    a = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    b = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    a.configureBlocking(false);
    b.configureBlocking(false);
    aAddr = (InetSocketAddress) a.getLocalAddress();
    bAddr = (InetSocketAddress) b.getLocalAddress();
  }

  @AfterEach
  void close() throws IOException {
    a.close();
    b.close();
    loop.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void recvfromWaitsForTheDatagramThenReportsDataAndSender() {
    Future<ReceivedDatagram> r = loop.sockRecvfrom(b, 100);
    runFor(loop, 0.02);
    assertFalse(r.done(), "nothing was sent yet");
    assertEquals(5, run(loop, loop.sockSendto(a, bytes("hello"), bAddr)));
    ReceivedDatagram got = run(loop, r);
    assertArrayEquals(bytes("hello"), got.data());
    assertEquals(aAddr, got.address());
  }

  @Test
  void recvfromTruncatesToBufsize() {
    run(loop, loop.sockSendto(a, bytes("0123456789"), bAddr));
    ReceivedDatagram got = run(loop, loop.sockRecvfrom(b, 4));
    assertArrayEquals(bytes("0123"), got.data());
  }

  @Test
  void recvfromIntoStoresAtThePositionAndAdvancesIt() {
    ByteBuffer buf = ByteBuffer.allocate(16);
    buf.put((byte) 'x');
    Future<ReceivedInto> r = loop.sockRecvfromInto(b, buf, 5);
    run(loop, loop.sockSendto(a, bytes("abcdefgh"), bAddr));
    ReceivedInto got = run(loop, r);
    assertEquals(5, got.nbytes(), "at most nbytes");
    assertEquals(aAddr, got.address());
    assertEquals(6, buf.position());
    assertEquals("xabcde", new String(buf.array(), 0, 6, StandardCharsets.UTF_8));
    // nbytes 0: the buffer's remaining space
    run(loop, loop.sockSendto(a, bytes("rest"), bAddr));
    assertEquals(4, run(loop, loop.sockRecvfromInto(b, buf, 0)).nbytes());
  }

  @Test
  void aCancelledReceiveStopsWatchingAndTheNextOneGetsTheDatagram() {
    Future<ReceivedDatagram> first = loop.sockRecvfrom(b, 100);
    runFor(loop, 0.01);
    first.cancel();
    runFor(loop, 0.01);
    Future<ReceivedDatagram> second = loop.sockRecvfrom(b, 100);
    run(loop, loop.sockSendto(a, bytes("one"), bAddr));
    assertArrayEquals(bytes("one"), run(loop, second).data());
    assertTrue(first.cancelled());
  }

  @Test
  void receiveOnAChannelClosedMeanwhileFails() throws IOException {
    b.close();
    Future<ReceivedDatagram> r = loop.sockRecvfrom(b, 10);
    assertInstanceOf(ClosedChannelException.class, assertThrows(Throwable.class, () -> run(loop, r)));
  }

  @Test
  void badArguments() throws IOException {
    assertThrows(NullPointerException.class, () -> loop.sockRecvfrom(null, 10));
    assertThrows(IllegalArgumentException.class, () -> loop.sockRecvfrom(b, -1));
    assertThrows(IllegalArgumentException.class,
        () -> loop.sockRecvfromInto(b, ByteBuffer.allocate(4), 5));
    assertThrows(IllegalArgumentException.class,
        () -> loop.sockRecvfromInto(b, ByteBuffer.allocate(4), -1));
    assertThrows(IllegalArgumentException.class,
        () -> loop.sockRecvfromInto(b, ByteBuffer.allocate(4).asReadOnlyBuffer(), 0));
    assertThrows(NullPointerException.class, () -> loop.sockSendto(a, null, bAddr));
    assertThrows(NullPointerException.class, () -> loop.sockSendto(a, bytes("x"), null));
    assertThrows(IllegalArgumentException.class,
        () -> loop.sockSendto(a, bytes("x"), InetSocketAddress.createUnresolved("localhost", 1)));
    try (DatagramChannel blocking = DatagramChannel.open()) {
      // asyncio: ValueError('the socket must be non-blocking')
      assertThrows(IllegalArgumentException.class, () -> loop.sockRecvfrom(blocking, 10));
    }
    loop.close();
    assertThrows(IllegalStateException.class, () -> loop.sockRecvfrom(b, 10));
  }

  @Test
  void aChannelOwnedByATransportIsRefusedAsAsyncioRefusesItsFd() throws IOException {
    DatagramChannel owned = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    var e = run(loop, loop.createDatagramEndpoint(RecordingDatagramProtocol::new,
        DatagramOptions.builder().sock(owned).build()));
    assertThrows(IllegalStateException.class, () -> loop.sockRecvfrom(owned, 10));
    e.transport().close();
    runUntil(loop, () -> e.protocol().lostCount == 1);
  }
}
