package dev.jloop.tck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jloop.tck.JloopTck;
import dev.jloop.tck.TckRun;
import dev.jloop.tck.catalog.Catalog;
import dev.jloop.tck.contrib.Contributed;
import dev.jloop.tck.scenarios.TimerScenarios;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Areas contributed through AreaProvider run like built-in ones on every loop, honour the
 * selection settings, and a broken contribution fails one test of its own while the rest runs.
 */
class ContributedAreasTest {
  @TempDir Path dir;

  /** Runs {@code body} with a context class loader that registers {@code providers}. */
  private <T> T with(Supplier<T> body, String... providers) {
    Thread t = Thread.currentThread();
    ClassLoader saved = t.getContextClassLoader();
    t.setContextClassLoader(Contributed.loader(dir, providers));
    try {
      return body.get();
    } finally {
      t.setContextClassLoader(saved);
    }
  }

  /** The result of the test {@code name} under the container of {@code provider}. */
  private static TestExecutionResult problem(EngineExecutionResults r, String provider, String name) {
    UniqueId id = UniqueId.forEngine(JloopTck.ENGINE_ID).append(ContributionDescriptor.SEGMENT, provider)
        .append(ContributionDescriptor.Problem.SEGMENT, name);
    return r.allEvents().stream()
        .filter(e -> e.getType() == EventType.FINISHED && e.getTestDescriptor().getUniqueId().equals(id))
        .findFirst().flatMap(Event::getPayload).map(TestExecutionResult.class::cast)
        .orElseThrow(() -> new AssertionError(id + " did not finish"));
  }

  @Test
  void aContributedAreaRunsOnEveryLoopWithItsNoteInTheResults() {
    TckRun run = TckRun.loops("reference,mutant-lifo-call-soon").param(JloopTck.AREAS, "extra");
    EngineExecutionResults r = with(() -> run.kit().selectors(selectClass(JloopTck.class)).execute(),
        Contributed.P1Extra.class.getName());
    JsonNode passed = run.result("reference", "extra.noted");
    assertEquals("PASSED", passed.get("outcome").asText());
    assertEquals("3 callbacks ran in order", passed.get("message").asText(), "the note is the PASSED message");
    assertEquals("FAILED", run.result("mutant-lifo-call-soon", "extra.noted").get("outcome").asText());
    assertTrue(run.result("mutant-lifo-call-soon", "extra.noted").get("message").asText()
        .startsWith("loop `mutant-lifo-call-soon`: call_soon callbacks"), "a failure's message is the failure, not the note");
    assertEquals(Catalog.builtIn().scenarios().size() + 2, run.results().get("tck").get("scenarioCount").asInt());
    List<ReportEntry> notes = r.allEvents().stream().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
        .flatMap(e -> e.getPayload(ReportEntry.class).stream())
        .filter(e -> e.getKeyValuePairs().containsKey("jloop.note")).toList();
    assertEquals("3 callbacks ran in order", notes.get(0).getKeyValuePairs().get("jloop.note"));
  }

  @Test
  void selectionSettingsApplyToContributedScenarios() {
    TckRun run = TckRun.loops("reference").param(JloopTck.SCENARIOS, "extra.timer,timers.cancel");
    List<String> ids = with(() -> run.kit().selectors(selectClass(JloopTck.class)).discover(),
        Contributed.P1Extra.class.getName()).getEngineDescriptor().getDescendants().stream()
        .filter(TestDescriptor::isTest).map(TestDescriptor::getDisplayName).sorted().toList();
    assertEquals(List.of("extra.timer", "timers.cancel"), ids);
    UniqueId one = TckRun.scenarioId("reference", "extra.noted");
    List<String> byId = with(() -> TckRun.loops("reference").kit().selectors(selectUniqueId(one)).discover(),
        Contributed.P1Extra.class.getName()).getEngineDescriptor().getDescendants().stream()
        .filter(TestDescriptor::isTest).map(TestDescriptor::getDisplayName).toList();
    assertEquals(List.of("extra.noted"), byId);
  }

  @Test
  void aMissingMethodInAContributedAreaIsNotImplemented() {
    TckRun run = TckRun.loops("mutant-no-timers").param(JloopTck.SCENARIOS, "extra.timer");
    with(() -> run.kit().selectors(selectClass(JloopTck.class)).execute(), Contributed.P1Extra.class.getName());
    JsonNode row = run.result("mutant-no-timers", "extra.timer");
    assertEquals("NOT_IMPLEMENTED", row.get("outcome").asText(), row.toString());
    assertTrue(row.get("message").asText().contains(".callLater (asyncio call_later)"), row.toString());
  }

  @Test
  void brokenContributionsFailATestEachAndEverythingElseRuns() {
    TckRun run = TckRun.loops("reference").param(JloopTck.SCENARIOS, "extra.noted,timers.cancel");
    EngineExecutionResults r = with(() -> run.kit().selectors(selectClass(JloopTck.class)).execute(),
        Contributed.P1Extra.class.getName(), Contributed.P2Clashes.class.getName(),
        Contributed.P3Throws.class.getName(), "dev.jloop.tck.contrib.NoSuchProvider");
    assertEquals("PASSED", run.result("reference", "extra.noted").get("outcome").asText());
    assertEquals("PASSED", run.result("reference", "timers.cancel").get("outcome").asText());
    String clashes = Contributed.P2Clashes.class.getName();
    List<List<String>> broken = List.of(List.of(clashes, "area extra"), List.of(clashes, "area timers"),
        List.of(clashes, "area malformed"), List.of(Contributed.P3Throws.class.getName(), "areas"),
        List.of("dev.jloop.tck.contrib.NoSuchProvider", "areas"));
    for (List<String> b : broken) {
      TestExecutionResult f = problem(r, b.get(0), b.get(1));
      assertEquals(Status.FAILED, f.getStatus(), b.toString());
      assertInstanceOf(ScenarioError.class, f.getThrowable().orElseThrow());
    }
    assertTrue(problem(r, clashes, "area timers").getThrowable().orElseThrow().getMessage()
        .contains("reuses the area id 'timers'"));
    assertEquals(5, r.testEvents().failed().count(), "only the five broken contributions fail");
    assertEquals(0, r.containerEvents().failed().count(), "the provider containers only group their failing tests");
  }

  private List<String> contributionsDiscovered(TckRun run, org.junit.platform.engine.DiscoverySelector selector) {
    return with(() -> run.kit().selectors(selector).discover(), Contributed.P2Clashes.class.getName())
        .getEngineDescriptor().getChildren().stream().filter(d -> d instanceof ContributionDescriptor)
        .flatMap(d -> d.getChildren().stream()).map(TestDescriptor::getDisplayName).toList();
  }

  @Test
  void aBrokenContributionIsReportedOnlyWhenItsAreaIsSelected() {
    assertEquals(List.of("area timers"),
        contributionsDiscovered(TckRun.loops("reference"), selectClass(TimerScenarios.class)),
        "selecting the timers area shows the contribution that clashed with it, not the others");
    assertEquals(List.of(), contributionsDiscovered(TckRun.loops("reference").param(JloopTck.AREAS, "callbacks"),
        selectClass(JloopTck.class)));
    assertEquals(2, contributionsDiscovered(TckRun.loops("reference"), selectClass(JloopTck.class)).size());
    UniqueId node = UniqueId.forEngine(JloopTck.ENGINE_ID)
        .append(ContributionDescriptor.SEGMENT, Contributed.P2Clashes.class.getName())
        .append(ContributionDescriptor.Problem.SEGMENT, "area timers");
    assertEquals(List.of("area timers", "area malformed"),
        contributionsDiscovered(TckRun.loops("reference"), selectUniqueId(node)),
        "re-running a reported node (as an IDE does) reports the broken contributions again");
  }
}
