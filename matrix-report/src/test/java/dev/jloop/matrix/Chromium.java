package dev.jloop.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven as a person's browser would be: load a file:// page, then
 * dump its DOM after the scripts ran, or take a screenshot. Each call uses a fresh profile
 * directory and no network.
 */
final class Chromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 180;

  private Chromium() {}

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** The DOM of {@code url} after load, serialized. */
  static String dumpDom(URI url) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", url.toString()));
  }

  /** A PNG of {@code url} at the given window size. */
  static void screenshot(URI url, Path png, int width, int height)
      throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars", "--force-device-scale-factor=1", url.toString()));
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new AssertionError("chromium wrote no screenshot to " + png);
    }
  }

  private static String run(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("jloop-chromium-");
    Path log = Files.createTempFile("jloop-chromium-", ".log");
    List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    try (InputStream stdout = p.getInputStream()) {
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
        try {
          return stdout.readAllBytes();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: "
            + cmd + "\n" + tail(log));
      }
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      String text = new String(out.join(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError("chromium exited with " + p.exitValue() + ": " + cmd + "\n"
            + tail(log));
      }
      return text;
    } finally {
      Files.deleteIfExists(log);
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static String tail(Path log) throws IOException {
    String s = Files.readString(log, StandardCharsets.UTF_8);
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }
}
