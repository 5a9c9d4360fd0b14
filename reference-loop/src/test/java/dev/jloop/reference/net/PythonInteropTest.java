package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jloop.Async;
import dev.jloop.io.Server;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import dev.jloop.streams.StreamPair;
import dev.jloop.streams.Streams;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference loop and CPython's asyncio talk to each other: asyncio's echo client
 * (open_connection, drain, write_eof) against our servers, and our clients against asyncio's
 * echo server, over TCP and Unix sockets. The scripts are in src/test/resources/interop.
 */
@ExtendWith(NoLeaks.class)
class PythonInteropTest {
  private static final int SIZE = 4 * 1024 * 1024;
  private final SelectorEventLoop loop = new SelectorEventLoop();
  private final List<Process> processes = new ArrayList<>();
  @TempDir
  Path dir;

  @BeforeAll
  static void needsPython() {
    boolean ok;
    try {
      Process p = new ProcessBuilder("python3", "-c", "import asyncio, sys; sys.exit(sys.version_info < (3, 8))")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      ok = false;
    }
    assumeTrue(ok, "python3 (3.8 or newer) is not installed: the CPython interop tests need it");
  }

  @AfterEach
  void close() throws Exception {
    loop.close();
    for (Process p : processes) {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String script(String name) throws Exception {
    return Path.of(PythonInteropTest.class.getResource("/interop/" + name).toURI()).toString();
  }

  private Process python(Path out, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("python3"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).start();
    processes.add(p);
    return p;
  }

  /** Waits for the process to exit and returns its output; fails if it did not exit 0. */
  private String awaitExit(Process p, Path out) throws Exception {
    Async.await(Async.wrapFuture(p.onExit(), loop));
    String text = Files.readString(out);
    assertEquals(0, p.exitValue(), "python exited with " + p.exitValue() + ":\n" + text);
    return text;
  }

  // ---- asyncio client -> reference loop server ----

  private void pythonClientAgainst(Server server, String kind, String where) throws Exception {
    Path out = dir.resolve("client.out");
    Process p = python(out, script("echo_client.py"), kind, where, String.valueOf(SIZE));
    String text = awaitExit(p, out);
    assertTrue(text.startsWith("OK " + SIZE), text);
    server.close();
    Async.await(server.waitClosed());
  }

  @Test
  void asyncioClientAgainstOurTcpProtocolServer() {
    LoopRunner.run(loop, 120, () -> {
      Server server = Async.await(loop.createServer(Echo::new, "127.0.0.1", 0));
      pythonClientAgainst(server, "tcp", String.valueOf(TransportOrderTest.port(server)));
      return null;
    });
  }

  @Test
  void asyncioClientAgainstOurUnixStreamsServer() {
    Path path = dir.resolve("j.sock");
    LoopRunner.run(loop, 120, () -> {
      Server server = Async.await(Streams.startUnixServer(IntegrityTest::streamEcho, path));
      pythonClientAgainst(server, "unix", path.toString());
      return null;
    });
  }

  // ---- reference loop client -> asyncio server ----

  private String awaitListening(Path out) throws Exception {
    for (int i = 0; i < 3000; i++) {
      if (Files.exists(out)) {
        for (String line : Files.readAllLines(out)) {
          if (line.startsWith("LISTENING ")) {
            return line.substring("LISTENING ".length()).trim();
          }
        }
      }
      Async.sleep(0.01);
    }
    throw new AssertionError("the asyncio server never listened:\n" + Files.readString(out));
  }

  /** Streams client: random chunks with drain, concurrent reader, SHA-256 of both directions. */
  private void ourClient(StreamPair p) throws Exception {
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    MessageDigest got = MessageDigest.getInstance("SHA-256");
    var reading = loop.createTask(() -> {
      long n = 0;
      while (true) {
        byte[] b = Async.await(p.reader().read(65536));
        if (b.length == 0) {
          return n;
        }
        got.update(b);
        n += b.length;
      }
    });
    Random rnd = new Random(99);
    int left = SIZE;
    while (left > 0) {
      byte[] chunk = new byte[Math.min(left, IntegrityTest.chunkSize(rnd))];
      rnd.nextBytes(chunk);
      sent.update(chunk);
      p.writer().write(chunk);
      Async.await(p.writer().drain());
      left -= chunk.length;
    }
    p.writer().writeEof();
    assertEquals((long) SIZE, Async.await(reading), "the asyncio server echoed every byte, then closed");
    assertArrayEquals(sent.digest(), got.digest());
    p.writer().close();
    Async.await(p.writer().waitClosed());
  }

  @Test
  void ourTcpClientAgainstAnAsyncioServer() {
    LoopRunner.run(loop, 120, () -> {
      Path out = dir.resolve("server.out");
      Process p = python(out, script("echo_server.py"), "tcp");
      int port = Integer.parseInt(awaitListening(out));
      ourClient(Async.await(Streams.openConnection("127.0.0.1", port)));
      awaitExit(p, out);
      return null;
    });
  }

  @Test
  void ourUnixClientAgainstAnAsyncioServer() {
    LoopRunner.run(loop, 120, () -> {
      Path out = dir.resolve("server.out");
      Path path = dir.resolve("py.sock");
      Process p = python(out, script("echo_server.py"), "unix", path.toString());
      awaitListening(out);
      ourClient(Async.await(Streams.openUnixConnection(path)));
      awaitExit(p, out);
      return null;
    });
  }
}
