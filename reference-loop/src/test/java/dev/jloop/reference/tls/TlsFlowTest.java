package dev.jloop.reference.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.BufferedProtocol;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Protocol;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.Transport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.net.LoopRunner;
import dev.jloop.reference.proctest.NoLeaks;
import dev.jloop.tls.SslProtocol;
import dev.jloop.tls.SslTransport;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Flow control through the TLS layer both ways (asyncio's sslproto water marks) and integrity:
 * 100 MiB in random write sizes to a slow reader arrive intact (SHA-256).
 */
@ExtendWith(NoLeaks.class)
class TlsFlowTest {
  final SelectorEventLoop loop = new SelectorEventLoop();
  final TestPki pki = TestPki.get();

  @AfterEach
  void close() {
    loop.close();
  }

  static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A sink that reads into its own buffer (BufferedProtocol), hashing, pausing now and then. */
  static final class SlowSink implements BufferedProtocol {
    final EventLoop loop;
    final long total;
    final MessageDigest digest = sha();
    final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    final Future<byte[]> done;
    final Random rnd = new Random(7);
    SslTransport transport;
    long received;
    long maxReadBuffer;
    boolean pausedForever;

    SlowSink(EventLoop loop, long total, boolean pausedForever) {
      this.loop = loop;
      this.total = total;
      this.done = loop.createFuture();
      this.pausedForever = pausedForever;
    }

    @Override
    public void connectionMade(BaseTransport t) {
      transport = (SslTransport) t;
      if (pausedForever) {
        transport.pauseReading();
        watch();
      }
    }

    private void watch() {
      maxReadBuffer = Math.max(maxReadBuffer, transport.getReadBufferSize());
      if (pausedForever) {
        loop.callLater(0.005, this::watch);
      }
    }

    void resume() {
      pausedForever = false;
      transport.resumeReading();
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
      return buf.clear();
    }

    @Override
    public void bufferUpdated(int n) {
      digest.update(buf.array(), 0, n);
      received += n;
      if (received == total) {
        done.setResult(digest.digest());
      } else if (!pausedForever && rnd.nextInt(64) == 0) { // a slow reader: nap a few ms
        transport.pauseReading();
        loop.callLater(rnd.nextInt(5) / 1000.0, transport::resumeReading);
      }
    }
  }

  /** Writes {@code total} random bytes in random sizes, honouring pause/resume; returns the SHA-256. */
  static final class Source implements Protocol {
    final EventLoop loop;
    final List<String> flow = new ArrayList<>();
    Transport transport;
    Future<Void> resumed;

    Source(EventLoop loop) {
      this.loop = loop;
    }

    @Override
    public void connectionMade(BaseTransport t) {
      transport = (Transport) t;
    }

    @Override
    public void pauseWriting() {
      flow.add("pause");
      resumed = loop.createFuture();
    }

    @Override
    public void resumeWriting() {
      flow.add("resume");
      resumed.setResult(null);
      resumed = null;
    }

    byte[] send(long total, long seed) {
      MessageDigest d = sha();
      Random rnd = new Random(seed);
      long left = total;
      while (left > 0) {
        int size = (int) Math.min(left, rnd.nextInt(10) < 8 ? 1 + rnd.nextInt(8192) : 1 + rnd.nextInt(512 * 1024));
        byte[] chunk = new byte[size];
        rnd.nextBytes(chunk);
        d.update(chunk);
        if (rnd.nextBoolean()) {
          transport.write(chunk);
        } else {
          transport.write(ByteBuffer.wrap(chunk));
        }
        left -= size;
        if (resumed != null) {
          Async.await(resumed);
        }
      }
      return d.digest();
    }
  }

  ConnectionResult<Source> pair(List<SlowSink> sinks, long total, boolean pausedForever) {
    Server server = Async.await(loop.createServer(() -> {
      SlowSink s = new SlowSink(loop, total, pausedForever);
      sinks.add(s);
      return s;
    }, ServerOptions.builder().host("127.0.0.1").port(0).ssl(pki.serverContext()).build()));
    servers.add(server);
    return Async.await(loop.createConnection(() -> new Source(loop),
        ConnectionOptions.builder().host("localhost").port(TlsConnectionTest.port(server)).ssl(pki.clientContext()).build()));
  }

  final List<Server> servers = new ArrayList<>();

  void closeAll(ConnectionResult<Source> c) {
    c.transport().close();
    for (Server s : servers) {
      s.close();
      s.closeClients();
      Async.await(s.waitClosed());
    }
  }

  /**
   * pauseReading on the TLS transport stops decryption; once the read high-water mark of
   * ciphertext waits, the TCP transport stops reading, so the buffer stays bounded; the writer,
   * its buffers full, gets pauseWriting; after resumeReading everything arrives and the writer
   * gets resumeWriting.
   */
  @Test
  void pausedReaderBoundsBuffersAndPausesTheWriter() {
    long total = 16L * 1024 * 1024;
    LoopRunner.run(loop, 300, () -> {
      List<SlowSink> sinks = new ArrayList<>();
      ConnectionResult<Source> c = pair(sinks, total, true);
      Source src = c.protocol();
      Future<byte[]> sent = loop.createTask(() -> src.send(total, 11));
      while (src.resumed == null) {
        Async.sleep(0.01); // the writer fills every buffer until it is told to pause
      }
      Async.sleep(0.2);
      SlowSink sink = sinks.get(0);
      assertTrue(sink.maxReadBuffer <= 2L * SslProtocol.DEFAULT_READ_HIGH_WATER,
          "ciphertext buffered while paused stays near the 256 KiB mark: " + sink.maxReadBuffer);
      assertTrue(sink.received == 0, "nothing delivered while paused");
      assertTrue(((SslTransport) c.transport()).isProtocolPaused());
      sink.resume();
      assertArrayEquals(Async.await(sent), Async.await(sink.done), "SHA-256 of what arrived");
      assertEquals("pause", src.flow.get(0));
      assertEquals("resume", src.flow.get(src.flow.size() - 1), "the writer was resumed once drained");
      closeAll(c);
      return null;
    });
  }

  /** 100 MiB, random write sizes, a slow BufferedProtocol reader: every byte arrives in order. */
  @Test
  void hundredMebibytesArriveIntact() {
    long total = 100L * 1024 * 1024;
    LoopRunner.run(loop, 900, () -> {
      List<SlowSink> sinks = new ArrayList<>();
      ConnectionResult<Source> c = pair(sinks, total, false);
      byte[] sent = c.protocol().send(total, 42);
      assertArrayEquals(sent, Async.await(sinks.get(0).done), "SHA-256 of 100 MiB through TLS");
      assertEquals(total, sinks.get(0).received);
      closeAll(c);
      return null;
    });
  }
}
