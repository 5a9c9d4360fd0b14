package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.BufferedProtocol;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Protocol;
import dev.jloop.io.Server;
import dev.jloop.io.Transport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import dev.jloop.streams.StreamPair;
import dev.jloop.streams.StreamReader;
import dev.jloop.streams.StreamWriter;
import dev.jloop.streams.Streams;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several MiB through an echo server with random write sizes and readers that pause at random:
 * every byte must come back in order (SHA-256 of what was sent equals that of what came back).
 * The echo server applies backpressure the asyncio way: pause_writing pauses its reading.
 */
@ExtendWith(NoLeaks.class)
class IntegrityTest {
  private static final int TOTAL = 8 * 1024 * 1024;
  private final SelectorEventLoop loop = new SelectorEventLoop();
  @TempDir
  Path dir;

  @AfterEach
  void close() {
    loop.close();
  }

  /** A random chunk size: mostly small, sometimes large. */
  static int chunkSize(Random rnd) {
    return rnd.nextInt(10) < 8 ? 1 + rnd.nextInt(4096) : 1 + rnd.nextInt(256 * 1024);
  }

  /** An echo that stops reading while its writes are paused and naps now and then. */
  final class SlowEcho implements Protocol {
    private final Random rnd;
    private Transport t;
    private boolean writePaused;
    private boolean napping;

    SlowEcho(long seed) {
      this.rnd = new Random(seed);
    }

    @Override
    public void connectionMade(BaseTransport transport) {
      t = (Transport) transport;
    }

    @Override
    public void dataReceived(byte[] data) {
      t.write(data);
      if (!napping && rnd.nextInt(8) == 0) { // a slow reader: nap for a few ms
        napping = true;
        t.pauseReading();
        loop.callLater(rnd.nextInt(4) / 1000.0, () -> {
          napping = false;
          if (!writePaused) {
            t.resumeReading();
          }
        });
      }
    }

    @Override
    public void pauseWriting() {
      writePaused = true;
      t.pauseReading();
    }

    @Override
    public void resumeWriting() {
      writePaused = false;
      if (!napping) {
        t.resumeReading();
      }
    }
  }

  /** Sends TOTAL random bytes in random chunks honouring pause/resume; hashes what comes back. */
  final class Checker implements Protocol {
    final MessageDigest sent = sha();
    final MessageDigest echoed = sha();
    final Future<Void> done = loop.createFuture();
    final Random rnd = new Random(42);
    Transport t;
    long received;
    private Future<Void> resumed;

    @Override
    public void connectionMade(BaseTransport transport) {
      t = (Transport) transport;
    }

    @Override
    public void dataReceived(byte[] data) {
      echoed.update(data);
      received += data.length;
      if (received == TOTAL) {
        done.setResult(null);
      }
    }

    @Override
    public void pauseWriting() {
      resumed = loop.createFuture();
    }

    @Override
    public void resumeWriting() {
      resumed.setResult(null);
      resumed = null;
    }

    void send() {
      long left = TOTAL;
      while (left > 0) {
        byte[] chunk = new byte[(int) Math.min(left, chunkSize(rnd))];
        rnd.nextBytes(chunk);
        sent.update(chunk);
        if (rnd.nextBoolean()) {
          t.write(chunk);
        } else {
          t.write(ByteBuffer.wrap(chunk));
        }
        left -= chunk.length;
        if (resumed != null) {
          Async.await(resumed);
        }
      }
    }
  }

  static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void roundTrip(Supplier<Future<Server>> serve, java.util.function.Function<Server, Future<ConnectionResult<Checker>>> connect) {
    LoopRunner.run(loop, 180, () -> {
      Server server = Async.await(serve.get());
      ConnectionResult<Checker> c = Async.await(connect.apply(server));
      Checker ck = c.protocol();
      ck.send();
      Async.await(ck.done);
      assertEquals(TOTAL, ck.received);
      assertArrayEquals(ck.sent.digest(), ck.echoed.digest(), "SHA-256 of the echoed bytes");
      c.transport().close();
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void tcp() {
    long[] seed = {1};
    roundTrip(() -> loop.createServer(() -> new SlowEcho(seed[0]++), "127.0.0.1", 0),
        s -> loop.createConnection(Checker::new, "127.0.0.1", TransportOrderTest.port(s)));
  }

  @Test
  void unix() {
    Path path = dir.resolve("integrity.sock");
    roundTrip(() -> loop.createUnixServer(() -> new SlowEcho(7), path),
        s -> loop.createUnixConnection(Checker::new, path));
  }

  /** The echoed bytes land in a BufferedProtocol's small buffer, many reads per chunk. */
  @Test
  void tcpIntoABufferedProtocol() {
    LoopRunner.run(loop, 180, () -> {
      Server server = Async.await(loop.createServer(() -> new SlowEcho(3), "127.0.0.1", 0));
      Checker sender = new Checker();
      MessageDigest got = sha();
      Future<Void> done = loop.createFuture();
      class Sink implements BufferedProtocol {
        final ByteBuffer buf = ByteBuffer.allocate(1000);
        long n;

        @Override public void connectionMade(BaseTransport t) { sender.connectionMade(t); }
        @Override public void pauseWriting() { sender.pauseWriting(); }
        @Override public void resumeWriting() { sender.resumeWriting(); }
        @Override public ByteBuffer getBuffer(int hint) { return buf.clear(); }

        @Override
        public void bufferUpdated(int nbytes) {
          got.update(buf.array(), 0, nbytes);
          n += nbytes;
          if (n == TOTAL) {
            done.setResult(null);
          }
        }
      }
      ConnectionResult<Sink> c = Async.await(loop.createConnection(Sink::new, "127.0.0.1", TransportOrderTest.port(server)));
      sender.send();
      Async.await(done);
      assertArrayEquals(sender.sent.digest(), got.digest());
      c.transport().close();
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  /** Streams both ways, random read and write sizes, drain after each write. */
  private void streamsRoundTrip(Supplier<Future<Server>> serve, java.util.function.Function<Server, Future<StreamPair>> open) {
    LoopRunner.run(loop, 180, () -> {
      Server server = Async.await(serve.get());
      StreamPair p = Async.await(open.apply(server));
      MessageDigest sent = sha();
      MessageDigest got = sha();
      var reading = loop.createTask(() -> {
        Random rnd = new Random(5);
        long n = 0;
        while (n < TOTAL) {
          byte[] b = rnd.nextBoolean()
              ? Async.await(p.reader().read(chunkSize(rnd)))
              : Async.await(p.reader().readexactly((int) Math.min(TOTAL - n, chunkSize(rnd))));
          got.update(b);
          n += b.length;
          if (rnd.nextInt(16) == 0) {
            Async.sleep(0.002); // a slow reader
          }
        }
        return n;
      });
      Random rnd = new Random(6);
      long left = TOTAL;
      while (left > 0) {
        byte[] chunk = new byte[(int) Math.min(left, chunkSize(rnd))];
        rnd.nextBytes(chunk);
        sent.update(chunk);
        p.writer().write(chunk);
        Async.await(p.writer().drain());
        left -= chunk.length;
      }
      assertEquals(TOTAL, Async.await(reading));
      assertArrayEquals(sent.digest(), got.digest());
      p.writer().close();
      Async.await(p.writer().waitClosed());
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  static void streamEcho(StreamReader r, StreamWriter w) {
    Random rnd = new Random(9);
    while (true) {
      byte[] b = Async.await(r.read(chunkSize(rnd)));
      if (b.length == 0) {
        break;
      }
      w.write(b);
      Async.await(w.drain());
    }
    w.close();
  }

  @Test
  void streamsOverTcp() {
    streamsRoundTrip(() -> Streams.startServer(IntegrityTest::streamEcho, "127.0.0.1", 0),
        s -> Streams.openConnection("127.0.0.1", TransportOrderTest.port(s)));
  }

  @Test
  void streamsOverUnix() {
    Path path = dir.resolve("streams.sock");
    streamsRoundTrip(() -> Streams.startUnixServer(IntegrityTest::streamEcho, path),
        s -> Streams.openUnixConnection(path));
  }
}
