package dev.jloop.matrix.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jloop.matrix.fixture.Catalog;
import dev.jloop.matrix.fixture.Fixtures;
import dev.jloop.matrix.model.Level;
import dev.jloop.matrix.model.Outcome;
import dev.jloop.matrix.model.Result;
import dev.jloop.matrix.model.RunResults;
import dev.jloop.matrix.model.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReaderTest {
  @TempDir
  Path dir;

  @Test
  void readsEveryFieldOfTheDocumentedFormat() throws IOException {
    List<RunResults> read = ResultsReader.read(Fixtures.write(dir, "results.json",
        Fixtures.linuxRun()));
    assertEquals(1, read.size());
    RunResults r = read.get(0);
    assertEquals("results.json", r.run().source());
    assertEquals("0.1.0", r.run().tckVersion());
    assertEquals(Catalog.entries().size(), r.run().scenarioCount());
    assertEquals(Instant.parse("2026-11-24T10:00:00Z"), r.run().info().startedAt());
    assertEquals(21873, r.run().info().durationMs());
    assertEquals("Linux 6.18 amd64", r.run().info().host().os());
    assertEquals(2, r.run().info().host().cpus());
    assertEquals("Temurin 25.0.3", r.run().info().host().jdk());
    assertEquals("continuation", r.run().info().config().get("coroutineBackend"));
    assertEquals(1.0, ((Number) r.run().info().config().get("timeoutScale")).doubleValue());
    assertEquals(List.of("reference", "minimal"),
        r.run().loops().stream().map(l -> l.id()).toList());
    assertEquals("dev.jloop.reference.ReferenceLoopProvider", r.run().loop("reference").provider());
    Scenario fifo = r.scenarios().stream().filter(s -> s.id().equals(Fixtures.FAILED))
        .findFirst().orElseThrow();
    assertEquals("timers", fifo.area());
    assertEquals(Level.STRICT, fifo.level());
    assertEquals(List.of("call_at"), fifo.apis());
    assertEquals("asyncio-eventloop: call_at", fifo.reference());
    assertEquals(2 * Catalog.entries().size(), r.results().size());
    Result failed = r.results().stream().filter(x -> x.loop().equals("minimal")
        && x.scenario().equals(Fixtures.FAILED)).findFirst().orElseThrow();
    assertEquals(Outcome.FAILED, failed.outcome());
    assertEquals(31L, failed.durationMs());
    assertTrue(failed.message().contains("timer B"));
    assertTrue(failed.detail().contains("AssertionFailedError"));
    Result passed = r.results().get(0);
    assertNull(passed.message());
    assertNull(passed.detail());
  }

  @Test
  void ignoresUnknownFieldsSoTheFormatCanGrowWithinAVersion() throws IOException {
    ObjectNode doc = Fixtures.linuxRun();
    doc.put("futureTopLevel", 1);
    ((ObjectNode) doc.get("results").get(0)).put("attempts", 3);
    assertEquals(1, ResultsReader.read(Fixtures.write(dir, "r.json", doc)).size());
  }

  @Test
  void optionalFieldsMayBeAbsentOrNull() throws IOException {
    ObjectNode doc = Fixtures.linuxRun();
    ((ObjectNode) doc.get("tck")).remove("scenarioCount");
    ((ObjectNode) doc.at("/run/host")).remove("cpus");
    ((ObjectNode) doc.get("run")).remove("config");
    ((ObjectNode) doc.get("scenarios").get(0)).putNull("reference");
    ((ObjectNode) doc.get("results").get(0)).remove("durationMs");
    RunResults r = ResultsReader.read(Fixtures.write(dir, "r.json", doc)).get(0);
    assertNull(r.run().scenarioCount());
    assertNull(r.run().info().host().cpus());
    assertTrue(r.run().info().config().isEmpty());
    assertNull(r.scenarios().get(0).reference());
    assertNull(r.results().get(0).durationMs());
  }

  @Test
  void unknownFormatVersionIsRejectedNamingTheVersion() throws IOException {
    ResultsFormatException e = invalid(doc -> doc.put("format", "jloop-tck-results/2"));
    assertEquals("$.format", e.where());
    assertTrue(e.problem().contains("jloop-tck-results/2"), e.getMessage());
    assertTrue(e.problem().contains("jloop-tck-results/1"), e.getMessage());
  }

  @Test
  void missingFormatIsRejected() throws IOException {
    ResultsFormatException e = invalid(doc -> doc.remove("format"));
    assertEquals("$", e.where());
    assertTrue(e.problem().contains("\"format\""), e.getMessage());
  }

  @Test
  void missingRequiredFieldsAreNamedWithTheirPath() throws IOException {
    assertMissing("$.tck", "version", doc -> ((ObjectNode) doc.get("tck")).remove("version"));
    assertMissing("$.run", "startedAt", doc -> ((ObjectNode) doc.get("run")).remove("startedAt"));
    assertMissing("$.run.host", "jdk", doc -> ((ObjectNode) doc.at("/run/host")).remove("jdk"));
    assertMissing("$.loops[1]", "provider",
        doc -> ((ObjectNode) doc.get("loops").get(1)).remove("provider"));
    assertMissing("$.scenarios[4]", "rule",
        doc -> ((ObjectNode) doc.get("scenarios").get(4)).remove("rule"));
    assertMissing("$.scenarios[0]", "apis",
        doc -> ((ObjectNode) doc.get("scenarios").get(0)).remove("apis"));
    assertMissing("$.results[7]", "outcome",
        doc -> ((ObjectNode) doc.get("results").get(7)).putNull("outcome"));
    assertMissing("$", "results", doc -> doc.remove("results"));
  }

  @Test
  void wrongTypesAndValuesAreRejected() throws IOException {
    assertEquals("$.run.durationMs", invalid(doc -> ((ObjectNode) doc.get("run"))
        .put("durationMs", "long")).where());
    assertEquals("$.run.durationMs", invalid(doc -> ((ObjectNode) doc.get("run"))
        .put("durationMs", -1)).where());
    assertEquals("$.run.startedAt", invalid(doc -> ((ObjectNode) doc.get("run"))
        .put("startedAt", "yesterday")).where());
    assertEquals("$.loops", invalid(doc -> doc.putObject("loops")).where());
    assertEquals("$.loops[0].id", invalid(doc -> ((ObjectNode) doc.get("loops").get(0))
        .put("id", "")).where());
    assertEquals("$.scenarios[2].level", invalid(doc -> ((ObjectNode) doc.get("scenarios")
        .get(2)).put("level", "MANDATORY")).where());
    ResultsFormatException outcome = invalid(doc -> ((ObjectNode) doc.get("results").get(3))
        .put("outcome", "PASS"));
    assertEquals("$.results[3].outcome", outcome.where());
    assertTrue(outcome.problem().contains("NOT_IMPLEMENTED"), outcome.getMessage());
  }

  @Test
  void referencesBetweenSectionsAreChecked() throws IOException {
    assertTrue(invalid(doc -> ((ObjectNode) doc.get("results").get(0)).put("loop", "ghost"))
        .problem().contains("ghost"));
    assertTrue(invalid(doc -> ((ObjectNode) doc.get("results").get(0)).put("scenario", "x.y"))
        .problem().contains("x.y"));
    ResultsFormatException twice = invalid(doc -> ((ArrayNode) doc.get("results"))
        .add(doc.get("results").get(0).deepCopy()));
    assertTrue(twice.problem().contains("second result"), twice.getMessage());
    assertTrue(invalid(doc -> ((ArrayNode) doc.get("scenarios"))
        .add(doc.get("scenarios").get(0).deepCopy())).problem().contains("duplicate scenario"));
    assertTrue(invalid(doc -> ((ArrayNode) doc.get("loops"))
        .add(doc.get("loops").get(0).deepCopy())).problem().contains("duplicate loop"));
  }

  @Test
  void skippedResultMustGiveItsReason() throws IOException {
    ResultsFormatException e = invalid(doc -> ((ObjectNode) doc.get("results").get(0))
        .put("outcome", "SKIPPED").putNull("message"));
    assertEquals("$.results[0]", e.where());
    assertTrue(e.problem().contains("SKIPPED"));
  }

  @Test
  void malformedJsonNamesFileLineAndColumn() throws IOException {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\n  \"format\": \"jloop-tck-results/1\",\n  \"tck\": {,\n}");
    ResultsFormatException e = assertThrows(ResultsFormatException.class,
        () -> ResultsReader.read(file));
    assertEquals(file, e.file());
    assertTrue(e.where().startsWith("line 3"), e.where());
    assertTrue(e.getMessage().startsWith(file + ": line 3"), e.getMessage());
    assertTrue(e.problem().startsWith("malformed JSON"), e.problem());
  }

  @Test
  void duplicateKeysTrailingGarbageEmptyFilesAndArraysAreRejected() throws IOException {
    for (String content : List.of("{\"format\": \"a\", \"format\": \"b\"}",
        "{\"format\": \"jloop-tck-results/1\"} {}", "", "   ", "[1, 2]")) {
      Path file = dir.resolve("bad.json");
      Files.writeString(file, content);
      ResultsFormatException e = assertThrows(ResultsFormatException.class,
          () -> ResultsReader.read(file), content);
      assertEquals(file, e.file());
    }
  }

  @Test
  void missingFileIsNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> ResultsReader.read(dir.resolve("nope.json")));
  }

  @Test
  void nullFileIsRejectedByName() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> ResultsReader.read(null));
    assertEquals("file", e.getMessage());
  }

  private void assertMissing(String parent, String field, Consumer<ObjectNode> change)
      throws IOException {
    ResultsFormatException e = invalid(change);
    assertEquals(parent, e.where(), e.getMessage());
    assertTrue(e.problem().contains("missing required field \"" + field + "\""), e.getMessage());
  }

  private ResultsFormatException invalid(Consumer<ObjectNode> change) throws IOException {
    ObjectNode doc = Fixtures.linuxRun();
    change.accept(doc);
    Path file = Fixtures.write(dir, "invalid.json", doc);
    ResultsFormatException e = assertThrows(ResultsFormatException.class,
        () -> ResultsReader.read(file));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
    return e;
  }
}
