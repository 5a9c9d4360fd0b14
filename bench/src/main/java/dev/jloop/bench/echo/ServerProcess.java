package dev.jloop.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An echo server (or client) in a child process, driven over its standard streams as
 * {@link ServerControl} describes: its lines arrive on a queue read by a daemon thread, so a
 * silent or dead process turns into a timeout, never a hang. Standard error goes to a log file.
 * Closing ends the process: first by closing its standard input, then by force.
 */
final class ServerProcess implements AutoCloseable {
  private static final String EOF = "\u0000EOF";

  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(4096);
  private final List<String> seen = new ArrayList<>();
  private final String name;

  ServerProcess(String name, List<String> command, Path stderrLog) throws IOException {
    this.name = name;
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
    this.process = pb.start();
    this.stdin = process.getOutputStream();
    Thread reader = new Thread(this::pump, "echo-" + name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  private void pump() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.put(line);
      }
    } catch (IOException | InterruptedException e) {
      // the process is gone; EOF below tells the waiter
    }
    lines.offer(EOF);
  }

  long pid() {
    return process.pid();
  }

  /**
   * The next line starting with one of {@code prefixes}, skipping others; throws if the process
   * ends or {@code timeoutSeconds} pass first.
   */
  String await(double timeoutSeconds, String... prefixes) throws IOException {
    long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
    while (true) {
      String line;
      try {
        line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(name + ": interrupted", e);
      }
      if (line == null) {
        throw new IOException(name + ": no " + String.join("/", prefixes) + " line within "
            + timeoutSeconds + " s" + lastLines());
      }
      if (line.equals(EOF)) {
        lines.offer(EOF);
        throw new IOException(name + ": the process ended" + exitStatus() + lastLines());
      }
      seen.add(line);
      for (String p : prefixes) {
        if (line.startsWith(p)) {
          return line;
        }
      }
    }
  }

  /** Sends one line to the process's standard input. */
  void send(String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /** Waits for the process to end by itself; false on timeout. */
  boolean waitFor(double seconds) throws InterruptedException {
    return process.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS);
  }

  private String exitStatus() {
    try {
      return process.waitFor(2, TimeUnit.SECONDS) ? " with status " + process.exitValue() : "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private String lastLines() {
    List<String> tail = seen.subList(Math.max(0, seen.size() - 3), seen.size());
    return tail.isEmpty() ? " (see its stderr log)" : "; last output: " + String.join(" | ", tail);
  }

  /**
   * Closes standard input (the server's cue to exit, writing its JFR recording if it makes one),
   * then kills what is left after 15 s.
   */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // already closed
    }
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
