package dev.jloop.tck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jloop.tck.JloopTck;
import dev.jloop.tck.TckRun;
import dev.jloop.tck.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The outcomes other than FAILED (which the mutants cover), as JUnit and results.json show them. */
class OutcomesTest {
  private static Optional<TestExecutionResult> finished(EngineExecutionResults r, UniqueId id) {
    return r.allEvents().stream()
        .filter(e -> e.getType() == EventType.FINISHED && e.getTestDescriptor().getUniqueId().equals(id))
        .findFirst().flatMap(Event::getPayload).map(TestExecutionResult.class::cast);
  }

  @Test
  void notImplementedIsAbortedNamingTheMethod() {
    String scenario = "timers.equal-deadline-fifo";
    UniqueId id = TckRun.scenarioId("mutant-no-timers", scenario);
    TckRun run = TckRun.loops("mutant-no-timers");
    TestExecutionResult r = finished(run.kit().selectors(selectUniqueId(id)).execute(), id).orElseThrow();
    assertEquals(Status.ABORTED, r.getStatus());
    assertInstanceOf(TestAbortedException.class, r.getThrowable().orElseThrow());
    String msg = r.getThrowable().orElseThrow().getMessage();
    assertTrue(msg.contains("does not implement") && msg.contains(".callAt (asyncio call_at)"), msg);
    assertTrue(msg.startsWith("loop `mutant-no-timers` "), msg);
    JsonNode row = run.result("mutant-no-timers", scenario);
    assertEquals("NOT_IMPLEMENTED", row.get("outcome").asText());
    assertEquals(msg, row.get("message").asText());
  }

  @Test
  void notImplementedThroughAnotherApiNamesBoth() {
    String scenario = "timers.when";
    UniqueId id = TckRun.scenarioId("mutant-no-timers", scenario);
    TestExecutionResult r = finished(TckRun.loops("mutant-no-timers").kit().selectors(selectUniqueId(id)).execute(), id)
        .orElseThrow();
    assertEquals(Status.ABORTED, r.getStatus(), "callLater delegates to the unimplemented callAt");
    String msg = r.getThrowable().orElseThrow().getMessage();
    assertTrue(msg.contains(".callLater (asyncio call_later), through ") && msg.contains(".callAt"), msg);
  }

  @Test
  void notImplementedFailsWhenConfiguredTo() {
    UniqueId id = TckRun.scenarioId("mutant-no-timers", "timers.equal-deadline-fifo");
    TckRun run = TckRun.loops("mutant-no-timers").param(JloopTck.UNIMPLEMENTED, "fail");
    TestExecutionResult r = finished(run.kit().selectors(selectUniqueId(id)).execute(), id).orElseThrow();
    assertEquals(Status.FAILED, r.getStatus());
    assertTrue(r.getThrowable().orElseThrow().getMessage().contains("jloop.tck.unimplemented=fail"));
    assertEquals("NOT_IMPLEMENTED", run.result("mutant-no-timers", "timers.equal-deadline-fifo").get("outcome").asText());
  }

  @Test
  void unsupportedOperationFromAnotherMethodIsAnError() {
    String scenario = "lifecycle.is-running";
    UniqueId id = TckRun.scenarioId("mutant-no-call-soon", scenario);
    TckRun run = TckRun.loops("mutant-no-call-soon");
    TestExecutionResult r = finished(run.kit().selectors(selectUniqueId(id)).execute(), id).orElseThrow();
    assertEquals(Status.FAILED, r.getStatus());
    Throwable t = r.getThrowable().orElseThrow();
    assertInstanceOf(ScenarioError.class, t);
    assertInstanceOf(UnsupportedOperationException.class, t.getCause());
    assertTrue(t.getMessage().contains("unexpected UnsupportedOperationException"), t.getMessage());
    JsonNode row = run.result("mutant-no-call-soon", scenario);
    assertEquals("ERROR", row.get("outcome").asText());
    assertTrue(row.get("detail").asText().contains("UnsupportedOperationException"));
  }

  @Test
  void aHangingScenarioIsCutOffAndTheRunGoesOn() {
    String loop = "mutant-hang-in-close";
    List<UniqueId> ids = List.of(TckRun.scenarioId(loop, "callbacks.fifo"), TckRun.scenarioId(loop, "timers.cancel"));
    TckRun run = TckRun.loops(loop).param(JloopTck.TIMEOUT_SCALE, "0.2");
    EngineExecutionResults r = run.kit().selectors(selectUniqueId(ids.get(0)), selectUniqueId(ids.get(1))).execute();
    for (UniqueId id : ids) {
      TestExecutionResult result = finished(r, id).orElseThrow(() -> new AssertionError(id + " did not finish"));
      Throwable t = result.getThrowable().orElseThrow();
      assertInstanceOf(ScenarioError.class, t);
      assertTrue(t.getMessage().contains("while closing the loop"), t.getMessage());
      assertTrue(List.of(t.getStackTrace()).stream().anyMatch(f -> f.getMethodName().equals("close")),
          "the failure's stack trace is the hung thread's");
    }
    JsonNode row = run.result(loop, "timers.cancel");
    assertEquals("TIMED_OUT", row.get("outcome").asText());
    assertTrue(row.get("detail").asText().contains(".close("), "thread dump: " + row.get("detail"));
  }

  @Test
  void leaksAreNamed() {
    String scenario = "callbacks.fifo";
    UniqueId id = TckRun.scenarioId("mutant-leaky-pipe", scenario);
    TckRun run = TckRun.loops("mutant-leaky-pipe");
    TestExecutionResult r = finished(run.kit().selectors(selectUniqueId(id)).execute(), id).orElseThrow();
    assertInstanceOf(AssertionFailedError.class, r.getThrowable().orElseThrow());
    assertTrue(r.getThrowable().orElseThrow().getMessage().contains("pipe:["));
    assertEquals("LEAKED", run.result("mutant-leaky-pipe", scenario).get("outcome").asText());
  }

  @Test
  void leakChecksCanBeTurnedOff() {
    UniqueId id = TckRun.scenarioId("mutant-leaky-pipe", "callbacks.fifo");
    TestExecutionResult r = finished(TckRun.loops("mutant-leaky-pipe").param(JloopTck.LEAK_CHECK, "false")
        .kit().selectors(selectUniqueId(id)).execute(), id).orElseThrow();
    assertEquals(Status.SUCCESSFUL, r.getStatus());
  }

  @Test
  void resultsFileFollowsTheFormat() {
    TckRun run = TckRun.loops("reference,mutant-lifo-timers");
    List<UniqueId> ids = new ArrayList<>();
    for (String loop : List.of("mutant-lifo-timers", "reference")) {
      for (String s : List.of("timers.equal-deadline-fifo", "callbacks.fifo")) {
        ids.add(TckRun.scenarioId(loop, s));
      }
    }
    run.kit().selectors(ids.stream().map(id -> selectUniqueId(id)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
        .execute();
    JsonNode root = run.results();
    assertEquals("jloop-tck-results/1", root.get("format").asText());
    assertEquals(Catalog.builtIn().scenarios().size(), root.get("tck").get("scenarioCount").asInt());
    JsonNode runNode = root.get("run");
    assertTrue(runNode.get("startedAt").asText().endsWith("Z"));
    assertTrue(runNode.get("durationMs").asLong() >= 0);
    assertTrue(runNode.get("host").get("cpus").asInt() > 0);
    assertEquals(1.0, runNode.get("config").get("timeoutScale").asDouble());
    assertTrue(List.of("continuation", "virtual").contains(runNode.get("config").get("coroutineBackend").asText()));
    assertEquals(List.of("mutant-lifo-timers", "reference"), texts(root.get("loops"), "id"));
    assertEquals("dev.jloop.reference.ReferenceLoopProvider", root.get("loops").get(1).get("provider").asText());
    assertEquals(List.of("callbacks.fifo", "timers.equal-deadline-fifo"), texts(root.get("scenarios"), "id"));
    JsonNode fifo = root.get("scenarios").get(1);
    assertEquals("STRICT", fifo.get("level").asText());
    assertEquals("call_at", fifo.get("apis").get(0).asText());
    assertEquals(List.of("mutant-lifo-timers", "mutant-lifo-timers", "reference", "reference"),
        texts(root.get("results"), "loop"), "one result per selected pair, sorted by loop then scenario");
    JsonNode failed = root.get("results").get(1);
    assertEquals("FAILED", failed.get("outcome").asText());
    assertTrue(failed.get("message").asText().startsWith("loop `mutant-lifo-timers`: "));
    JsonNode passed = root.get("results").get(3);
    assertEquals("PASSED", passed.get("outcome").asText());
    assertTrue(passed.get("message").isNull() && passed.get("detail").isNull());
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }
}
