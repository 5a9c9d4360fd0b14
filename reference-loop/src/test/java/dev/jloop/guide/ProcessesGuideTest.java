package dev.jloop.guide;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.io.SubprocessOptions;
import dev.jloop.process.Process;
import dev.jloop.process.Subprocesses;
import dev.jloop.reference.SelectorEventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * User guide, "Subprocesses and signals" (asyncio-subprocess: create_subprocess_exec,
 * communicate; asyncio-eventloop: add_signal_handler).
 */
class ProcessesGuideTest {
  @Test
  void childProcessThroughPipes() throws Exception {
    String out = Stdout.capture(() -> {
      // tag::subprocess[]
      String upper = Async.run(() -> {
        Process tr = Async.await(Subprocesses.createSubprocessExec(
            List.of("tr", "a-z", "A-Z"), SubprocessOptions.pipes()));
        // Write stdin, close it, read stdout and stderr to the end, wait for the exit.
        Process.Output output = Async.await(tr.communicate("hello, child\n".getBytes(UTF_8)));
        System.out.println("exit code " + tr.returncode());
        return new String(output.stdout(), UTF_8);
      }, SelectorEventLoop::new);
      System.out.print(upper);
      // end::subprocess[]
    });
    assertEquals("exit code 0\nHELLO, CHILD\n", out);
  }

  @Test
  void signalHandlerRunsOnTheLoop() throws Exception {
    String out = Stdout.capture(() -> {
      // tag::signals[]
      try (EventLoop loop = new SelectorEventLoop()) {
        loop.addSignalHandler("WINCH", () -> {    // the terminal was resized
          System.out.println("SIGWINCH handled on the loop thread");
          loop.stop();
        });
        // Send it to ourselves, as `kill -WINCH <pid>` from a shell would.
        new ProcessBuilder("kill", "-WINCH", Long.toString(ProcessHandle.current().pid()))
            .start().waitFor();
        loop.callLater(30, loop::stop);           // do not wait forever if it never comes
        loop.runForever();
        loop.removeSignalHandler("WINCH");        // close() would also put the old handler back
      }
      // end::signals[]
    });
    assertEquals("SIGWINCH handled on the loop thread\n", out);
  }
}
