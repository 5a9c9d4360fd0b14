package dev.jloop.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/user-guide.md} true: each of its {@code ```java} blocks is a region of a test
 * in this package, which compiles it and runs it with assertions on its result or output.
 *
 * <p>In the guide, the line before a block's fence names its region:
 * {@code <!-- sample: TasksGuideTest#gather -->}; in the test, the region sits between
 * {@code // tag::gather[]} and {@code // end::gather[]}. A block that differs from its region
 * fails this test; with {@code -Djloop.guide.update=true} (see docs/properties.md) it copies the
 * regions into the guide instead.
 */
class UserGuideTest {
  private static final String UPDATE = "jloop.guide.update";

  @Test
  void everyJavaBlockIsACompiledAndTestedSample() throws IOException {
    Path guide = GuideSources.guide();
    Map<String, String> regions = GuideSources.regions();
    GuideDoc doc = new GuideDoc(Files.readAllLines(guide));
    if (Boolean.getBoolean(UPDATE)) {
      Files.write(guide, doc.withSamples(regions));
      doc = new GuideDoc(Files.readAllLines(guide));
    }
    List<String> problems = new ArrayList<>();
    for (GuideDoc.Block b : doc.blocks()) {
      String where = guide.getFileName() + ":" + b.line();
      if (b.sample() == null) {
        problems.add(where + ": a ```java block without a <!-- sample: Class#region --> line before it");
      } else if (!regions.containsKey(b.sample())) {
        problems.add(where + ": no region " + b.sample() + " in " + GuideSources.sourceDir());
      } else if (!regions.get(b.sample()).equals(b.content())) {
        problems.add(where + ": stale sample " + b.sample() + "; it should read:\n" + regions.get(b.sample()));
      }
    }
    if (!problems.isEmpty()) {
      fail(problems.size() + " problem(s) in " + guide + " (-D" + UPDATE + "=true rewrites the samples):\n"
          + String.join("\n", problems));
    }
  }

  @Test
  void everyRegionIsShownInTheGuide() throws IOException {
    Set<String> shown = new LinkedHashSet<>();
    for (GuideDoc.Block b : new GuideDoc(Files.readAllLines(GuideSources.guide())).blocks()) {
      shown.add(b.sample());
    }
    Set<String> unused = new LinkedHashSet<>(GuideSources.regions().keySet());
    unused.removeAll(shown);
    assertTrue(unused.isEmpty(), "regions tagged in the guide tests but not shown in the guide: " + unused);
  }

  @Test
  void regionsAreDedentedAndBlocksParsed() {
    Map<String, String> r = GuideSources.regionsOf(List.of(
        "class X {", "    // tag::a[]", "    int x = 1;", "", "      x++;", "    // end::a[]", "}"));
    assertEquals(Map.of("a", "int x = 1;\n\n  x++;\n"), r);
    GuideDoc doc = new GuideDoc(List.of("text", "<!-- sample: X#a -->", "```java", "old", "```", "```java", "y", "```"));
    assertEquals(List.of(new GuideDoc.Block("X#a", 4, "old\n"), new GuideDoc.Block(null, 7, "y\n")), doc.blocks());
    assertEquals(List.of("text", "<!-- sample: X#a -->", "```java", "int x = 1;", "", "  x++;", "```", "```java", "y", "```"),
        doc.withSamples(Map.of("X#a", r.get("a"))));
  }
}
