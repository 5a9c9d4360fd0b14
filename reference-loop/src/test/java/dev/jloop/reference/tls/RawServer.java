package dev.jloop.reference.tls;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain (non-TLS) blocking server: once it has read something from a connection it answers
 * {@code reply} and closes, or, with {@code null}, stalls (keeps the connection, says nothing).
 */
final class RawServer implements AutoCloseable {
  final ServerSocket ss = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
  final List<Socket> conns = java.util.Collections.synchronizedList(new ArrayList<>());
  final Thread thread;

  RawServer(byte[] reply) throws IOException {
    thread = Thread.ofPlatform().daemon().start(() -> {
      try {
        while (true) {
          Socket s = ss.accept();
          conns.add(s);
          s.getInputStream().read(new byte[4096]);
          if (reply != null) {
            s.getOutputStream().write(reply);
            s.close();
          }
        }
      } catch (IOException closed) {
        // the test is over
      }
    });
  }

  int port() {
    return ss.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    ss.close();
    thread.join(10_000);
    for (Socket s : conns) {
      s.close();
    }
  }
}

