package dev.jloop.matrix.internal.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.matrix.model.BenchResult;
import dev.jloop.matrix.model.BenchRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchPageTest {
  @Test
  void aRunsPeriodIsShownInUtcAndShortWithinADay() {
    assertEquals("2026-11-26 08:57\u201309:19 UTC",
        BenchPage.period("2026-11-26T08:57:07Z", "2026-11-26T09:19:15.123456Z"));
    assertEquals("from 2026-11-26 23:50 to 2026-11-27 00:40 UTC",
        BenchPage.period("2026-11-26T23:50:00Z", "2026-11-27T00:40:00Z"));
    assertEquals("from 2026-11-26 23:50 UTC", BenchPage.period("2026-11-26T23:50:00Z", null));
    assertEquals("from yesterday to 2026-11-27 00:40 UTC",
        BenchPage.period("yesterday", "2026-11-27T00:40:00Z"), "text that is no instant stays");
    assertEquals("until today", BenchPage.period(null, "today"));
    assertNull(BenchPage.period(null, null));
  }

  @Test
  void aFileThatDoesNotSayWhenItWasMeasuredIsMarkedSo() {
    BenchRun bare = new BenchRun("b.json", null, null, null, null, null,
        List.of(new BenchResult("x", "reference", 1, Double.NaN, "ops/s", true)), List.of());
    String html = BenchPage.render(List.of(bare));
    assertTrue(html.contains("The file does not say when or with what command it was measured."),
        html);
    assertTrue(html.contains("<h2>b.json</h2>"), "untitled suites are named by their file");
  }

  @Test
  void everyFileIsASectionThatSaysWhenAndHow() {
    BenchResult r = new BenchResult("call_soon", "reference", 1, 0.1, "ops/s", true);
    String html = BenchPage.render(List.of(
        new BenchRun("m.json", "micro", "bench/run-micro.sh", "2026-11-26T08:57:07Z",
            "2026-11-26T09:19:15Z", "2 CPUs", List.of(r), List.of()),
        new BenchRun("e.json", "echo", "bench/run-echo.sh --rounds 6", "2026-11-27T10:00:00Z",
            null, null, List.of(r), List.of())));
    assertTrue(html.contains("<section class=\"suite\" id=\"suite-1\" data-suite=\"micro\">"
        + "<h2>Micro-benchmarks</h2><p class=\"measured\">Measured 2026-11-26 08:57\u201309:19 UTC "
        + "with <code class=\"command\">bench/run-micro.sh</code>.</p>"), html);
    assertTrue(html.contains("<h2>Echo benchmark</h2><p class=\"measured\">Measured from "
        + "2026-11-27 10:00 UTC with <code class=\"command\">bench/run-echo.sh --rounds 6</code>"), html);
    assertTrue(html.contains("<a href=\"#suite-2\">Echo benchmark</a>"), "a table of contents");
    assertTrue(html.contains("From m.json; 2 CPUs."), html);
  }
}
