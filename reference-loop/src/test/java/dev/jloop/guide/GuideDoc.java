package dev.jloop.guide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ```java} blocks of a Markdown file, each with the sample marker on the line before
 * its fence ({@code <!-- sample: ClassName#region -->}), or {@code null} if it has none.
 */
final class GuideDoc {
  private static final Pattern MARKER = Pattern.compile("^<!-- sample: (\\S+) -->$");

  /** One block: its marker (or null), its first content line (1-based) and its content. */
  record Block(String sample, int line, String content) {}

  private final List<String> lines;
  private final List<Block> blocks = new ArrayList<>();
  /** For each block, the index range of its content lines in {@link #lines}. */
  private final List<int[]> ranges = new ArrayList<>();

  GuideDoc(List<String> lines) {
    this.lines = List.copyOf(lines);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals("```java")) {
        continue;
      }
      Matcher m = i > 0 ? MARKER.matcher(lines.get(i - 1)) : null;
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).equals("```")) {
        end++;
      }
      if (end == lines.size()) {
        throw new IllegalStateException("line " + (i + 1) + ": ```java block never closed");
      }
      StringBuilder sb = new StringBuilder();
      for (String l : lines.subList(i + 1, end)) {
        sb.append(l.stripTrailing()).append('\n');
      }
      blocks.add(new Block(m != null && m.matches() ? m.group(1) : null, i + 2, sb.toString()));
      ranges.add(new int[] {i + 1, end});
      i = end;
    }
  }

  List<Block> blocks() {
    return blocks;
  }

  /** The file with every marked block's content replaced by its sample from {@code samples}. */
  List<String> withSamples(Map<String, String> samples) {
    List<String> out = new ArrayList<>();
    int next = 0;
    for (int b = 0; b < blocks.size(); b++) {
      int[] r = ranges.get(b);
      String sample = blocks.get(b).sample() == null ? null : samples.get(blocks.get(b).sample());
      out.addAll(lines.subList(next, r[0]));
      if (sample == null) {
        out.addAll(lines.subList(r[0], r[1]));
      } else {
        out.addAll(sample.lines().toList());
      }
      next = r[1];
    }
    out.addAll(lines.subList(next, lines.size()));
    return out;
  }
}
