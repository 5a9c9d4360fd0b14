package dev.jloop.fuzz.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jloop.fuzz.program.Program;
import dev.jloop.fuzz.program.ProgramJson;
import dev.jloop.fuzz.trace.Trace;
import dev.jloop.fuzz.trace.TraceJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * One Python process running {@code jloop_fuzz_driver.py}: programs go in as JSON lines, traces
 * come back as JSON lines, so one process serves any number of programs (Python's start-up is
 * paid once). {@link #run(List)} pipelines a batch: a writer thread feeds the programs while
 * this thread reads the traces. Not thread-safe; close it to end the process.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class PythonDriver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path script;

  private final PythonLoop loop;
  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private final JsonNode hello;

  private PythonDriver(PythonLoop loop, Process process) throws IOException {
    this.loop = loop;
    this.process = process;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (first == null) {
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      process.destroy();
      throw new IOException(loop.executable() + " " + loop.driverArg() + ": the driver did not start"
          + (err.isEmpty() ? "" : ": " + lastLine(err)));
    }
    this.hello = JSON.readTree(first).path("hello");
  }

  /**
   * Why {@code loop} cannot run here (no such interpreter, or it cannot import the loop), or
   * empty if it can.
   */
  public static Optional<String> unavailable(PythonLoop loop) {
    try {
      start(loop).close();
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Starts a driver process for {@code loop}.
   *
   * @throws IOException if the interpreter cannot be started or the driver fails at start-up
   */
  public static PythonDriver start(PythonLoop loop) throws IOException {
    Objects.requireNonNull(loop, "loop");
    ProcessBuilder pb = new ProcessBuilder(loop.executable(), "-u", script().toString(), loop.driverArg());
    pb.redirectError(ProcessBuilder.Redirect.PIPE);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException("cannot start " + loop.executable() + ": " + e.getMessage(), e);
    }
    // stderr is only read when start-up fails; drain it otherwise so the pipe never fills.
    PythonDriver d = new PythonDriver(loop, p);
    Thread drain = new Thread(() -> drain(p.getErrorStream()), "jloop-fuzz-python-stderr");
    drain.setDaemon(true);
    drain.start();
    return d;
  }

  /** The loop this driver runs. */
  public PythonLoop loop() {
    return loop;
  }

  /** What the driver said about itself: loop, version, python, resolution. */
  public String describe() {
    return hello.path("loop").asText() + " " + hello.path("version").asText() + " on Python "
        + hello.path("python").asText();
  }

  /**
   * The interpreter's own path ({@code sys.executable}): starting it directly skips wrappers
   * such as pyenv's shims, which cost seconds per start.
   */
  public String executable() {
    return hello.path("executable").asText(loop.executable());
  }

  /** Runs one program. */
  public Trace run(Program program) {
    return run(List.of(program)).get(0);
  }

  /**
   * Runs {@code programs} in order and returns their traces in the same order.
   *
   * @throws UncheckedIOException if the process dies or answers something unreadable
   */
  public List<Trace> run(List<Program> programs) {
    Thread writer = new Thread(() -> {
      try {
        for (Program p : programs) {
          in.write(JSON.writeValueAsString(ProgramJson.write(p)));
          in.write('\n');
        }
        in.flush();
      } catch (IOException e) {
        // the reader sees the process end and reports it
      }
    }, "jloop-fuzz-python-writer");
    writer.setDaemon(true);
    writer.start();
    List<Trace> traces = new ArrayList<>(programs.size());
    try {
      for (int i = 0; i < programs.size(); i++) {
        String line = out.readLine();
        if (line == null) {
          throw new IOException(loop.id() + " driver ended after " + i + " of " + programs.size() + " programs");
        }
        JsonNode node = JSON.readTree(line);
        if (node.has("error")) {
          throw new IOException(loop.id() + " driver failed on a program: " + node.get("error").asText());
        }
        traces.add(TraceJson.read(node));
      }
      writer.join();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading traces", e);
    }
    return traces;
  }

  /** Ends the process: closes its input, then waits up to 5 s before killing it. */
  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static synchronized Path script() throws IOException {
    if (script == null) {
      Path p = Files.createTempFile("jloop_fuzz_driver", ".py");
      try (InputStream s = PythonDriver.class.getResourceAsStream("jloop_fuzz_driver.py")) {
        if (s == null) {
          throw new IOException("jloop_fuzz_driver.py is missing from the jloop-fuzz jar");
        }
        Files.copy(s, p, StandardCopyOption.REPLACE_EXISTING);
      }
      p.toFile().deleteOnExit();
      script = p;
    }
    return script;
  }

  private static void drain(InputStream s) {
    try {
      s.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException ignored) {
      // the process ended
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.split("\n");
    return lines[lines.length - 1];
  }
}
