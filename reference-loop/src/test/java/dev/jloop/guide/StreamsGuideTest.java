package dev.jloop.guide;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jloop.Async;
import dev.jloop.io.Server;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import dev.jloop.streams.StreamPair;
import dev.jloop.streams.StreamReader;
import dev.jloop.streams.StreamWriter;
import dev.jloop.streams.Streams;
import java.net.InetSocketAddress;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** User guide, "Streams" (asyncio-stream: start_server, open_connection, StreamReader/Writer). */
@ExtendWith(NoLeaks.class)
class StreamsGuideTest {
  // tag::server[]
  /** Serves one connection: sends each line back in upper case until the client's EOF. */
  static void shout(StreamReader reader, StreamWriter writer) {
    while (true) {
      byte[] line = Async.await(reader.readline());
      if (line.length == 0) {                     // EOF: the client is done
        break;
      }
      writer.write(new String(line, UTF_8).toUpperCase(Locale.ROOT).getBytes(UTF_8));
      Async.await(writer.drain());                // waits while the socket's buffer is full
    }
    writer.close();
    Async.await(writer.waitClosed());
  }
  // end::server[]

  @Test
  void serverAndClientOverTcp() {
    // tag::client[]
    String reply = Async.run(() -> {
      Server server = Async.await(Streams.startServer(StreamsGuideTest::shout, "127.0.0.1", 0));
      int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();

      StreamPair conn = Async.await(Streams.openConnection("127.0.0.1", port));
      conn.writer().write("hello, loop\n".getBytes(UTF_8));
      byte[] line = Async.await(conn.reader().readline());
      conn.writer().close();
      Async.await(conn.writer().waitClosed());

      server.close();
      Async.await(server.waitClosed());           // until its connections are closed too
      return new String(line, UTF_8);
    }, SelectorEventLoop::new);
    // end::client[]
    assertEquals("HELLO, LOOP\n", reply);
  }
}
