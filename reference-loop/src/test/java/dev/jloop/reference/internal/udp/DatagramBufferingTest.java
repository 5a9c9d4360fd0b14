package dev.jloop.reference.internal.udp;

import static dev.jloop.reference.proctest.Loops.run;
import static dev.jloop.reference.proctest.Loops.runUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Future;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.DatagramProtocol;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The buffered path of asyncio's {@code _SelectorDatagramTransport.sendto}/{@code _sendto_ready}.
 * Loopback UDP never reports a full socket buffer here (gVisor), so the socket's send is
 * wrapped to say "no room" (0 bytes, the JDK's EAGAIN) while {@code full} is set; everything
 * else (the selector, the writability events, the real sends) is the real thing.
 */
@ExtendWith(NoLeaks.class)
@Timeout(60)
class DatagramBufferingTest {
  private SelectorEventLoop loop;
  private DatagramChannel receiver;
  private InetSocketAddress receiverAddr;
  private boolean full;
  private IOException failNext;
  private final List<String> events = new ArrayList<>();
  private final List<Exception> errors = new ArrayList<>();
  private Throwable lostWith;
  private SelectorDatagramTransport transport;

  @BeforeEach
  void open() throws IOException {
    loop = new SelectorEventLoop();
    receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    receiverAddr = (InetSocketAddress) receiver.getLocalAddress();
    DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    ch.configureBlocking(false);
    DatagramProtocol p = new DatagramProtocol() {
      @Override
      public void connectionMade(BaseTransport t) {
        events.add("made");
      }

      @Override
      public void errorReceived(Exception exc) {
        errors.add(exc);
      }

      @Override
      public void pauseWriting() {
        events.add("pause");
      }

      @Override
      public void resumeWriting() {
        events.add("resume");
      }

      @Override
      public void connectionLost(Throwable exc) {
        lostWith = exc;
        events.add("lost");
      }
    };
    Future<Void> waiter = loop.createFuture();
    transport = new SelectorDatagramTransport(loop, ch, p, null, ByteBuffer.allocate(65536), waiter,
        (c, data, target) -> {
          if (failNext != null) {
            IOException e = failNext;
            failNext = null;
            throw e;
          }
          return full ? 0 : SelectorDatagramTransport.CHANNEL_SENDER.send(c, data, target);
        });
    run(loop, waiter);
  }

  @AfterEach
  void close() throws IOException {
    receiver.close();
    loop.close();
  }

  private static byte[] datagram(int seq, int size) {
    byte[] b = new byte[size];
    ByteBuffer.wrap(b).putInt(seq);
    return b;
  }

  private List<Integer> received(int n) throws IOException {
    List<Integer> seqs = new ArrayList<>();
    ByteBuffer buf = ByteBuffer.allocate(65536);
    for (int i = 0; i < n; i++) {
      buf.clear();
      receiver.receive(buf);
      buf.flip();
      seqs.add(buf.getInt());
    }
    return seqs;
  }

  private void unblockSoon() {
    loop.callLater(0.05, () -> full = false);
  }

  @Test
  void datagramsThatWouldBlockAreBufferedInOrderCountedWithHeadersAndFlowControlled()
      throws IOException {
    full = true;
    for (int i = 0; i < 10; i++) {
      transport.sendto(datagram(i, 10_000), receiverAddr);
      // asyncio 3.12+: each buffered datagram counts len(data) + 8
      assertEquals((i + 1) * 10_008L, transport.getWriteBufferSize());
    }
    // paused once, when 7 datagrams (70,056 bytes) crossed the 64 KiB high-water mark
    assertEquals(List.of("made", "pause"), events);
    unblockSoon();
    runUntil(loop, () -> transport.getWriteBufferSize() == 0);
    assertEquals(List.of("made", "pause", "resume"), events);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), received(10));
    transport.close();
    runUntil(loop, () -> events.contains("lost"));
  }

  @Test
  void closeFlushesTheBufferBeforeConnectionLost() throws IOException {
    full = true;
    for (int i = 0; i < 3; i++) {
      transport.sendto(datagram(i, 100), receiverAddr);
    }
    transport.close();
    dev.jloop.reference.proctest.Loops.runFor(loop, 0.02);
    assertTrue(!events.contains("lost"), "connectionLost waits for the buffer");
    unblockSoon();
    runUntil(loop, () -> events.contains("lost"));
    assertNull(lostWith);
    assertEquals(List.of(0, 1, 2), received(3));
  }

  @Test
  void abortDiscardsTheBuffer() {
    full = true;
    transport.sendto(datagram(0, 100), receiverAddr);
    transport.abort();
    assertEquals(0, transport.getWriteBufferSize());
    runUntil(loop, () -> events.contains("lost"));
    assertNull(lostWith);
  }

  @Test
  void aSendErrorOfABufferedDatagramGoesToErrorReceivedAndTheRestFollows() throws IOException {
    full = true;
    transport.sendto(datagram(0, 100), receiverAddr);
    transport.sendto(datagram(1, 100), receiverAddr);
    loop.callLater(0.02, () -> {
      failNext = new IOException("simulated send failure");
      full = false;
    });
    runUntil(loop, () -> !errors.isEmpty());
    assertInstanceOf(IOException.class, errors.get(0));
    runUntil(loop, () -> transport.getWriteBufferSize() == 0);
    assertEquals(List.of(1), received(1), "the failed datagram is dropped, as asyncio drops it");
    transport.close();
    runUntil(loop, () -> events.contains("lost"));
  }
}
