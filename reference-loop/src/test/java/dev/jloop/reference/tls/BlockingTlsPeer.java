package dev.jloop.reference.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A blocking JDK TLS peer on its own thread that handshakes and then does nothing (it never
 * reads, so it never answers close_notify): the peer for the shutdown-timeout tests.
 */
final class BlockingTlsPeer implements AutoCloseable {
  private final CountDownLatch release = new CountDownLatch(1);
  private final Thread thread;
  private SSLServerSocket serverSocket;
  private SSLSocket socket;
  final CompletableFuture<Void> handshaken = new CompletableFuture<>();

  /** A server on a free loopback port. */
  static BlockingTlsPeer server(SSLContext ctx) throws IOException {
    SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1,
        InetAddress.getLoopbackAddress());
    return new BlockingTlsPeer(ss, null, 0, null);
  }

  /** A client of {@code port}. */
  static BlockingTlsPeer client(SSLContext ctx, int port) {
    return new BlockingTlsPeer(null, ctx, port, "localhost");
  }

  private BlockingTlsPeer(SSLServerSocket ss, SSLContext clientCtx, int port, String host) {
    this.serverSocket = ss;
    thread = Thread.ofPlatform().daemon().start(() -> {
      try {
        SSLSocket s = ss != null ? (SSLSocket) ss.accept()
            : (SSLSocket) clientCtx.getSocketFactory().createSocket(host, port);
        synchronized (this) {
          socket = s;
        }
        s.startHandshake();
        handshaken.complete(null);
        release.await();
      } catch (IOException | InterruptedException e) {
        handshaken.completeExceptionally(e);
      }
    });
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    release.countDown();
    synchronized (this) {
      if (socket != null) {
        socket.close();
      }
    }
    if (serverSocket != null) {
      serverSocket.close();
    }
    thread.join(10_000);
  }
}
