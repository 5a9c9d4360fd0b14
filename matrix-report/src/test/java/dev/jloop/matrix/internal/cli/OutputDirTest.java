package dev.jloop.matrix.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirTest {
  @TempDir
  Path tmp;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aWriterThatFailsHalfwayLeavesNothingBehind() throws IOException {
    Path out = tmp.resolve("site");
    IOException e = assertThrows(IOException.class, () -> OutputDir.replace(out, ".m", dir -> {
      Files.writeString(dir.resolve("index.html"), "half");
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals(List.of(), names());
  }

  @Test
  void aWriterThatFailsHalfwayKeepsTheOldContent() throws IOException {
    Path out = tmp.resolve("site");
    OutputDir.replace(out, ".m", dir -> {
      Files.writeString(dir.resolve(".m"), "");
      Files.writeString(dir.resolve("index.html"), "old");
    });
    assertThrows(IOException.class, () -> OutputDir.replace(out, ".m", dir -> {
      Files.writeString(dir.resolve("index.html"), "half");
      throw new IOException("disk full");
    }));
    assertEquals("old", Files.readString(out.resolve("index.html")));
    assertEquals(List.of("site"), names());
  }

  @Test
  void theNewDirectoryIsReadableByOthers() throws IOException {
    Path out = tmp.resolve("site");
    OutputDir.replace(out, ".m", dir -> Files.writeString(dir.resolve(".m"), ""));
    if (Files.getFileAttributeView(out, java.nio.file.attribute.PosixFileAttributeView.class)
        != null) {
      assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(out)));
    }
  }

  @Test
  void anEmptyDirectoryMayBeReplaced() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("empty"));
    OutputDir.replace(out, ".m", dir -> Files.writeString(dir.resolve("a"), "x"));
    assertTrue(Files.exists(out.resolve("a")));
    assertFalse(names().stream().anyMatch(n -> n.startsWith(".")), names().toString());
  }
}
