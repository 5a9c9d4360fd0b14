package dev.jloop.fuzz.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jloop.fuzz.mutants.MutantProviders;
import dev.jloop.spi.LoopProvider;
import dev.jloop.tck.JloopTck;
import dev.jloop.tck.catalog.Catalog;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/**
 * With jloop-fuzz on the test class path, the jloop-tck engine finds the {@code fuzz} area through
 * {@link FuzzAreaProvider} (META-INF/services) and runs it like any other area: the reference loop
 * passes with "N programs passed" as the result's message, and a loop with a scheduling bug fails
 * with the shrunk counterexample.
 */
@ExtendWith(ShortFuzzBudget.class)
class FuzzAreaEngineTest {
  private static final Pattern NOTE = Pattern.compile(
      "\\d+ programs? passed \\((REQUIRED|STRICT) rules\\) in \\d+\\.\\d s, \\d+ programs/s, master seed 0x[0-9a-f]{16}");

  @TempDir Path dir;

  private Path results() throws IOException {
    Path runs = Files.createDirectories(Path.of("target", "jloop-tck", "runs"));
    return Files.createTempDirectory(runs, "fuzz").resolve("results.json");
  }

  private static EngineTestKit.Builder kit(String loops, Path results) {
    return EngineTestKit.engine(JloopTck.ENGINE_ID).configurationParameter(JloopTck.LOOPS, loops)
        .configurationParameter(JloopTck.RESULTS, results.toString())
        .selectors(selectClass(JloopTck.class));
  }

  private static JsonNode result(Path results, String loop, String scenario) throws IOException {
    for (JsonNode r : new ObjectMapper().readTree(results.toFile()).get("results")) {
      if (r.get("loop").asText().equals(loop) && r.get("scenario").asText().equals(scenario)) {
        return r;
      }
    }
    throw new AssertionError("no result for " + loop + " / " + scenario + " in " + results);
  }

  @Test
  void theEngineFindsTheFuzzAreaAfterTheBuiltInOnes() throws IOException {
    TestDescriptor engine = kit("reference", results()).discover().getEngineDescriptor();
    TestDescriptor loop = engine.getChildren().iterator().next();
    assertEquals("reference", loop.getDisplayName());
    List<String> areas = loop.getChildren().stream().map(TestDescriptor::getDisplayName).toList();
    assertEquals(Catalog.builtIn().areas().size() + 1, areas.size(), areas.toString());
    assertEquals("fuzz [reference]", areas.get(areas.size() - 1), "contributed areas come last");
    assertEquals(List.of("fuzz.required-rules", "fuzz.strict-rules"), loop.getChildren().stream()
        .filter(a -> a.getDisplayName().startsWith("fuzz ")).flatMap(a -> a.getChildren().stream())
        .map(TestDescriptor::getDisplayName).toList());
    assertEquals(1, engine.getChildren().size(), "no broken contribution is reported: " + engine.getChildren());
  }

  @Test
  void theReferenceLoopPassesWithTheProgramCountAsItsMessage() throws IOException {
    Path results = results();
    EngineExecutionResults r = kit("reference", results).configurationParameter(JloopTck.AREAS, "fuzz").execute();
    assertEquals(2, r.testEvents().succeeded().count(), r.testEvents().list().toString());
    for (String id : List.of("fuzz.required-rules", "fuzz.strict-rules")) {
      JsonNode row = result(results, "reference", id);
      assertEquals("PASSED", row.get("outcome").asText());
      String note = row.get("message").asText();
      assertTrue(NOTE.matcher(note).matches(), note);
      assertTrue(note.contains(id.startsWith("fuzz.required") ? "(REQUIRED rules)" : "(STRICT rules)"), note);
    }
  }

  @Test
  void aLoopWithASchedulingBugFailsWithTheShrunkProgram() throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF").resolve("services"));
    Files.writeString(services.resolve(LoopProvider.class.getName()),
        MutantProviders.LifoCallSoon.class.getName() + "\n", StandardCharsets.UTF_8);
    Thread t = Thread.currentThread();
    ClassLoader saved = t.getContextClassLoader();
    Path results = results();
    EngineExecutionResults r;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, saved)) {
      t.setContextClassLoader(loader);
      r = kit("fuzz-mutant-lifo-call-soon", results)
          .configurationParameter(JloopTck.SCENARIOS, "fuzz.required-rules").execute();
    } finally {
      t.setContextClassLoader(saved);
    }
    Event failed = r.testEvents().failed().list().get(0);
    Throwable error = failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertInstanceOf(AssertionFailedError.class, error, "a broken rule is a FAILED verdict, not an ERROR");
    JsonNode row = result(results, "fuzz-mutant-lifo-call-soon", "fuzz.required-rules");
    assertEquals("FAILED", row.get("outcome").asText());
    String msg = row.get("message").asText();
    assertTrue(msg.startsWith("loop `fuzz-mutant-lifo-call-soon`: rule callbacks."), msg);
    assertTrue(msg.contains("shrunk to ") && msg.contains("Program.of(") && msg.contains("import asyncio"), msg);
    assertTrue(msg.contains("seed 0x"), msg);
  }
}
