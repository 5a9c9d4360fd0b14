package dev.jloop.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of {@code docs/user-guide.md} as they stand in this package's sources: regions
 * between {@code // tag::name[]} and {@code // end::name[]}, de-indented, keyed
 * {@code ClassName#name}.
 */
final class GuideSources {
  private static final Pattern START = Pattern.compile("^\\s*// tag::([a-z0-9-]+)\\[]\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// end::([a-z0-9-]+)\\[]\\s*$");

  private GuideSources() {}

  /** The module directory (Surefire sets {@code basedir}; an IDE runs in it). */
  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  }

  static Path guide() {
    return moduleDir().resolve("../docs/user-guide.md").normalize();
  }

  static Path sourceDir() {
    return moduleDir().resolve("src/test/java/dev/jloop/guide");
  }

  /** Every region of every {@code *.java} file in {@link #sourceDir()}, in file then line order. */
  static Map<String, String> regions() {
    Map<String, String> out = new LinkedHashMap<>();
    try (var files = Files.list(sourceDir())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String cls = f.getFileName().toString().replace(".java", "");
        regionsOf(Files.readAllLines(f)).forEach((name, text) -> {
          if (out.put(cls + "#" + name, text) != null) {
            throw new IllegalStateException(f + ": region " + name + " appears twice");
          }
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static Map<String, String> regionsOf(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    String open = null;
    List<String> body = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher s = START.matcher(lines.get(i));
      Matcher e = END.matcher(lines.get(i));
      if (s.matches()) {
        if (open != null) {
          throw new IllegalStateException("line " + (i + 1) + ": tag " + s.group(1) + " inside " + open);
        }
        open = s.group(1);
        body.clear();
      } else if (e.matches()) {
        if (!e.group(1).equals(open)) {
          throw new IllegalStateException("line " + (i + 1) + ": end of " + e.group(1) + " but " + open + " is open");
        }
        out.put(open, dedent(body));
        open = null;
      } else if (open != null) {
        body.add(lines.get(i));
      }
    }
    if (open != null) {
      throw new IllegalStateException("tag " + open + " is never closed");
    }
    return out;
  }

  /** Removes the indentation the non-blank lines share, and trailing blanks. */
  static String dedent(List<String> lines) {
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
