package dev.jloop.matrix.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.matrix.fixture.BenchFixture;
import dev.jloop.matrix.fixture.Fixtures;
import dev.jloop.matrix.model.BenchResult;
import dev.jloop.matrix.model.BenchRun;
import dev.jloop.matrix.model.BenchTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReaderTest {
  @TempDir
  Path tmp;

  @Test
  void readsTheMinimalFormat() throws IOException {
    BenchReader.Bench b = BenchReader.read(Fixtures.write(tmp, "b.json", BenchFixture.document()));
    assertEquals(8, b.results().size());
    BenchResult first = b.results().get(0);
    assertEquals(new BenchResult("callSoon throughput", "reference", 10432.5, 211.4, "ops/ms",
        true), first);
    assertTrue(first.higherIsBetter());
    assertTrue(!b.results().get(5).higherIsBetter(), "us/op: lower is better");
    assertTrue(b.warnings().isEmpty());
  }

  @Test
  void acceptsABareArrayAndAlternativeFieldNames() throws IOException {
    Path f = tmp.resolve("b.json");
    Files.writeString(f, "[{\"name\": \"echo\", \"runtime\": \"uvloop\", \"score\": \"12.5\","
        + " \"scoreError\": 0.5, \"scoreUnit\": \"us/op\"}, {\"benchmark\": \"x\", \"score\": 1}]");
    BenchReader.Bench b = BenchReader.read(f);
    assertEquals(new BenchResult("echo", "uvloop", 12.5, 0.5, "us/op", false), b.results().get(0));
    BenchResult bare = b.results().get(1);
    assertEquals("unknown", bare.loop());
    assertTrue(Double.isNaN(bare.error()));
    assertEquals("", bare.unit());
  }

  @Test
  void readsTheBenchModulesFormat() throws IOException {
    Path f = tmp.resolve("bench-results.json");
    Files.writeString(f, """
        {"format": "jloop-bench-results/1", "results": [
          {"benchmark": "call_soon", "loop": "reference", "runtime": "jvm",
           "backend": "continuation", "label": "jloop reference (continuation)",
           "score": 9.5, "error": 0.2, "unit": "ns/op", "higherIsBetter": false},
          {"benchmark": "call_soon", "loop": "reference", "runtime": "jvm",
           "backend": "virtual", "score": 11.0, "error": null, "unit": "ns/op"},
          {"benchmark": "call_soon", "loop": "uvloop", "runtime": "cpython", "label": "uvloop",
           "score": null, "error": null, "unit": "ns/op"}]}
        """);
    BenchReader.Bench b = BenchReader.read(f);
    assertEquals(new BenchResult("call_soon", "jloop reference (continuation)", 9.5, 0.2, "ns/op",
        false), b.results().get(0));
    assertEquals("reference (virtual)", b.results().get(1).loop(), "one bar per backend");
    assertTrue(Double.isNaN(b.results().get(1).error()), "null error means unknown");
    assertEquals(2, b.results().size(), "an entry without a score is skipped");
    assertEquals(1, b.warnings().size());
  }

  @Test
  void acceptsJmhOutput() throws IOException {
    Path f = tmp.resolve("jmh.json");
    Files.writeString(f, """
        [{"jmhVersion": "1.37", "benchmark": "dev.jloop.bench.EchoBench.roundTrip",
          "mode": "avgt", "params": {"loop": "reference", "size": "64"},
          "primaryMetric": {"score": 21.4, "scoreError": "NaN", "scoreUnit": "us/op"}}]
        """);
    BenchResult r = BenchReader.read(f).results().get(0);
    assertEquals("EchoBench.roundTrip [size=64]", r.benchmark());
    assertEquals("reference", r.loop());
    assertEquals(21.4, r.score());
    assertTrue(Double.isNaN(r.error()), "JMH writes NaN as a string for a single fork");
    assertEquals("us/op", r.unit());
  }

  @Test
  void unusableEntriesAreSkippedWithAWarning() throws IOException {
    Path f = tmp.resolve("b.json");
    Files.writeString(f, "{\"results\": [{\"benchmark\": \"a\", \"score\": 1}, {\"loop\": \"x\"},"
        + " 42]}");
    BenchReader.Bench b = BenchReader.read(f);
    assertEquals(1, b.results().size());
    assertEquals(2, b.warnings().size());
    assertTrue(b.warnings().get(0).contains("$[1]"), b.warnings().toString());
  }

  @Test
  void nothingUsableOrMalformedIsAnError() throws IOException {
    Path f = tmp.resolve("b.json");
    Files.writeString(f, "{\"results\": []}");
    assertThrows(ResultsFormatException.class, () -> BenchReader.read(f));
    Files.writeString(f, "{\"other\": 1}");
    assertThrows(ResultsFormatException.class, () -> BenchReader.read(f));
    Files.writeString(f, "[{\"benchmark\": ");
    ResultsFormatException e = assertThrows(ResultsFormatException.class,
        () -> BenchReader.read(f));
    assertTrue(e.problem().startsWith("malformed JSON"), e.getMessage());
  }

  @Test
  void aFileWithoutARunSaysNothingAboutIt() throws IOException {
    BenchRun run = BenchReader.read(Fixtures.write(tmp, "b.json", BenchFixture.document())).run();
    assertEquals("b.json", run.source());
    assertNull(run.suite());
    assertNull(run.command());
    assertNull(run.startedAt());
    assertNull(run.machine());
    assertTrue(run.targets().isEmpty());
  }

  @Test
  void readsTheMicroSuitesRunParamsAndTargets() throws IOException {
    BenchRun run = BenchReader.read(Fixtures.write(tmp, "micro.json", BenchFixture.micro())).run();
    assertEquals("micro", run.suite());
    assertEquals("bench/run-micro.sh -f 1", run.command());
    assertEquals("2026-11-26T08:57:07Z", run.startedAt());
    assertEquals("2026-11-26T09:19:15Z", run.finishedAt());
    assertEquals("Linux 6.1 x86_64, 2 CPUs; JDK 25.0.3; asyncio on CPython 3.11.7; load average "
        + "1.02 0.80 0.55 at the start, 1.10 0.90 0.60 at the end", run.machine());
    assertEquals(List.of("call_soon", "await_future [idleReaders=0]",
        "await_future [idleReaders=1]"), run.results().stream().map(BenchResult::benchmark)
        .distinct().toList(), "parameters keep apart what they distinguish");
    assertEquals(List.of(new BenchTarget("call_soon", "reference", "\u2265 20\u00d7 asyncio", 43.9,
        "\u00d7", true), new BenchTarget("await_future [idleReaders=0]", "reference (continuation)",
        "\u2264 300 ns/op", 971.0, "ns/op", false)), run.targets());
  }

  /** A real smoke run of bench/run-echo.sh, two rounds: the shape matrix-report must chart. */
  @Test
  void readsTheEchoSuiteWithErrorRangesAndTargets() throws IOException {
    BenchReader.Bench b = BenchReader.read(Fixtures.write(tmp, "echo.json", BenchFixture.echo()));
    BenchRun run = b.run();
    assertTrue(b.warnings().isEmpty(), b.warnings().toString());
    assertEquals("echo", run.suite());
    assertTrue(run.command().startsWith(BenchFixture.ECHO_COMMAND), run.command());
    assertTrue(run.startedAt().startsWith("2026-11-26T10:40"), run.startedAt());
    assertTrue(run.machine().contains("2 CPUs; JDK 25"), run.machine());
    assertTrue(run.machine().contains("uvloop 0.17.0 on Python 3.11.2"), run.machine());
    List<BenchResult> oneKib = run.results().stream()
        .filter(r -> r.benchmark().equals("echo_1k_c4")).toList();
    assertEquals(BenchFixture.ECHO_LABELS, oneKib.stream().map(BenchResult::loop).toList());
    for (BenchResult r : oneKib) {
      assertEquals("req/s", r.unit());
      assertTrue(r.higherIsBetter());
      assertTrue(r.error() > 0, "two rounds give an error range: " + r);
    }
    BenchResult cpu = run.results().stream().filter(r -> r.benchmark().equals("echo_1k_c4_cpu"))
        .findFirst().orElseThrow();
    assertEquals("us CPU/req", cpu.unit());
    assertTrue(!cpu.higherIsBetter(), "CPU per request: lower is better");
    assertTrue(run.results().stream().anyMatch(r -> r.benchmark().equals("idle_rss_per_connection")
        && r.loop().equals("uvloop protocol") && !r.higherIsBetter()));
    assertEquals(10, run.targets().size());
    BenchTarget uvloop = run.targets().get(0);
    assertEquals("echo_1k_c4", uvloop.benchmark());
    assertEquals("jloop-protocol", uvloop.loop());
    assertEquals("req/s \u2265 1.1\u00d7 uvloop-protocol", uvloop.goal());
    assertEquals(false, uvloop.met());
    BenchTarget netty = run.targets().get(2);
    assertNull(netty.met(), "Netty did not run: not measured");
    assertTrue(Double.isNaN(netty.value()));
    assertEquals("CPU/request \u2264 1.1\u00d7 raw-nio's", run.targets().get(3).goal());
  }

  @Test
  void targetsWithoutABoundAreSkippedWithAWarning() throws IOException {
    Path f = tmp.resolve("b.json");
    Files.writeString(f, """
        {"results": [{"benchmark": "a", "score": 1}],
         "targets": [{"benchmark": "a", "vs": "b", "value": 2}, 7,
                     {"benchmark": "a", "vs": "b", "minRatio": 1.50, "value": 2, "met": true}]}
        """);
    BenchReader.Bench b = BenchReader.read(f);
    assertEquals(1, b.run().targets().size());
    assertEquals("\u2265 1.5\u00d7 b", b.run().targets().get(0).goal());
    assertEquals(2, b.warnings().size(), b.warnings().toString());
    assertTrue(b.warnings().get(0).contains("$.targets[0]"), b.warnings().toString());
  }
}
