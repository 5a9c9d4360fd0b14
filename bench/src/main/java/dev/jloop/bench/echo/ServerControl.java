package dev.jloop.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * The harness's side channel to a JVM echo server, over the server's standard streams: the
 * server prints {@code READY port=P} once it listens (or {@code SKIP reason} if it cannot run
 * here); afterwards each line {@code mem} on its standard input answers {@code MEM heap=B
 * direct=B} (bytes used after a full GC, and by direct buffers), and the end of its standard
 * input ends the process, so a server never outlives the harness that started it.
 */
final class ServerControl {
  private ServerControl() {}

  /** Announces the port and starts serving the control channel on a daemon thread. */
  static void ready(int port) {
    System.out.println("READY port=" + port);
    System.out.flush();
    Thread t = new Thread(ServerControl::serve, "echo-server-control");
    t.setDaemon(true);
    t.start();
  }

  /** Tells the harness this server cannot run here, and exits. */
  static void skip(String reason) {
    System.out.println("SKIP " + reason.replace('\n', ' '));
    System.out.flush();
    System.exit(0);
  }

  private static void serve() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.trim().equals("mem")) {
          System.gc();
          System.gc();
          System.out.println("MEM heap=" + heapUsed() + " direct=" + directUsed());
          System.out.flush();
        }
      }
    } catch (IOException e) {
      // the harness went away: the end of input below ends the server just the same
    }
    System.exit(0); // not halt: shutdown hooks run, so a JFR recording is written
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long directUsed() {
    long used = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        used += pool.getMemoryUsed();
      }
    }
    return used;
  }
}
