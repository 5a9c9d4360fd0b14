package dev.jloop.reference.tls;

import dev.jloop.Async;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer program (openssl, python3) run as a child process: its output (stdout and stderr
 * merged) is collected by a thread; the loop side waits for text with {@link #await}. Closing
 * kills it and closes its pipes, so the descriptor check stays clean.
 */
final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final Thread pump;

  ChildProcess(List<String> command) throws IOException {
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    pump = Thread.ofPlatform().daemon().start(() -> {
      byte[] buf = new byte[8192];
      try (InputStream in = process.getInputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          output.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
      } catch (IOException closed) {
        // the process ended or we closed the pipe
      }
    });
  }

  /** Whether {@code name} runs here (the test skips otherwise). */
  static boolean available(String... probe) {
    try {
      Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.getOutputStream().close();
      p.getInputStream().close();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  String output() {
    return output.toString();
  }

  /** Suspends the running task until the output contains {@code text}, or fails after {@code seconds}. */
  void await(String text, double seconds) {
    double deadline = Async.getRunningLoop().time() + seconds;
    while (!output.toString().contains(text)) {
      if (Async.getRunningLoop().time() > deadline) {
        throw new AssertionError("no '" + text + "' from the child process in " + seconds + " s; output:\n" + output);
      }
      if (!process.isAlive() && !pump.isAlive() && !output.toString().contains(text)) {
        throw new AssertionError("the child process exited (" + process.exitValue() + ") without '" + text + "':\n" + output);
      }
      Async.sleep(0.02);
    }
  }

  /** How many times {@code text} occurs in the output so far. */
  int count(String text) {
    String out = output.toString();
    int n = 0;
    for (int i = out.indexOf(text); i >= 0; i = out.indexOf(text, i + text.length())) {
      n++;
    }
    return n;
  }

  /** Suspends until {@code text} occurred at least {@code n} times, or fails after {@code seconds}. */
  void awaitCount(String text, int n, double seconds) {
    double deadline = Async.getRunningLoop().time() + seconds;
    while (count(text) < n) {
      if (Async.getRunningLoop().time() > deadline || (!process.isAlive() && !pump.isAlive())) {
        throw new AssertionError("'" + text + "' seen " + count(text) + " times, not " + n + "; output:\n" + output);
      }
      Async.sleep(0.02);
    }
  }

  /** Sends {@code line} to its standard input. */
  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write(line.getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Closes its standard input (EOF). */
  void closeInput() throws IOException {
    process.getOutputStream().close();
  }

  /** Suspends until the process exits; returns its exit code. */
  int awaitExit(double seconds) {
    double deadline = Async.getRunningLoop().time() + seconds;
    while (process.isAlive()) {
      if (Async.getRunningLoop().time() > deadline) {
        throw new AssertionError("the child process did not exit in " + seconds + " s; output:\n" + output);
      }
      Async.sleep(0.02);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws Exception {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    process.getOutputStream().close();
    process.getInputStream().close();
    process.getErrorStream().close();
    pump.join(10_000);
  }
}
