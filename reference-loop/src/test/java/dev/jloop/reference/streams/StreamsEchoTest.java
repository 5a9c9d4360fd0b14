package dev.jloop.reference.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.io.Server;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import dev.jloop.streams.IncompleteReadException;
import dev.jloop.streams.StreamPair;
import dev.jloop.streams.StreamReader;
import dev.jloop.streams.StreamWriter;
import dev.jloop.streams.Streams;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** open_connection / start_server end to end over TCP. */
@ExtendWith(NoLeaks.class)
class StreamsEchoTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();

  @AfterEach
  void close() {
    loop.close();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A line echo server: each line back, then close at EOF. */
  static void echoLines(StreamReader r, StreamWriter w) {
    while (true) {
      byte[] line = Async.await(r.readline());
      if (line.length == 0) {
        break;
      }
      w.write(line);
      Async.await(w.drain());
    }
    w.close();
    Async.await(w.waitClosed());
  }

  @Test
  void linesGoThereAndBack() {
    loop.runUntilComplete(() -> {
      Server server = Async.await(Streams.startServer(StreamsEchoTest::echoLines, "127.0.0.1", 0));
      int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
      StreamPair p = Async.await(Streams.openConnection("127.0.0.1", port));
      p.writer().write(ascii("one\ntwo\n"));
      p.writer().write(ascii("three"));
      assertArrayEquals(ascii("one\n"), Async.await(p.reader().readline()));
      assertArrayEquals(ascii("two\n"), Async.await(p.reader().readline()));
      p.writer().write(ascii("\n"));
      assertArrayEquals(ascii("three\n"), Async.await(p.reader().readexactly(6)));
      p.writer().writeEof();
      IncompleteReadException e = assertThrows(IncompleteReadException.class,
          () -> Async.await(p.reader().readexactly(1)));
      assertEquals(0, e.partial().length);
      assertTrue(p.reader().atEof());
      p.writer().close();
      Async.await(p.writer().waitClosed());
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }
}
