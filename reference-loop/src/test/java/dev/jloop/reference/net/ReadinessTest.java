package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** add_reader/remove_reader/add_writer/remove_writer, as asyncio's test_add_reader & co. */
@ExtendWith(NoLeaks.class)
class ReadinessTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();
  private Pipe pipe;

  @BeforeEach
  void openPipe() throws Exception {
    pipe = Pipe.open();
    pipe.source().configureBlocking(false);
    pipe.sink().configureBlocking(false);
  }

  @AfterEach
  void close() throws Exception {
    loop.close();
    pipe.source().close();
    pipe.sink().close();
  }

  @Test
  void readerRunsWhenReadableAndStopsOnceRemoved() {
    List<Integer> reads = new ArrayList<>();
    LoopRunner.run(loop, () -> {
      Future<Void> got = loop.createFuture();
      loop.addReader(pipe.source(), () -> {
        ByteBuffer b = ByteBuffer.allocate(16);
        try {
          reads.add(pipe.source().read(b));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        if (!got.done()) {
          got.setResult(null);
        }
      });
      Async.sleep(0.05);
      assertTrue(reads.isEmpty(), "the reader ran before anything was written: " + reads);
      pipe.sink().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      Async.await(got);
      assertEquals(List.of(3), reads);
      assertTrue(loop.removeReader(pipe.source()), "removeReader: a reader was registered");
      assertFalse(loop.removeReader(pipe.source()), "removeReader: nothing left to remove");
      pipe.sink().write(ByteBuffer.wrap(new byte[] {4}));
      Async.sleep(0.05);
      assertEquals(List.of(3), reads, "a removed reader must not run");
      return null;
    });
  }

  @Test
  void addingAReaderReplacesThePreviousOne() {
    List<String> calls = new ArrayList<>();
    LoopRunner.run(loop, () -> {
      Future<Void> got = loop.createFuture();
      loop.addReader(pipe.source(), () -> calls.add("first"));
      loop.addReader(pipe.source(), () -> {
        calls.add("second");
        loop.removeReader(pipe.source());
        got.setResult(null);
      });
      pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
      Async.await(got);
      return null;
    });
    assertEquals(List.of("second"), calls);
  }

  @Test
  void writerRunsWhileWritableAndRemoveReportsIt() {
    LoopRunner.run(loop, () -> {
      Future<Void> got = loop.createFuture();
      assertFalse(loop.removeWriter(pipe.sink()), "no writer yet");
      loop.addWriter(pipe.sink(), () -> {
        if (!got.done()) {
          got.setResult(null);
        }
      });
      Async.await(got);
      assertTrue(loop.removeWriter(pipe.sink()));
      assertFalse(loop.removeWriter(pipe.sink()));
      return null;
    });
  }

  @Test
  void readerAndWriterOnOneChannelAreIndependent() {
    LoopRunner.run(loop, () -> {
      try (ServerSocketChannel srv = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
           SocketChannel a = SocketChannel.open(srv.getLocalAddress());
           SocketChannel b = srv.accept()) {
        a.configureBlocking(false);
        Future<Void> writable = loop.createFuture();
        Future<Void> readable = loop.createFuture();
        loop.addReader(a, () -> {
          if (!readable.done()) {
            readable.setResult(null);
          }
        });
        loop.addWriter(a, () -> {
          if (!writable.done()) {
            writable.setResult(null);
          }
        });
        Async.await(writable);
        assertTrue(loop.removeWriter(a));
        assertFalse(readable.done(), "nothing was sent yet");
        b.write(ByteBuffer.wrap(new byte[] {9}));
        Async.await(readable);
        assertTrue(loop.removeReader(a));
      }
      return null;
    });
  }

  @Test
  void writerOnAConnectingSocketRunsWhenTheConnectEnds() {
    LoopRunner.run(loop, () -> {
      try (ServerSocketChannel srv = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
           SocketChannel a = SocketChannel.open()) {
        a.configureBlocking(false);
        Future<Boolean> done = loop.createFuture();
        if (!a.connect(srv.getLocalAddress())) {
          loop.addWriter(a, () -> {
            try {
              if (a.finishConnect() && !done.done()) {
                loop.removeWriter(a);
                done.setResult(true);
              }
            } catch (Exception e) {
              done.setException(e);
            }
          });
          assertTrue(Async.await(done));
        }
        assertTrue(a.isConnected());
        srv.accept().close();
      }
      return null;
    });
  }

  @Test
  void transportChannelsAreOffLimits() {
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createServer(Echo::new, "127.0.0.1", 0));
      ConnectionResult<Recorder> c = Async.await(loop.createConnection(() -> new Recorder(loop),
          "127.0.0.1", TransportOrderTest.port(server)));
      SocketChannel ch = (SocketChannel) c.transport().getExtraInfo("socket");
      // asyncio's _ensure_fd_no_transport: "File descriptor ... is used by transport"
      assertThrows(IllegalStateException.class, () -> loop.addReader(ch, () -> {}));
      assertThrows(IllegalStateException.class, () -> loop.addWriter(ch, () -> {}));
      assertThrows(IllegalStateException.class, () -> loop.removeReader(ch));
      assertThrows(IllegalStateException.class, () -> loop.sockRecv(ch, 10));
      c.transport().close();
      Async.await(c.protocol().lost);
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void badInputIsRejected() throws Exception {
    assertThrows(NullPointerException.class, () -> loop.addReader(null, () -> {}));
    assertThrows(NullPointerException.class, () -> loop.addReader(pipe.source(), null));
    assertThrows(NullPointerException.class, () -> loop.addWriter(pipe.sink(), null));
    Pipe p = Pipe.open();
    try (Pipe.SourceChannel src = p.source(); Pipe.SinkChannel sink = p.sink()) {
      // blocking mode cannot be watched by a selector
      assertThrows(IllegalArgumentException.class, () -> loop.addReader(src, () -> {}));
    }
    Pipe closed = Pipe.open();
    closed.source().configureBlocking(false);
    closed.source().close();
    closed.sink().close();
    assertThrows(IllegalArgumentException.class, () -> loop.addReader(closed.source(), () -> {}));
    loop.close();
    assertThrows(IllegalStateException.class, () -> loop.addReader(pipe.source(), () -> {}));
    assertFalse(loop.removeReader(pipe.source()), "asyncio: remove_reader on a closed loop is False");
  }

  /** asyncio's _check_thread in debug mode: loop-only methods refuse other threads. */
  @Test
  void debugModeRefusesOtherThreads() {
    loop.setDebug(true);
    Throwable[] seen = new Throwable[1];
    LoopRunner.run(loop, () -> {
      Thread other = Thread.ofPlatform().start(() -> {
        try {
          loop.addReader(pipe.source(), () -> {});
        } catch (Throwable t) {
          seen[0] = t;
        }
      });
      other.join(10_000);
      return null;
    });
    assertTrue(seen[0] instanceof IllegalStateException, "got " + seen[0]);
  }
}
