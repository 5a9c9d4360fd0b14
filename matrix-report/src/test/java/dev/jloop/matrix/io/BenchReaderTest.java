package dev.jloop.matrix.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.matrix.fixture.BenchFixture;
import dev.jloop.matrix.fixture.Fixtures;
import dev.jloop.matrix.model.BenchResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
