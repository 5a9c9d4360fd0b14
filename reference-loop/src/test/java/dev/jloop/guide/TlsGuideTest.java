package dev.jloop.guide;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import dev.jloop.reference.tls.TestContexts;
import dev.jloop.streams.StreamPair;
import dev.jloop.streams.Streams;
import dev.jloop.tls.CipherInfo;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** User guide, "TLS" (asyncio-stream with ssl=, asyncio's sslproto). */
@ExtendWith(NoLeaks.class)
class TlsGuideTest {
  @Test
  void streamsOverTls() {
    SSLContext serverContext = TestContexts.server();
    SSLContext clientContext = TestContexts.client();
    // tag::tls[]
    String reply = Async.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Server server = Async.await(Streams.startServer(loop, StreamsGuideTest::shout,
          ServerOptions.builder().host("127.0.0.1").port(0).ssl(serverContext).build(),
          Streams.DEFAULT_LIMIT));
      int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();

      StreamPair conn = Async.await(Streams.openConnection(loop,
          ConnectionOptions.builder().host("127.0.0.1").port(port).ssl(clientContext)
              .serverHostname("localhost")        // the name the certificate must carry
              .build(),
          Streams.DEFAULT_LIMIT));
      conn.writer().write("hello, tls\n".getBytes(UTF_8));
      byte[] line = Async.await(conn.reader().readline());
      CipherInfo cipher = (CipherInfo) conn.writer().getExtraInfo("cipher");
      conn.writer().close();                      // close_notify, then the socket
      Async.await(conn.writer().waitClosed());

      server.close();
      Async.await(server.waitClosed());
      return new String(line, UTF_8).strip() + " over " + cipher.protocol();
    }, SelectorEventLoop::new);
    // end::tls[]
    assertTrue(reply.matches("HELLO, TLS over TLSv1\\.[23]"), reply);
  }
}
