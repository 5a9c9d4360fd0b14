package dev.jloop.reference.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 key updates during a long transfer: in a child JVM with a small key limit
 * ({@link KeyUpdateMain}), 32 MiB cross TLS while the JDK engines update their keys every
 * 256 KiB; the data must arrive intact and the JDK's handshake log must show the updates.
 */
class TlsKeyUpdateTest {
  @TempDir
  Path dir;

  @Test
  void keyUpdatesDuringALongTransfer() throws Exception {
    Path out = dir.resolve("child.log");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
        "-Djavax.net.debug=ssl:handshake", "-cp", System.getProperty("java.class.path"),
        KeyUpdateMain.class.getName(), "32");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the child JVM finished");
    } finally {
      p.destroyForcibly();
      p.waitFor();
      p.getOutputStream().close();
      p.getInputStream().close();
      p.getErrorStream().close();
    }
    String log = Files.readString(out);
    assertEquals(0, p.exitValue(), () -> tail(log));
    assertTrue(log.contains("SHA-OK"), () -> tail(log));
    long updates = log.lines().filter(l -> l.contains("KeyUpdate") && l.contains("Produced")).count();
    assertTrue(updates >= 20, "KeyUpdate messages produced: " + updates + "\n" + tail(log));
  }

  private static String tail(String log) {
    return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
  }
}
