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
 * callbacks, no protocol objects. Usage: {@code RawNioEchoServer [--port P]} (0: any free port).
 */
public final class RawNioEchoServer {
  private RawNioEchoServer() {}

  public static void main(String[] args) throws IOException {
    int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 0;
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
        echo(key);
      }
    }
  }

  private static void echo(SelectionKey key) {
    SocketChannel ch = (SocketChannel) key.channel();
    ByteBuffer buf = (ByteBuffer) key.attachment();
    try {
      if (key.isReadable()) {
        buf.clear();
        if (ch.read(buf) < 0) {
          ch.close();
          return;
        }
        buf.flip();
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
