package dev.jloop.bench.echo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory per idle connection: a fresh server's heap (after a full GC, JVM servers only) and RSS
 * (from {@code /proc}) with no client, then with {@link IdleClient} holding N echoed connections
 * open; the difference divided by N.
 */
final class MemoryProbe {
  private MemoryProbe() {}

  /**
   * One server's figures; heap and direct are -1 where the server cannot tell (CPython).
   *
   * @param skip why the server could not run, or null
   */
  record Result(String server, int connections, long heapBefore, long heapAfter, long directBefore,
      long directAfter, long rssBefore, long rssAfter, String skip) {
    double heapPerConnection() {
      return heapBefore < 0 ? Double.NaN : (heapAfter - heapBefore) / (double) connections;
    }

    double directPerConnection() {
      return directBefore < 0 ? Double.NaN : (directAfter - directBefore) / (double) connections;
    }

    double rssPerConnection() {
      return rssBefore < 0 ? Double.NaN : (rssAfter - rssBefore) / (double) connections;
    }
  }

  static Result measure(ServerSpec spec, ServerSpec.Env env, int connections, Path logDir)
      throws IOException {
    try (ServerProcess server = new ServerProcess(spec.id(), spec.command(),
        logDir.resolve(spec.id() + ".log"))) {
      String line = server.await(180, "READY ", "SKIP ");
      if (line.startsWith("SKIP ")) {
        return new Result(spec.id(), connections, -1, -1, -1, -1, -1, -1, line.substring(5));
      }
      int port = Integer.parseInt(line.substring(line.indexOf("port=") + 5).trim());
      long[] before = snapshot(server);
      List<String> cmd = List.of(env.java(), "-Xmx512m", "-cp", env.classPath(),
          IdleClient.class.getName(), "--port", String.valueOf(port), "--count",
          String.valueOf(connections));
      try (ServerProcess client = new ServerProcess(spec.id() + "-idle", cmd,
          logDir.resolve("idle-client.log"))) {
        String held = client.await(300, "HELD ", "ERROR ");
        if (held.startsWith("ERROR ")) {
          throw new IOException("idle client: " + held.substring(6));
        }
        long[] after = snapshot(server);
        return new Result(spec.id(), connections, before[0], after[0], before[1], after[1],
            before[2], after[2], null);
      }
    }
  }

  /** heap, direct (after GC) and RSS, read once the server has settled for a second. */
  private static long[] snapshot(ServerProcess server) throws IOException {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    server.send("mem");
    String mem = server.await(60, "MEM ");
    long heap = -1;
    long direct = -1;
    for (String f : mem.substring(4).trim().split(" ")) {
      if (f.startsWith("heap=")) {
        heap = Long.parseLong(f.substring(5));
      } else if (f.startsWith("direct=")) {
        direct = Long.parseLong(f.substring(7));
      }
    }
    return new long[] {heap, direct, ProcStat.rssBytes(server.pid())};
  }
}
