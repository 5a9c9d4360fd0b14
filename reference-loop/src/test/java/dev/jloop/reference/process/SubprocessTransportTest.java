package dev.jloop.reference.process;

import static dev.jloop.reference.proctest.Loops.run;
import static dev.jloop.reference.proctest.Loops.runUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Future;
import dev.jloop.io.SubprocessOptions;
import dev.jloop.io.SubprocessOptions.Stdio;
import dev.jloop.io.SubprocessTransport;
import dev.jloop.io.TransportProtocol;
import dev.jloop.io.WriteTransport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** asyncio's subprocess_exec/subprocess_shell and BaseSubprocessTransport's callback order. */
@ExtendWith(NoLeaks.class)
@Timeout(120)
class SubprocessTransportTest {
  private SelectorEventLoop loop;

  @BeforeEach
  void open() {
    loop = new SelectorEventLoop();
  }

  @AfterEach
  void close() {
    loop.close();
  }

  private TransportProtocol<SubprocessTransport, RecordingSubprocessProtocol> exec(
      SubprocessOptions o, String... args) {
    return run(loop, loop.subprocessExec(RecordingSubprocessProtocol::new, List.of(args), o));
  }

  private TransportProtocol<SubprocessTransport, RecordingSubprocessProtocol> shell(
      SubprocessOptions o, String cmd) {
    return run(loop, loop.subprocessShell(RecordingSubprocessProtocol::new, cmd, o));
  }

  private void finish(TransportProtocol<SubprocessTransport, RecordingSubprocessProtocol> tp) {
    runUntil(loop, () -> tp.protocol().lostCount > 0);
    tp.transport().close();
  }

  @Test
  void echoDeliversOutputThenPipeEndsAndExitThenConnectionLostLast() {
    var tp = exec(SubprocessOptions.pipes(), "echo", "hello");
    var p = tp.protocol();
    assertEquals("made", p.events.get(0), "the future completes after connectionMade");
    assertTrue(tp.transport().getPid() > 0);
    finish(tp);
    assertEquals("hello\n", p.stdout());
    assertEquals(Integer.valueOf(0), tp.transport().getReturncode());
    // asyncio: connection_lost only after the exit and every pipe's end, exactly once
    assertEquals("lost", p.events.get(p.events.size() - 1));
    assertEquals(1, p.lostCount);
    for (String e : List.of("pipeLost0", "pipeLost1", "pipeLost2", "exited")) {
      assertTrue(p.events.contains(e), e + " in " + p.events);
    }
    assertTrue(p.events.indexOf("data1") < p.events.indexOf("pipeLost1"), p.events.toString());
    assertNull(p.pipeLostWith[1]);
  }

  @Test
  void stdoutAndStderrAreSeparateOrMergedWithStdout() {
    var separate = shell(SubprocessOptions.pipes(), "echo out; echo err 1>&2");
    finish(separate);
    assertEquals("out\n", separate.protocol().stdout());
    assertEquals("err\n", separate.protocol().stderr());

    var merged = shell(SubprocessOptions.builder().stderr(Stdio.STDOUT).build(),
        "echo out; echo err 1>&2");
    finish(merged);
    assertEquals("out\nerr\n", merged.protocol().stdout());
    assertNull(merged.transport().getPipeTransport(2));
  }

  @Test
  void devnullAndInheritHaveNoPipeTransport() {
    var tp = exec(SubprocessOptions.builder().stdin(Stdio.DEVNULL).stdout(Stdio.DEVNULL)
        .stderr(Stdio.INHERIT).build(), "cat");
    assertNull(tp.transport().getPipeTransport(0));
    assertNull(tp.transport().getPipeTransport(1));
    assertNull(tp.transport().getPipeTransport(2));
    finish(tp);
    assertEquals(Integer.valueOf(0), tp.transport().getReturncode(), "cat read /dev/null and ended");
    assertEquals(List.of("made", "exited", "lost"), tp.protocol().events);
  }

  @Test
  void cwdAndEnvAreTheChildsAndExitStatusIsReported(@TempDir Path dir) throws IOException {
    var pwd = exec(SubprocessOptions.builder().cwd(dir).build(), "pwd");
    finish(pwd);
    assertEquals(dir.toRealPath().toString(), pwd.protocol().stdout().trim());

    var env = shell(SubprocessOptions.builder().env(Map.of("JLOOP_X", "42")).build(),
        "echo \"$JLOOP_X\"; echo \"${HOME:-unset}\"; exit 3");
    finish(env);
    assertEquals("42\nunset\n", env.protocol().stdout(), "env replaces the environment");
    assertEquals(Integer.valueOf(3), env.transport().getReturncode());
  }

  @Test
  void killTerminateAndOtherSignalsGiveNegativeReturnCodesAsAsyncio() {
    var killed = exec(SubprocessOptions.pipes(), "sleep", "30");
    killed.transport().kill();
    finish(killed);
    assertEquals(Integer.valueOf(-9), killed.transport().getReturncode());

    var terminated = exec(SubprocessOptions.pipes(), "sleep", "30");
    terminated.transport().terminate();
    finish(terminated);
    assertEquals(Integer.valueOf(-15), terminated.transport().getReturncode());

    var usr1 = exec(SubprocessOptions.pipes(), "sleep", "30");
    usr1.transport().sendSignal(10); // SIGUSR1 on Linux: its default action ends sleep
    finish(usr1);
    assertEquals(Integer.valueOf(-10), usr1.transport().getReturncode());
    // after connection_lost the process is gone: asyncio raises ProcessLookupError
    assertThrows(IllegalStateException.class, () -> usr1.transport().kill());
    assertThrows(IllegalArgumentException.class, () -> {
      var tp = exec(SubprocessOptions.pipes(), "true");
      try {
        tp.transport().sendSignal(-1);
      } finally {
        finish(tp);
      }
    });
  }

  @Test
  void closeKillsARunningChildAndTheTransportFinishes() {
    var tp = exec(SubprocessOptions.pipes(), "sleep", "30");
    tp.transport().close();
    assertTrue(tp.transport().isClosing());
    runUntil(loop, () -> tp.protocol().lostCount > 0);
    assertEquals(Integer.valueOf(-9), tp.transport().getReturncode());
  }

  @Test
  void childThatDiesWhileStdinIsBeingFedEndsStdinWithBrokenPipe() {
    var tp = exec(SubprocessOptions.pipes(), "head", "-c", "10");
    WriteTransport stdin = (WriteTransport) tp.transport().getPipeTransport(0);
    stdin.write(new byte[4 << 20]);
    finish(tp);
    assertInstanceOf(IOException.class, tp.protocol().pipeLostWith[0]);
    assertEquals(10, tp.protocol().bytes[1]);
    assertEquals(Integer.valueOf(0), tp.transport().getReturncode());
    assertEquals(0, stdin.getWriteBufferSize());
  }

  @Test
  void theChildsExitClosesAnIdleStdinCleanlyAsTheReadersEndDoesInAsyncio() {
    var tp = exec(SubprocessOptions.pipes(), "true");
    runUntil(loop, () -> tp.protocol().exited);
    finish(tp);
    assertNull(tp.protocol().pipeLostWith[0]);
    WriteTransport stdin = (WriteTransport) tp.transport().getPipeTransport(0);
    assertTrue(stdin.isClosing());
    stdin.write(new byte[] {1});
    assertEquals(0, stdin.getWriteBufferSize(), "a write after the end is dropped");
  }

  @Test
  void programThatCannotStartFailsTheFuture() {
    Future<?> f = loop.subprocessExec(RecordingSubprocessProtocol::new,
        List.of("/nonexistent/jloop-no-such-program"), SubprocessOptions.pipes());
    assertInstanceOf(IOException.class, assertThrows(Throwable.class, () -> run(loop, f)));
  }

  @Test
  void badArguments() {
    SubprocessOptions o = SubprocessOptions.pipes();
    assertThrows(IllegalArgumentException.class,
        () -> loop.subprocessExec(RecordingSubprocessProtocol::new, List.of(), o));
    assertThrows(NullPointerException.class,
        () -> loop.subprocessExec(RecordingSubprocessProtocol::new, null, o));
    assertThrows(NullPointerException.class, () -> loop.subprocessExec(
        RecordingSubprocessProtocol::new, java.util.Arrays.asList("echo", null), o));
    assertThrows(NullPointerException.class,
        () -> loop.subprocessExec(null, List.of("true"), o));
    assertThrows(NullPointerException.class,
        () -> loop.subprocessExec(RecordingSubprocessProtocol::new, List.of("true"), null));
    assertThrows(IllegalArgumentException.class,
        () -> loop.subprocessShell(RecordingSubprocessProtocol::new, "  ", o));
    assertThrows(NullPointerException.class,
        () -> loop.subprocessShell(RecordingSubprocessProtocol::new, null, o));
    assertThrows(IllegalArgumentException.class,
        () -> SubprocessOptions.builder().stdin(Stdio.STDOUT).build());
    assertThrows(IllegalArgumentException.class,
        () -> SubprocessOptions.builder().stdout(Stdio.STDOUT).build());
    assertThrows(IllegalArgumentException.class, () -> SubprocessOptions.builder().limit(0).build());
    assertThrows(NullPointerException.class, () -> SubprocessOptions.builder().stdin(null).build());
    loop.close();
    assertThrows(IllegalStateException.class,
        () -> loop.subprocessExec(RecordingSubprocessProtocol::new, List.of("true"), o));
  }

  @Test
  void extraInfoAndProtocol() {
    var tp = exec(SubprocessOptions.pipes(), "true");
    assertInstanceOf(Process.class, tp.transport().getExtraInfo("subprocess"));
    assertNotNull(tp.transport().getPipeTransport(1).getExtraInfo("pipe"));
    assertEquals(tp.protocol(), tp.transport().getProtocol());
    assertThrows(IllegalArgumentException.class,
        () -> tp.transport().setProtocol(new dev.jloop.io.BaseProtocol() {}));
    finish(tp);
    assertFalse(((Process) tp.transport().getExtraInfo("subprocess")).isAlive());
    Files.exists(Path.of("/"));
  }
}
