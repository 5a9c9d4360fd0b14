package dev.jloop.reference.process;

import static dev.jloop.reference.proctest.Loops.hex;
import static dev.jloop.reference.proctest.Loops.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.Coroutine;
import dev.jloop.io.SubprocessOptions;
import dev.jloop.io.SubprocessOptions.Stdio;
import dev.jloop.process.Process;
import dev.jloop.process.Subprocesses;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.Loops;
import dev.jloop.reference.proctest.NoLeaks;
import dev.jloop.streams.StreamWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's create_subprocess_exec/create_subprocess_shell and asyncio.subprocess.Process. */
@ExtendWith(NoLeaks.class)
@Timeout(180)
class ProcessStreamsTest {
  private static final SubprocessOptions PIPES = SubprocessOptions.pipes();

  private SelectorEventLoop loop;

  @BeforeEach
  void open() {
    loop = new SelectorEventLoop();
  }

  @AfterEach
  void close() {
    loop.close();
  }

  private <T> T inTask(Coroutine<T> body) {
    return run(loop, loop.createTask(body));
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void communicateFeedsStdinAndCollectsEverythingIntact() {
    byte[] input = new byte[8 << 20];
    new Random(21).nextBytes(input);
    Process.Output out = inTask(() -> {
      Process p = Async.await(Subprocesses.createSubprocessExec(List.of("cat"), PIPES));
      Process.Output o = Async.await(p.communicate(input));
      assertEquals(Integer.valueOf(0), p.returncode());
      return o;
    });
    MessageDigest a = Loops.sha256();
    MessageDigest b = Loops.sha256();
    assertEquals(hex(a.digest(input)), hex(b.digest(out.stdout())));
    assertEquals(0, out.stderr().length);
  }

  @Test
  void readlineAndWaitFor() {
    inTask(() -> {
      Process p = Async.await(Subprocesses.createSubprocessShell(
          "echo first; echo second; echo oops 1>&2; exit 4", PIPES));
      assertTrue(p.pid() > 0);
      assertEquals("first\n", utf8(Async.await(p.stdout().readline())));
      assertEquals("second\n", utf8(Async.await(p.stdout().readline())));
      assertEquals("oops\n", utf8(Async.await(p.stderr().read())));
      assertEquals(0, Async.await(p.stdout().read()).length, "end of stdout");
      assertEquals(Integer.valueOf(4), Async.await(p.waitFor()));
      assertEquals(Integer.valueOf(4), Async.await(p.waitFor()), "again: at once");
      return null;
    });
  }

  @Test
  void withoutOptionsTheChildInheritsStdioAsAsyncioDefaults() {
    inTask(() -> {
      Process p = Async.await(Subprocesses.createSubprocessExec("true"));
      assertNull(p.stdin());
      assertNull(p.stdout());
      assertNull(p.stderr());
      assertEquals(Integer.valueOf(0), Async.await(p.waitFor()));
      Process.Output o = Async.await(p.communicate());
      assertNull(o.stdout());
      assertNull(o.stderr());
      return null;
    });
  }

  @Test
  void signalsEndTheChildWithNegativeReturnCodes() {
    inTask(() -> {
      Process killed = Async.await(Subprocesses.createSubprocessExec(List.of("sleep", "30"), PIPES));
      killed.kill();
      assertEquals(Integer.valueOf(-9), Async.await(killed.waitFor()));
      Process terminated = Async.await(Subprocesses.createSubprocessExec(List.of("sleep", "30"), PIPES));
      terminated.terminate();
      assertEquals(Integer.valueOf(-15), Async.await(terminated.waitFor()));
      // SIGUSR1, not SIGHUP or SIGINT: nohup and non-interactive shells hand children those ignored.
      Process usr1 = Async.await(Subprocesses.createSubprocessExec(List.of("sleep", "30"), PIPES));
      usr1.sendSignal(10);
      assertEquals(Integer.valueOf(-10), Async.await(usr1.waitFor()));
      return null;
    });
  }

  @Test
  void communicateIgnoresAChildThatDoesNotReadItsStdinAsAsyncioDoes() {
    Process.Output o = inTask(() -> {
      Process p = Async.await(Subprocesses.createSubprocessShell("echo done", PIPES));
      Process.Output out = Async.await(p.communicate(new byte[4 << 20]));
      assertEquals(Integer.valueOf(0), p.returncode());
      return out;
    });
    assertEquals("done\n", utf8(o.stdout()));
  }

  @Test
  void drainHonoursBackPressureFromAChildThatReadsSlowly() {
    long total = 4L << 20;
    Random rnd = new Random(22);
    MessageDigest sent = Loops.sha256();
    String received = inTask(() -> {
      Process p = Async.await(Subprocesses.createSubprocessExec(List.of("cat"), PIPES));
      MessageDigest got = Loops.sha256();
      var reader = loop.createTask(() -> {
        long n = 0;
        while (true) {
          byte[] chunk = Async.await(p.stdout().read(1 + rnd.nextInt(30_000)));
          if (chunk.length == 0) {
            return n;
          }
          got.update(chunk);
          n += chunk.length;
          Async.sleep(0.0005);
        }
      });
      StreamWriter w = p.stdin();
      long written = 0;
      int maxBuffered = 0;
      while (written < total) {
        byte[] chunk = new byte[(int) Math.min(total - written, 1 + rnd.nextInt(100_000))];
        rnd.nextBytes(chunk);
        sent.update(chunk);
        w.write(chunk);
        written += chunk.length;
        maxBuffered = Math.max(maxBuffered,
            (int) ((dev.jloop.io.WriteTransport) w.transport()).getWriteBufferSize());
        Async.await(w.drain());
      }
      w.close();
      assertEquals(Long.valueOf(total), Async.await(reader));
      assertEquals(Integer.valueOf(0), Async.await(p.waitFor()));
      assertTrue(maxBuffered > 0);
      return hex(got.digest());
    });
    assertEquals(hex(sent.digest()), received);
  }

  @Test
  void envCwdAndLimitReachTheChildAndTheReaders() {
    inTask(() -> {
      Process p = Async.await(Subprocesses.createSubprocessShell("echo \"$JLOOP_Y\"; pwd",
          SubprocessOptions.builder().stdin(Stdio.DEVNULL).env(Map.of("JLOOP_Y", "yes"))
              .cwd(java.nio.file.Path.of("/")).limit(1000).build()));
      assertEquals(1000, p.stdout().limit());
      Process.Output o = Async.await(p.communicate());
      assertEquals("yes\n/\n", utf8(o.stdout()));
      return null;
    });
  }

  @Test
  void failuresAndBadArguments() {
    assertThrows(IllegalStateException.class,
        () -> Subprocesses.createSubprocessExec("true"), "no running loop");
    Throwable missing = assertThrows(Throwable.class, () -> inTask(() -> Async.await(
        Subprocesses.createSubprocessExec(List.of("/nonexistent/jloop-nothing"), PIPES))));
    assertInstanceOf(IOException.class, missing);
    inTask(() -> {
      Process p = Async.await(Subprocesses.createSubprocessExec(List.of("true"),
          SubprocessOptions.builder().stdin(Stdio.DEVNULL).build()));
      assertThrows(IllegalStateException.class, () -> p.communicate(new byte[1]));
      assertArrayEquals(new byte[0], Async.await(p.communicate()).stdout());
      return null;
    });
    assertThrows(NullPointerException.class, () -> inTask(() -> Subprocesses.createSubprocessExec(null, PIPES)));
  }
}
