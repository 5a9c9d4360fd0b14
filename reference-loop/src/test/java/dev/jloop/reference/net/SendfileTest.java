package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.SendfileNotAvailableException;
import dev.jloop.io.Server;
import dev.jloop.io.Transport;
import dev.jloop.io.WriteTransport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** sock_sendfile and loop.sendfile: zero-copy and asyncio's fallback, offsets and counts. */
@ExtendWith(NoLeaks.class)
class SendfileTest {
  private static final int SIZE = 3 * 1024 * 1024 + 17;
  private final SelectorEventLoop loop = new SelectorEventLoop();
  private final byte[] content = new byte[SIZE];
  private FileChannel file;
  @TempDir
  Path dir;

  @BeforeEach
  void makeFile() throws Exception {
    new Random(11).nextBytes(content);
    Path p = dir.resolve("data.bin");
    Files.write(p, content);
    file = FileChannel.open(p, StandardOpenOption.READ);
  }

  @AfterEach
  void close() throws Exception {
    loop.close();
    file.close();
  }

  /** A protocol that collects everything and completes at EOF. */
  static final class Sink extends Recorder {
    Sink(SelectorEventLoop loop) {
      super(loop);
    }
  }

  private byte[] serveAndSend(SendAction action) {
    return LoopRunner.run(loop, () -> {
      Sink[] sink = new Sink[1];
      Server server = Async.await(loop.createServer(() -> sink[0] = new Sink(loop), "127.0.0.1", 0));
      ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> new Recorder(loop),
          "127.0.0.1", TransportOrderTest.port(server)));
      action.send(c.transport());
      c.transport().close();
      Async.await(sink[0].lost);
      server.close();
      Async.await(server.waitClosed());
      return sink[0].received.toByteArray();
    });
  }

  interface SendAction {
    void send(Transport t) throws Exception;
  }

  @Test
  void sendfileOverATransportSendsTheWholeFileAfterBufferedData() {
    byte[] got = serveAndSend(t -> {
      t.write(new byte[] {'h', 'i'}); // buffered data goes first
      assertEquals(SIZE, Async.await(loop.sendfile(t, file)));
      assertEquals(SIZE, file.position(), "asyncio leaves the file position after the last byte sent");
      assertTrue(t.isReading(), "reading resumes afterwards");
    });
    assertEquals(SIZE + 2, got.length);
    assertArrayEquals(content, Arrays.copyOfRange(got, 2, got.length));
  }

  @Test
  void offsetAndCountSelectARange() {
    byte[] got = serveAndSend(t -> assertEquals(1000L, Async.await(loop.sendfile(t, file, 5000, 1000L, true))));
    assertArrayEquals(Arrays.copyOfRange(content, 5000, 6000), got);
  }

  @Test
  void aCountBeyondTheEndStopsAtTheEnd() {
    byte[] got = serveAndSend(t -> assertEquals(100L, Async.await(loop.sendfile(t, file, SIZE - 100, 5000L, true))));
    assertArrayEquals(Arrays.copyOfRange(content, SIZE - 100, SIZE), got);
  }

  /** A transport the loop does not know: asyncio's fallback writes chunks with flow control. */
  @Test
  void anUnknownTransportGetsTheFallback() {
    byte[] got = serveAndSend(t -> {
      WriteTransport foreign = new ForwardingTransport(t);
      assertEquals(SIZE, Async.await(loop.sendfile(foreign, file)));
      assertTrue(t.getProtocol() instanceof Recorder, "the original protocol is back");
      assertTrue(t.isReading());
      assertThrows(SendfileNotAvailableException.class, () -> loop.sendfile(foreign, file, 0, null, false),
          "fallback disabled");
    });
    assertArrayEquals(content, got);
  }

  @Test
  void sockSendfileSendsOverAPlainSocket() {
    LoopRunner.run(loop, () -> {
      try (ServerSocketChannel srv = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
           SocketChannel a = SocketChannel.open(srv.getLocalAddress());
           SocketChannel b = srv.accept()) {
        a.configureBlocking(false);
        b.configureBlocking(false);
        var sending = loop.sockSendfile(a, file, 10, (long) SIZE - 20, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < SIZE - 20) {
          out.writeBytes(Async.await(loop.sockRecv(b, 1 << 16)));
        }
        assertEquals(SIZE - 20, Async.await(sending));
        assertArrayEquals(Arrays.copyOfRange(content, 10, SIZE - 10), out.toByteArray());
      }
      return null;
    });
  }

  @Test
  void badArgumentsAreRejected() {
    LoopRunner.run(loop, () -> {
      try (ServerSocketChannel srv = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
           SocketChannel a = SocketChannel.open(srv.getLocalAddress());
           SocketChannel b = srv.accept()) {
        a.configureBlocking(false);
        assertThrows(IllegalArgumentException.class, () -> loop.sockSendfile(a, file, -1, null, true));
        assertThrows(IllegalArgumentException.class, () -> loop.sockSendfile(a, file, 0, 0L, true));
        assertThrows(NullPointerException.class, () -> loop.sockSendfile(a, null));
      }
      Server server = Async.await(loop.createServer(Echo::new, "127.0.0.1", 0));
      ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> new Recorder(loop),
          "127.0.0.1", TransportOrderTest.port(server)));
      c.transport().close();
      assertThrows(IllegalStateException.class, () -> loop.sendfile(c.transport(), file), "Transport is closing");
      Async.await(c.protocol().lost);
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  /** Forwards to a real transport, so that the loop sees a transport type it does not know. */
  private record ForwardingTransport(Transport t) implements Transport {
    @Override public Object getExtraInfo(String name) { return t.getExtraInfo(name); }
    @Override public boolean isClosing() { return t.isClosing(); }
    @Override public void close() { t.close(); }
    @Override public void setProtocol(BaseProtocol protocol) { t.setProtocol(protocol); }
    @Override public BaseProtocol getProtocol() { return t.getProtocol(); }
    @Override public boolean isReading() { return t.isReading(); }
    @Override public void pauseReading() { t.pauseReading(); }
    @Override public void resumeReading() { t.resumeReading(); }
    @Override public void write(byte[] data) { t.write(data); }
    @Override public void write(ByteBuffer data) { t.write(data); }
    @Override public void writeEof() { t.writeEof(); }
    @Override public boolean canWriteEof() { return t.canWriteEof(); }
    @Override public void abort() { t.abort(); }
    @Override public long getWriteBufferSize() { return t.getWriteBufferSize(); }
    @Override public void setWriteBufferLimits(int high, int low) { t.setWriteBufferLimits(high, low); }
    @Override public WaterMarks getWriteBufferLimits() { return t.getWriteBufferLimits(); }
  }
}
