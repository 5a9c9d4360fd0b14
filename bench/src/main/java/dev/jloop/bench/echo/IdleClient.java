package dev.jloop.bench.echo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds many idle connections open for the memory measurement. It opens {@code --count}
 * connections one after another, sends 64 bytes on each and waits for their echo (so the server
 * has accepted the connection and set it up completely), prints {@code HELD n}, then waits until
 * its standard input ends and closes them all. Usage: {@code IdleClient --port P --count N}.
 */
public final class IdleClient {
  private IdleClient() {}

  public static void main(String[] args) throws IOException {
    int port = -1;
    int count = 10_000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--count" -> count = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: IdleClient --port P --count N");
      }
    }
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    List<SocketChannel> open = new ArrayList<>(count);
    ByteBuffer out = ByteBuffer.allocate(64);
    ByteBuffer in = ByteBuffer.allocate(64);
    try {
      for (int i = 0; i < count; i++) {
        SocketChannel ch = SocketChannel.open(address);
        open.add(ch);
        out.clear();
        out.putInt(0, i);
        while (out.hasRemaining()) {
          ch.write(out);
        }
        in.clear();
        while (in.hasRemaining()) {
          if (ch.read(in) < 0) {
            throw new IOException("connection " + i + " closed before its echo");
          }
        }
        if (in.flip().mismatch(out.flip()) >= 0) {
          throw new IOException("wrong echo on connection " + i);
        }
      }
      System.out.println("HELD " + open.size());
      System.out.flush();
      while (System.in.read() >= 0) {
        // idle until the harness closes our input
      }
    } catch (IOException e) {
      System.out.println("ERROR after " + open.size() + " connections: " + e);
      System.out.flush();
    } finally {
      for (SocketChannel ch : open) {
        ch.close();
      }
    }
  }
}
