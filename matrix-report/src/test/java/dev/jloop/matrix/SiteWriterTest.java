package dev.jloop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jloop.matrix.fixture.BenchFixture;
import dev.jloop.matrix.fixture.Catalog;
import dev.jloop.matrix.fixture.Fixtures;
import dev.jloop.matrix.fixture.Hostile;
import dev.jloop.matrix.internal.site.SiteWriter;
import dev.jloop.matrix.io.BenchReader;
import dev.jloop.matrix.io.MatrixJsonWriter;
import dev.jloop.matrix.io.ResultsReader;
import dev.jloop.matrix.model.BenchRun;
import dev.jloop.matrix.model.Matrix;
import dev.jloop.matrix.model.MatrixMerger;
import dev.jloop.matrix.model.Result;
import dev.jloop.matrix.model.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteWriterTest {
  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");
  private static final Pattern TAG = Pattern.compile("<[a-zA-Z][^<>]*>");
  private static final Pattern CELL = Pattern.compile("<td class=\"cell [^\"]*\" data-outcome=\""
      + "([A-Z_]+)\"");

  @TempDir
  Path tmp;

  private Matrix matrix(ObjectNode... docs) throws IOException {
    List<RunResults> runs = new ArrayList<>();
    int i = 0;
    for (ObjectNode doc : docs) {
      runs.addAll(ResultsReader.read(Fixtures.write(tmp, "in" + i++ + ".json", doc)));
    }
    return MatrixMerger.merge(runs);
  }

  private Path site(Matrix m, ObjectNode... bench) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("site"));
    List<BenchRun> runs = new ArrayList<>();
    for (ObjectNode doc : bench) {
      runs.add(BenchReader.read(Fixtures.write(tmp, "bench" + runs.size() + ".json", doc)).run());
    }
    SiteWriter.write(m, runs, dir, line -> { });
    return dir;
  }

  @Test
  void writesEveryPageAndOneMatrixCellPerResult() throws IOException {
    Path dir = site(matrix(Fixtures.linuxRun(), Fixtures.macRun()), BenchFixture.document());
    for (String f : List.of("index.html", "methods.html", "loops.html", "bench.html",
        "matrix.json", "matrix.md", SiteWriter.MARKER, "loop/reference.html", "loop/minimal.html",
        "badge/reference.svg", "badge/minimal.svg", "scenario/timers.equal-deadline-fifo.html")) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f);
    }
    try (Stream<Path> pages = Files.list(dir.resolve("scenario"))) {
      assertEquals(Catalog.entries().size(), pages.count());
    }
    Matcher cells = CELL.matcher(Files.readString(dir.resolve("index.html")));
    int n = 0;
    while (cells.find()) {
      n++;
    }
    assertEquals(Fixtures.resultCount(), n);
  }

  @Test
  void pagesAreSelfContainedAndEveryLinkResolves() throws IOException {
    Path dir = site(matrix(Fixtures.linuxRun(), Fixtures.macRun()), BenchFixture.document());
    List<Path> pages;
    try (Stream<Path> files = Files.walk(dir)) {
      pages = files.filter(p -> p.toString().endsWith(".html")).toList();
    }
    for (Path page : pages) {
      String html = Files.readString(page);
      assertFalse(html.contains("<link"), page + " links an external resource");
      assertFalse(html.contains("@import") || html.contains("url(http"), page.toString());
      Matcher m = LINK.matcher(html);
      while (m.find()) {
        String target = m.group(1).replaceAll("#.*$", "");
        assertFalse(target.contains(":") || target.startsWith("//"),
            page + " refers outside the site: " + m.group(1));
        if (!target.isEmpty()) {
          assertTrue(Files.isRegularFile(page.getParent().resolve(target).normalize()),
              page + " has a broken link: " + m.group(1));
        }
      }
    }
  }

  @Test
  void untrustedStringsAppearOnlyEscaped() throws IOException {
    Path dir = site(matrix(Hostile.run()), Hostile.bench());
    List<Path> files;
    try (Stream<Path> all = Files.walk(dir)) {
      files = all.filter(Files::isRegularFile).filter(p -> !p.endsWith("matrix.json")).toList();
    }
    assertTrue(files.size() >= 9 && files.contains(dir.resolve("bench.html")), files.toString());
    for (Path f : files) {
      String text = Files.readString(f);
      for (String raw : Hostile.RAW) {
        assertFalse(text.contains(raw), f + " holds raw " + raw);
      }
      Matcher tags = TAG.matcher(text);
      while (tags.find()) {
        String unquoted = tags.group().replaceAll("\"[^\"]*\"", "\"\"");
        assertFalse(unquoted.matches("(?s).*\\son[a-z]+\\s*=.*"),
            f + ": event handler attribute in " + tags.group());
      }
      int scripts = f.endsWith("index.html") ? 2 : 0;
      assertEquals(scripts, count(text, "<script"), f + ": <script elements");
      assertEquals(scripts, count(text, "</script>"), f + ": script end tags");
    }
    String index = Files.readString(dir.resolve("index.html"));
    assertTrue(index.contains("message &lt;script&gt;document.body"), "tooltip text escaped");
    assertTrue(index.contains("\\u003cscript\\u003edocument.body"), "JSON island escaped");
    String island = index.substring(index.indexOf("id=\"matrix-model\">"));
    island = island.substring(0, island.indexOf("</script>"));
    assertTrue(island.contains("\\u2028\\u2029"), "line separators escaped in the JSON island");
    assertFalse(island.contains("\u2028") || island.contains("\u2029"), island);
    try (Stream<Path> scenarioPages = Files.list(dir.resolve("scenario"))) {
      Path page = scenarioPages.filter(p -> p.getFileName().toString().startsWith("~"))
          .findFirst().orElseThrow();
      String html = Files.readString(page);
      assertTrue(html.contains("<pre class=\"detail\">detail &lt;script&gt;"), "detail in a pre");
      assertTrue(html.contains("-Djloop.tck.loops=&#39;evil&quot;&gt;&lt;b&gt;evil&lt;/b&gt;&#39;"),
          "the reproduce command shell-quotes the loop id");
    }
    String md = Files.readString(dir.resolve("matrix.md"));
    assertTrue(md.contains("message &lt;script&gt;"), md);
    assertTrue(index.contains("<br>note &lt;script&gt;document.body"), "a PASSED note in a tooltip, escaped");
    String plain = Files.readString(dir.resolve("scenario/timers.plain.html"));
    assertTrue(plain.contains("<p class=\"msg\">note &lt;script&gt;document.body"), "a PASSED note on its page, escaped");
    String bench = Files.readString(dir.resolve("bench.html"));
    for (String shown : List.of("command &lt;script&gt;document.body", "start &lt;script&gt;",
        "os &lt;script&gt;", "suite &lt;script&gt;", "label &lt;script&gt;", "vs &lt;script&gt;",
        "unit &lt;script&gt;", "[p&lt;script&gt;")) {
      assertTrue(bench.contains(shown), "shown as text on the benchmark page: " + shown);
    }
  }

  @Test
  void withoutBenchResultsThereIsNoBenchmarkPageAndNoLinkToIt() throws IOException {
    Path dir = site(matrix(Fixtures.linuxRun()));
    assertFalse(Files.exists(dir.resolve("bench.html")));
    assertFalse(Files.readString(dir.resolve("index.html")).contains("bench.html"));
  }

  @Test
  void aPassedNoteAndACounterexampleShowInTooltipsAndOnTheScenarioPage() throws IOException {
    ObjectNode doc = Fixtures.skeleton("2026-11-24T10:00:00Z", 10, "Linux", 2, "Temurin 25", "continuation");
    Fixtures.loop(doc, "reference", "jloop reference", "0.1.0", "org.example.Reference");
    Fixtures.loop(doc, "broken", "broken loop", "0.1.0", "org.example.Broken");
    Fixtures.scenario(doc, "fuzz.required-rules", "fuzz", "REQUIRED", "Programs satisfy the model.",
        List.of("call_soon"), "docs/fuzzing.md");
    String note = "2345 programs passed (REQUIRED rules) in 5.0 s, 469 programs/s, master seed 0x00000000000000ff";
    String cx = "loop `broken`: rule callbacks.fifo broke after 7 programs: cb2 ran first; seed 0x1, shrunk to 2 ops:\n"
        + "Program.of(\n    soon(1),\n    soon(2))";
    Fixtures.result(doc, "reference", "fuzz.required-rules", "PASSED", 5000, note, null);
    Fixtures.result(doc, "broken", "fuzz.required-rules", "FAILED", 6000, cx, null);
    Path dir = site(matrix(doc));
    String index = Files.readString(dir.resolve("index.html"));
    assertTrue(index.contains("<b>PASSED</b>") && index.contains("<br>" + note + "</span>"),
        "the note is the PASSED cell's tooltip");
    assertTrue(index.contains("<br>loop `broken`: rule callbacks.fifo broke after 7 programs: cb2 ran first; "
        + "seed 0x1, shrunk to 2 ops: \u2026</span>"), "a failure's tooltip is its first line");
    String page = Files.readString(dir.resolve("scenario/fuzz.required-rules.html"));
    assertTrue(page.contains("<td class=\"msg\">" + note + "</td>"), "the note in the results table");
    assertTrue(page.contains("<p class=\"msg\">" + note + "</p>"), "the note under the loop's heading");
    assertTrue(page.contains("shrunk to 2 ops:\nProgram.of(\n    soon(1),\n    soon(2))</p>"),
        "the whole counterexample, lines kept (.msg is pre-wrap)");
  }

  @Test
  void matrixJsonKeepsUntrustedStringsExactlyAndReadsBack() throws IOException {
    Matrix m = matrix(Hostile.run());
    Path dir = site(m);
    List<RunResults> back = ResultsReader.read(dir.resolve("matrix.json"));
    Result r = back.get(0).results().get(0);
    assertEquals("message " + Hostile.PAYLOAD, r.message());
    assertEquals(Hostile.LOOP_ID, r.loop());
  }

  @Test
  void matrixJsonRoundTripsToTheSameBytes() throws IOException {
    Path dir = site(matrix(Fixtures.linuxRun(), Fixtures.macRun()));
    Path first = dir.resolve("matrix.json");
    Matrix again = MatrixMerger.merge(ResultsReader.read(first));
    assertEquals(2, again.runs().size());
    assertEquals(Fixtures.resultCount(), again.resultCount());
    Path second = tmp.resolve("again.json");
    MatrixJsonWriter.write(again, second);
    assertEquals(Files.readString(first), Files.readString(second));
  }

  @Test
  void markdownAndBadgesCarryTheCounts() throws IOException {
    Path dir = site(matrix(Fixtures.linuxRun(), Fixtures.macRun()));
    String md = Files.readString(dir.resolve("matrix.md"));
    assertTrue(md.contains("| timers | 10/10 | 10/10 | 9/10 |"), md);
    assertTrue(md.contains("| unix | 6/6 | 5/5 | 0/6 |"), md);
    assertTrue(md.contains("FAILED: timers.equal-deadline-fifo on minimal (run1)"), md);
    assertTrue(md.contains("TIMED_OUT: executor.shutdown-default-executor-waits"), md);
    assertTrue(md.contains("**Not implemented** (25): add\\_reader, add\\_signal\\_handler"), md);
    String minimal = Files.readString(dir.resolve("badge/minimal.svg"));
    assertTrue(minimal.contains(">62/96 REQUIRED<"), minimal);
    assertTrue(minimal.contains("#cf222e"), "below 80% is red");
    assertTrue(Files.readString(dir.resolve("badge/reference.svg")).contains("#2da44e"));
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
