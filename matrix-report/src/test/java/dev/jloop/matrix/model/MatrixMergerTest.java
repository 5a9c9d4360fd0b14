package dev.jloop.matrix.model;

import static dev.jloop.matrix.model.Models.result;
import static dev.jloop.matrix.model.Models.run;
import static dev.jloop.matrix.model.Models.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixMergerTest {
  private final Scenario a1 = scenario("a.one", Level.REQUIRED, "call_soon");
  private final Scenario a2 = scenario("a.two", Level.STRICT, "call_at");
  private final Scenario b1 = scenario("b.one", Level.OPTIONAL, "create_server");

  @Test
  void columnsAreLoopsTimesRunsGroupedByLoop() {
    RunResults linux = new RunResults(run("linux.json", "ref", "mini"), List.of(a1, a2),
        List.of(result("ref", "a.one", Outcome.PASSED), result("mini", "a.one", Outcome.FAILED)));
    RunResults mac = new RunResults(run("mac.json", "ref"), List.of(a1, a2, b1),
        List.of(result("ref", "b.one", Outcome.PASSED)));
    Matrix m = MatrixMerger.merge(List.of(linux, mac));
    assertEquals(List.of("run1", "run2"), m.runs().stream().map(Run::id).toList());
    assertEquals(List.of("run1/ref", "run2/ref", "run1/mini"),
        m.columns().stream().map(Column::key).toList());
    assertEquals(List.of("ref", "mini"), m.loopIds());
    assertEquals(List.of("a", "b"), m.areas());
    assertEquals(List.of(a1, a2, b1), m.scenarios());
    assertEquals(3, m.resultCount());
    Column miniColumn = m.columnsOf("mini").get(0);
    assertEquals(Outcome.FAILED, m.result(a1, miniColumn).outcome());
    assertNull(m.result(a2, miniColumn), "a pair that was not selected has no result");
    assertEquals(Outcome.PASSED, m.result(b1, m.columnsOf("ref").get(1)).outcome());
    assertTrue(m.warnings().isEmpty());
  }

  @Test
  void aLoopWithoutResultsInARunIsNoColumn() {
    RunResults r = new RunResults(run("r.json", "ref", "idle"), List.of(a1),
        List.of(result("ref", "a.one", Outcome.PASSED)));
    assertEquals(List.of("run1/ref"),
        MatrixMerger.merge(List.of(r)).columns().stream().map(Column::key).toList());
  }

  @Test
  void conflictingScenarioDefinitionsKeepTheFirstAndWarn() {
    Scenario changed = scenario("a.one", Level.STRICT, "call_soon");
    RunResults first = new RunResults(run("new.json", "ref"), List.of(a1),
        List.of(result("ref", "a.one", Outcome.PASSED)));
    RunResults second = new RunResults(run("old.json", "ref"), List.of(changed),
        List.of(result("ref", "a.one", Outcome.PASSED)));
    Matrix m = MatrixMerger.merge(List.of(first, second));
    assertSame(Level.REQUIRED, m.scenario("a.one").level());
    assertEquals(1, m.warnings().size());
    assertTrue(m.warnings().get(0).contains("old.json") && m.warnings().get(0).contains("new.json"),
        m.warnings().get(0));
  }

  @Test
  void scenariosKeepCatalogOrderGroupedByArea() {
    Scenario b2 = scenario("b.two", Level.REQUIRED);
    RunResults r = new RunResults(run("r.json", "ref"), List.of(a1, b1, a2, b2), List.of(
        result("ref", "a.one", Outcome.PASSED)));
    assertEquals(List.of(a1, a2, b1, b2), MatrixMerger.merge(List.of(r)).scenarios());
  }

  @Test
  void badInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> MatrixMerger.merge(List.of()));
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> MatrixMerger.merge(null));
    assertEquals("inputs", e.getMessage());
  }
}
