package dev.jloop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jloop.matrix.fixture.BenchFixture;
import dev.jloop.matrix.fixture.Catalog;
import dev.jloop.matrix.fixture.Fixtures;
import dev.jloop.matrix.fixture.Hostile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the generated site in headless Chromium, as a person would, and checks what the browser
 * ends up with after the page's script ran: one cell per result with the right outcome, filters
 * driven by the URL hash, live recounts, collapsing, and untrusted text shown as text. Takes
 * screenshots into target/ for people to look at.
 */
class SiteInBrowserTest {
  private static final Pattern ROW = Pattern.compile(
      "<tr class=\"sc\" data-id=\"([^\"]*)\" data-level=\"[A-Z]+\"( hidden=\"\")?>(.*?)</tr>",
      Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile(
      "<td class=\"cell [^\"]*\" data-outcome=\"([A-Z_]+)\" data-col=\"([^\"]*)\"");
  private static final Pattern GROUP = Pattern.compile(
      "<tbody class=\"([^\"]*)\" id=\"[^\"]*\" data-area=\"([^\"]*)\"( hidden=\"\")?>(.*?)</tbody>",
      Pattern.DOTALL);
  private static Path site;

  @BeforeAll
  static void generate() throws IOException {
    assumeTrue(Chromium.available(), "skipped: " + Chromium.BINARY + " is absent (Debian's "
        + "chromium package; .ci/run installs it)");
    site = SiteFixture.generateInTarget();
  }

  private static String dom(String pageAndHash) throws Exception {
    String dom = Chromium.dumpDom(URI.create(site.resolve("index.html").toUri()
        .resolve(pageAndHash).toString()));
    assertTrue(dom.contains("</html>"), "chromium returned a whole document");
    return dom;
  }

  /** scenario id -> (column -> outcome), for the rows the page shows. */
  private static Map<String, Map<String, String>> visibleCells(String dom) {
    Map<String, Map<String, String>> rows = new TreeMap<>();
    Matcher row = ROW.matcher(dom);
    while (row.find()) {
      if (row.group(2) != null) {
        continue;
      }
      Map<String, String> cells = new TreeMap<>();
      Matcher cell = CELL.matcher(row.group(3));
      while (cell.find()) {
        cells.put(cell.group(2), cell.group(1));
      }
      rows.put(row.group(1), cells);
    }
    return rows;
  }

  @Test
  void everyResultIsOneCellWithItsOutcome() throws Exception {
    String dom = dom("index.html");
    Map<String, Map<String, String>> expected = new TreeMap<>();
    for (Catalog.Entry e : Catalog.entries()) {
      expected.put(e.id(), new TreeMap<>(Map.of("run1/reference", "PASSED",
          "run2/reference", e.id().equals(Fixtures.SKIPPED_ON_MAC) ? "SKIPPED" : "PASSED",
          "run1/minimal", Fixtures.minimalOutcome(e))));
    }
    Map<String, Map<String, String>> shown = visibleCells(dom);
    assertEquals(expected, shown);
    assertEquals(Fixtures.resultCount(), shown.values().stream().mapToInt(Map::size).sum());
    assertTrue(dom.contains("data-shown=\"" + Catalog.entries().size() + "\""), "script ran");
  }

  @Test
  void outcomeFilterShowsOnlyRowsWithThatOutcome() throws Exception {
    String dom = dom("index.html#outcome=FAILED");
    assertEquals(List.of(Fixtures.FAILED), List.copyOf(visibleCells(dom).keySet()));
    assertTrue(dom.contains("data-shown=\"1\""));
    assertTrue(dom.contains("Showing 1 of " + Catalog.entries().size() + " scenarios"));
    assertEquals(List.of("timers"), visibleAreas(dom));
    Map<String, Map<String, String>> notPassed = visibleCells(dom("index.html#outcome=NOT_PASSED"));
    assertTrue(notPassed.values().stream().allMatch(c -> c.containsValue("FAILED")
        || c.containsValue("NOT_IMPLEMENTED") || c.containsValue("TIMED_OUT")
        || c.containsValue("ERROR") || c.containsValue("LEAKED") || c.containsValue("SKIPPED")));
    long expected = Catalog.entries().stream().filter(e -> !Fixtures.minimalOutcome(e)
        .equals("PASSED") || e.id().equals(Fixtures.SKIPPED_ON_MAC)).count();
    assertEquals(expected, notPassed.size());
  }

  @Test
  void levelAndAreaFiltersCombineAndRecountTheArea() throws Exception {
    String dom = dom("index.html#level=OPTIONAL&area=unix");
    List<String> unix = Catalog.entries().stream().filter(e -> e.area().equals("unix"))
        .map(Catalog.Entry::id).sorted().toList();
    assertEquals(unix, List.copyOf(visibleCells(dom).keySet()));
    assertEquals(List.of("unix"), visibleAreas(dom));
    String group = group(dom, "unix");
    assertTrue(group.contains("data-col=\"run1/minimal\"><span class=\"count low\" title=\"0 of 6 "
        + "passed\">0/6</span>"), group);
    assertTrue(group.contains(">5/5</span>"), "the skipped result is not counted: " + group);
    Map<String, Map<String, String>> strictTimers = visibleCells(dom("index.html#level=STRICT"
        + "&area=timers"));
    assertEquals(Catalog.entries().stream().filter(e -> e.area().equals("timers")
        && e.level().equals("STRICT")).count(), strictTimers.size());
  }

  @Test
  void searchLooksIntoMessages() throws Exception {
    assertEquals(List.of(Fixtures.LEAKED),
        List.copyOf(visibleCells(dom("index.html#q=minimal-resolver")).keySet()));
  }

  @Test
  void areasCollapse() throws Exception {
    String dom = dom("index.html#collapsed=tcp,udp");
    Matcher g = GROUP.matcher(dom);
    int groups = 0;
    while (g.find()) {
      groups++;
      boolean closed = g.group(2).equals("tcp") || g.group(2).equals("udp");
      assertEquals(closed, g.group(1).contains("collapsed"), g.group(2));
      assertTrue(g.group(4).contains("aria-expanded=\"" + !closed + "\""), g.group(2));
    }
    assertEquals(Catalog.entries().stream().map(Catalog.Entry::area).distinct().count(), groups);
    assertTrue(Chromium.dumpDom(site.resolve("index.html").toUri().resolve("#collapsed=all"))
        .contains("class=\"area collapsed\" id=\"area-lifecycle\""));
  }

  /**
   * The benchmark page as the browser builds it: a section per results file, in order, saying
   * when and with what command it was measured; the echo suite's bars carry error ranges like the
   * micro-benchmarks' do; the targets are listed with their verdicts.
   */
  @Test
  void benchPageShowsEverySuiteWithWhenHowAndErrorRanges() throws Exception {
    String dom = Chromium.dumpDom(site.resolve("bench.html").toUri());
    assertTrue(dom.contains("</html>"), "chromium returned a whole document");
    String micro = section(dom, "micro");
    String echo = section(dom, "echo");
    assertTrue(dom.indexOf(micro) < dom.indexOf(echo), "in the order given");
    assertTrue(micro.contains("Measured 2026-11-26 08:57\u201309:19 UTC with <code class=\"command\">"
        + "bench/run-micro.sh -f 1</code>"), micro);
    assertTrue(echo.contains("Measured 2026-11-26 10:40\u201310:43 UTC with <code class=\"command\">"
        + BenchFixture.ECHO_COMMAND), echo);
    assertTrue(echo.contains("From echo-results.json; Linux"), echo);

    Map<String, Integer> echoBars = whiskers(chart(echo, "echo_1k_c4"));
    assertEquals(BenchFixture.ECHO_LABELS, List.copyOf(echoBars.keySet()), "a bar per server");
    echoBars.forEach((loop, lines) -> assertEquals(3, lines, loop + ": a whisker of three lines"));
    assertEquals(6, whiskers(chart(echo, "echo_100k_c4_cpu")).size());
    Map<String, Integer> microBars = whiskers(chart(micro, "call_soon"));
    assertEquals(List.of("jloop reference", "CPython asyncio", "uvloop"),
        List.copyOf(microBars.keySet()));
    microBars.forEach((loop, lines) -> assertEquals(3, lines, loop));
    assertTrue(micro.contains("aria-label=\"await_future [idleReaders=1] by loop\""), micro);

    assertTrue(echo.contains("<td>req/s \u2265 1.1\u00d7 uvloop-protocol</td>"), echo);
    assertTrue(echo.contains("class=\"chip o-none\">not measured</span>"), "Netty did not run");
    assertTrue(micro.contains("class=\"chip o-passed\">met</span>"), micro);
    assertTrue(micro.contains("class=\"chip o-failed\">missed</span>"), micro);
  }

  private static final Pattern BAR = Pattern.compile("<g class=\"bar\" data-loop=\"([^\"]*)\">(.*?)</g>",
      Pattern.DOTALL);

  private static String section(String dom, String suite) {
    int from = dom.indexOf("<section class=\"suite\"");
    Matcher m = Pattern.compile("<section class=\"suite\" id=\"suite-\\d+\" data-suite=\""
        + suite + "\">").matcher(dom);
    assertTrue(from >= 0 && m.find(), "a section for " + suite);
    int next = dom.indexOf("<section class=\"suite\"", m.end());
    return dom.substring(m.start(), next < 0 ? dom.length() : next);
  }

  private static String chart(String section, String benchmark) {
    int at = section.indexOf("aria-label=\"" + benchmark + " by loop\"");
    assertTrue(at >= 0, "a chart for " + benchmark);
    return section.substring(at, section.indexOf("</svg>", at));
  }

  /** Each bar's loop and the number of error-range lines drawn with it, in order. */
  private static Map<String, Integer> whiskers(String chart) {
    Map<String, Integer> out = new LinkedHashMap<>();
    Matcher bar = BAR.matcher(chart);
    while (bar.find()) {
      out.put(bar.group(1), bar.group(2).split("class=\"err\"", -1).length - 1);
    }
    return out;
  }

  @Test
  void untrustedTextIsShownAsTextAndNeverRuns() throws Exception {
    Path inputs = Path.of("target/hostile-inputs").toAbsolutePath();
    Path hostileSite = Path.of("target/hostile-site").toAbsolutePath();
    Files.createDirectories(inputs);
    Path in = Fixtures.write(inputs, "hostile.json", Hostile.run());
    Path bench = Fixtures.write(inputs, "hostile-bench.json", Hostile.bench());
    StringWriter err = new StringWriter();
    assertEquals(0, MatrixReportCli.commandLine().setErr(new PrintWriter(err))
        .setOut(new PrintWriter(new StringWriter()))
        .execute("--out", hostileSite.toString(), "--bench", bench.toString(), in.toString()),
        err.toString());
    Path scenarioPage;
    Path loopPage;
    try (var files = Files.list(hostileSite.resolve("scenario"))) {
      scenarioPage = files.filter(p -> p.getFileName().toString().startsWith("~")).findFirst()
          .orElseThrow();
    }
    try (var files = Files.list(hostileSite.resolve("loop"))) {
      loopPage = files.filter(p -> p.getFileName().toString().startsWith("evil")).findFirst()
          .orElseThrow();
    }
    String scenario = null;
    for (Path page : List.of(hostileSite.resolve("index.html"), scenarioPage, loopPage,
        hostileSite.resolve("bench.html"))) {
      String dom = Chromium.dumpDom(page.toUri());
      assertFalse(Pattern.compile("<body[^>]*data-pwned").matcher(dom).find(),
          page + ": injected script ran");
      assertFalse(dom.contains("<img src=\"x\"") || dom.contains("<svg onload"),
          page + ": injected element exists");
      int scripts = page.endsWith("index.html") ? 2 : 0;
      assertEquals(scripts, dom.split("<script", -1).length - 1, page + ": script elements");
      scenario = page.equals(scenarioPage) ? dom : scenario;
    }
    assertTrue(scenario.contains("<pre class=\"detail\">detail &lt;script&gt;document.body"
        + ".setAttribute('data-pwned','script')&lt;/script&gt;"), "detail shown as text in a pre");
  }

  @Test
  void screenshotsForPeople() throws Exception {
    Path shots = Path.of("target").toAbsolutePath();
    shot(site.resolve("index.html").toUri(), shots.resolve("matrix-screenshot.png"));
    shot(site.resolve("index.html").toUri().resolve("#outcome=NOT_PASSED"),
        shots.resolve("matrix-screenshot-not-passed.png"));
    shot(site.resolve("scenario/timers.equal-deadline-fifo.html").toUri(),
        shots.resolve("scenario-screenshot.png"));
    shot(site.resolve("bench.html").toUri(), shots.resolve("bench-screenshot.png"));
  }

  private static void shot(URI url, Path png) throws Exception {
    Chromium.screenshot(url, png, 1400, 1000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1400, image.getWidth());
    assertEquals(1000, image.getHeight());
    assertTrue(distinctColours(image) > 20, png + " looks blank");
  }

  private static int distinctColours(BufferedImage image) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }

  private static List<String> visibleAreas(String dom) {
    List<String> areas = new ArrayList<>();
    Matcher g = GROUP.matcher(dom);
    while (g.find()) {
      if (g.group(3) == null) {
        areas.add(g.group(2));
      }
    }
    return areas;
  }

  private static String group(String dom, String area) {
    Matcher g = GROUP.matcher(dom);
    while (g.find()) {
      if (g.group(2).equals(area)) {
        return g.group(4);
      }
    }
    throw new AssertionError("no area " + area);
  }
}
