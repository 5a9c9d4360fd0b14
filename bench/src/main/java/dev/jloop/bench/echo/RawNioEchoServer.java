package dev.jloop.bench.echo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The ceiling: the least an echo server on the JDK's NIO {@link Selector} can do. One thread,
 * one 256 KiB direct buffer per connection; a read is written straight back, and a connection
 * whose echo did not fit in the socket stops reading until it drained. No event loop, no
 * callbacks, no protocol objects.
 *
 * <p>With {@code --array} it also does what a {@code Protocol} echo costs by contract and
 * nothing else: each read is copied into a fresh {@code byte[]} (what {@code dataReceived} is
 * handed) and that array is copied back into the direct buffer to be written (what
 * {@code write(byte[])} needs on NIO), still with no loop, callbacks or buffering. The gap
 * between the two modes is the price of the byte-array contract; a loop's protocol mode can get
 * down to this mode, not below it.
 *
 * <p>Usage: {@code RawNioEchoServer [--port P] [--array]} (port 0: any free port).
 */
public final class RawNioEchoServer {
  private RawNioEchoServer() {}

  public static void main(String[] args) throws IOException {
    int port = 0;
    boolean array = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--array" -> array = true;
        default -> throw new IllegalArgumentException(
            "unknown argument " + args[i] + "; usage: RawNioEchoServer [--port P] [--array]");
      }
    }
    Selector selector = Selector.open();
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    ServerControl.ready(((InetSocketAddress) server.getLocalAddress()).getPort());
    while (true) {
      selector.select();
      for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
        SelectionKey key = it.next();
        it.remove();
        if (key.isAcceptable()) {
          SocketChannel ch = server.accept();
          if (ch != null) {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(256 * 1024));
          }
          continue;
        }
        echo(key, array);
      }
    }
  }

  private static void echo(SelectionKey key, boolean array) {
    SocketChannel ch = (SocketChannel) key.channel();
    ByteBuffer buf = (ByteBuffer) key.attachment();
    try {
      if (key.isReadable()) {
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) {
          ch.close();
          return;
        }
        buf.flip();
        if (array) {
          byte[] data = new byte[n];
          buf.get(data);
          buf.clear();
          buf.put(data).flip();
        }
      }
      ch.write(buf);
      key.interestOps(buf.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    } catch (IOException e) {
      key.cancel();
      try {
        ch.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }
}
