package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jloop.Async;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 concurrent connections to one echo server, each verified. The clients run in a child
 * JVM ({@link LoadClient}): both ends in one process would need 20,000 descriptors, the hard
 * limit here, so no surefire setting is needed; the test checks the soft limit and skips with
 * the reason if it is below what the server side needs.
 */
@ExtendWith(NoLeaks.class)
class LoadTest {
  static final int CONNECTIONS = 10_000;
  private final SelectorEventLoop loop = new SelectorEventLoop();
  @TempDir
  Path dir;

  @AfterEach
  void close() {
    loop.close();
  }

  /** The soft limit on open files, from /proc/self/limits (-1 if unknown). */
  static long openFilesLimit() throws Exception {
    Path limits = Path.of("/proc/self/limits");
    if (!Files.exists(limits)) {
      return -1;
    }
    for (String line : Files.readAllLines(limits)) {
      if (line.startsWith("Max open files")) {
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
      }
    }
    return -1;
  }

  /** Echo that counts live connections and remembers the peak. */
  static final class Counter {
    int live;
    int peak;
    int total;
  }

  @Test
  void tenThousandConcurrentConnectionsEachEchoed() throws Exception {
    long limit = openFilesLimit();
    assumeTrue(limit >= CONNECTIONS + 1000,
        "needs " + (CONNECTIONS + 1000) + " open files per process, `ulimit -n` is " + limit);
    Counter counter = new Counter();
    Path out = dir.resolve("client.out");
    Process[] client = new Process[1];
    try {
      String verified = LoopRunner.run(loop, 600, () -> {
        Server server = Async.await(loop.createServer(() -> new Echo() {
          @Override
          public void connectionMade(BaseTransport t) {
            super.connectionMade(t);
            counter.total++;
            counter.peak = Math.max(counter.peak, ++counter.live);
          }

          @Override
          public void connectionLost(Throwable exc) {
            counter.live--;
          }
        }, ServerOptions.builder().host("127.0.0.1").port(0).backlog(4096).build()));
        List<String> cmd = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
            "-Djloop.coroutine.backend=" + System.getProperty("jloop.coroutine.backend", "auto"),
            "-cp", System.getProperty("java.class.path"),
            LoadClient.class.getName(), "127.0.0.1", String.valueOf(TransportOrderTest.port(server)),
            String.valueOf(CONNECTIONS)));
        client[0] = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Async.await(Async.wrapFuture(client[0].onExit(), loop));
        server.close();
        Async.await(server.waitClosed());
        return Files.readString(out);
      });
      assertEquals(0, client[0].exitValue(), "client output:\n" + verified);
      assertTrue(verified.contains("verified " + CONNECTIONS), verified);
      assertEquals(CONNECTIONS, counter.total, "connections accepted");
      assertEquals(CONNECTIONS, counter.peak, "all were open at once");
      assertEquals(0, counter.live, "and all are gone");
    } finally {
      if (client[0] != null && client[0].isAlive()) {
        client[0].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
