package dev.jloop.matrix.internal.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces an output directory as a whole: the content is written into a temporary sibling, which
 * is then renamed into place, so the directory is never seen half-written, and a failure leaves
 * the old content (or nothing) behind. An existing directory is replaced only if it is empty or
 * holds a marker file showing it was written by the same tool.
 */
public final class OutputDir {
  /** Writes the content into the directory it is given. */
  @FunctionalInterface
  public interface Writer {
    void write(Path dir) throws IOException;
  }

  /** The output directory cannot be used; the message says why. */
  public static final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }

  private OutputDir() {}

  /**
   * Fails early, before any work, when {@code out} exists and may not be replaced.
   *
   * @throws RefusedException when {@code out} is a file, or a non-empty directory without
   *     {@code marker}
   */
  public static void check(Path out, String marker) throws IOException {
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new RefusedException(out + " exists and is not a directory");
    }
    if (!Files.exists(out.resolve(marker)) && !isEmpty(out)) {
      throw new RefusedException(out + " is not empty and was not written by matrix-report (no "
          + marker + " file in it); remove it or choose another --out");
    }
  }

  /** Writes into a temporary sibling of {@code out} with {@code writer}, then moves it in place. */
  public static void replace(Path out, String marker, Writer writer) throws IOException {
    Path target = out.toAbsolutePath().normalize();
    check(target, marker);
    Path parent = target.getParent();
    if (parent == null) {
      throw new RefusedException("cannot write the site to the root directory");
    }
    Files.createDirectories(parent);
    String name = target.getFileName().toString();
    Path tmp = Files.createTempDirectory(parent, "." + name + ".tmp-");
    try {
      writer.write(tmp);
      PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
      if (posix != null) {
        posix.setPermissions(PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        Path old = Files.createTempDirectory(parent, "." + name + ".old-");
        Files.delete(old);
        move(target, old);
        try {
          move(tmp, target);
        } catch (IOException e) {
          move(old, target);
          throw e;
        }
        deleteTree(old);
      } else {
        move(tmp, target);
      }
    } finally {
      if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(tmp);
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    }
  }

  /** Deletes a directory tree without following symbolic links. */
  static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
