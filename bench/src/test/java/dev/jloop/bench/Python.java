package dev.jloop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scripts in {@code bench/python} with {@code python3}, for the smoke tests. The
 * interpreter is resolved once to its real executable: a pyenv shim costs seconds per start on a
 * busy machine.
 */
final class Python {
  private static final Path SCRIPTS = Path.of("python");
  private static String executable;
  private static boolean probed;

  private Python() {}

  record Outcome(int exitCode, String stdout, String stderr) {}

  /** Whether {@code python3} runs here. */
  static synchronized boolean available() {
    if (!probed) {
      probed = true;
      try {
        Outcome o = exec(List.of("python3", "-c", "import sys; print(sys.executable)"));
        String exe = o.stdout().trim();
        executable = o.exitCode() == 0 && !exe.isEmpty() ? exe : null;
      } catch (IOException | InterruptedException e) {
        executable = null;
      }
    }
    return executable != null;
  }

  /** Runs the interpreter with {@code args} (call {@link #available()} first), 60 s at most. */
  static Outcome run(List<String> args) throws IOException, InterruptedException {
    if (!available()) {
      throw new IllegalStateException("python3 is not available");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(executable);
    cmd.addAll(args);
    return exec(cmd);
  }

  static String script(String name) {
    return SCRIPTS.resolve(name).toString();
  }

  private static Outcome exec(List<String> cmd) throws IOException, InterruptedException {
    Path err = Files.createTempFile("python", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + cmd);
      }
      return new Outcome(p.exitValue(), out, Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
