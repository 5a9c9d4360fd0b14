package dev.jloop.matrix.model;

import static dev.jloop.matrix.model.Models.result;
import static dev.jloop.matrix.model.Models.run;
import static dev.jloop.matrix.model.Models.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoresAndTiersTest {
  private final Scenario t1 = scenario("timers.one", Level.REQUIRED, "call_at", "call_later");
  private final Scenario t2 = scenario("timers.two", Level.STRICT, "call_at");
  private final Scenario t3 = scenario("timers.three", Level.REQUIRED, "call_later");
  private final Scenario n1 = scenario("net.one", Level.REQUIRED, "create_connection");
  private final Scenario n2 = scenario("net.two", Level.OPTIONAL, "create_connection",
      "start_tls");
  private final Scenario u1 = scenario("unix.one", Level.OPTIONAL, "create_unix_server");

  private Matrix matrix() {
    List<Scenario> all = List.of(t1, t2, t3, n1, n2, u1);
    RunResults linux = new RunResults(run("linux.json", "ref", "mini"), all, List.of(
        result("ref", "timers.one", Outcome.PASSED), result("ref", "timers.two", Outcome.PASSED),
        result("ref", "timers.three", Outcome.PASSED), result("ref", "net.one", Outcome.PASSED),
        result("ref", "net.two", Outcome.PASSED), result("ref", "unix.one", Outcome.PASSED),
        result("mini", "timers.one", Outcome.PASSED), result("mini", "timers.two", Outcome.FAILED),
        result("mini", "timers.three", Outcome.TIMED_OUT),
        result("mini", "net.one", Outcome.NOT_IMPLEMENTED),
        result("mini", "net.two", Outcome.NOT_IMPLEMENTED),
        result("mini", "unix.one", Outcome.SKIPPED)));
    RunResults windows = new RunResults(run("win.json", "ref"), all, List.of(
        result("ref", "timers.one", Outcome.PASSED), result("ref", "timers.two", Outcome.PASSED),
        result("ref", "timers.three", Outcome.LEAKED), result("ref", "net.one", Outcome.PASSED),
        result("ref", "net.two", Outcome.PASSED), result("ref", "unix.one", Outcome.SKIPPED)));
    return MatrixMerger.merge(List.of(linux, windows));
  }

  @Test
  void areaCountsLeaveSkippedOut() {
    Matrix m = matrix();
    Column mini = m.columnsOf("mini").get(0);
    assertEquals("1/3", Scores.area(m, "timers", mini).text());
    assertEquals("0/2", Scores.area(m, "net", mini).text());
    assertEquals("0/0", Scores.area(m, "unix", mini).text(), "skipped is not counted");
    assertTrue(Scores.area(m, "unix", mini).complete());
    assertEquals("3/3", Scores.area(m, "timers", m.columnsOf("ref").get(0)).text());
    assertEquals("2/3", Scores.area(m, "timers", m.columnsOf("ref").get(1)).text());
  }

  @Test
  void levelScoresCountOnlyThatLevel() {
    Matrix m = matrix();
    Column mini = m.columnsOf("mini").get(0);
    assertEquals("1/3", Scores.level(m, Level.REQUIRED, mini).text());
    assertEquals("0/1", Scores.level(m, Level.STRICT, mini).text());
    assertEquals("0/1", Scores.level(m, Level.OPTIONAL, mini).text());
  }

  @Test
  void outcomeCountsCoverEveryOutcome() {
    Matrix m = matrix();
    Map<Outcome, Integer> c = Scores.outcomes(m, m.columnsOf("mini").get(0));
    assertEquals(Outcome.values().length, c.size());
    assertEquals(1, c.get(Outcome.PASSED));
    assertEquals(2, c.get(Outcome.NOT_IMPLEMENTED));
    assertEquals(1, c.get(Outcome.SKIPPED));
    assertEquals(0, c.get(Outcome.ERROR));
  }

  @Test
  void badgeScoreNeedsAPassInEveryRun() {
    Matrix m = matrix();
    assertEquals("2/3", Scores.requiredForLoop(m, "ref").text(),
        "timers.three leaked on one run, so it does not count as passed");
    assertEquals("1/3", Scores.requiredForLoop(m, "mini").text());
  }

  @Test
  void tiersFollowTheRule() {
    Matrix m = matrix();
    Map<String, Tier> mini = ApiTiers.of(m, m.columnsOf("mini"));
    assertEquals(List.of("call_at", "call_later", "create_connection", "create_unix_server",
        "start_tls"), ApiTiers.methods(m));
    assertEquals(Tier.PARTIAL, mini.get("call_at"), "one passed, one failed");
    assertEquals(Tier.PARTIAL, mini.get("call_later"), "one passed, one timed out");
    assertEquals(Tier.NOT_IMPLEMENTED, mini.get("create_connection"));
    assertEquals(Tier.NOT_IMPLEMENTED, mini.get("start_tls"));
    assertEquals(Tier.NOT_TESTED, mini.get("create_unix_server"), "only skipped results");
    Map<String, Tier> ref = ApiTiers.of(m, m.columnsOf("ref"));
    assertEquals(Tier.SUPPORTED, ref.get("call_at"));
    assertEquals(Tier.SUPPORTED, ref.get("create_unix_server"), "skipped on one run is left out");
    assertEquals(Tier.PARTIAL, ref.get("call_later"), "leaked on one of the loop's runs");
    assertEquals(Tier.SUPPORTED, ApiTiers.tier(m, "call_later", m.columnsOf("ref").subList(0, 1)));
  }

  @Test
  void aMethodNotImplementedAlongsideFailuresIsPartial() {
    Scenario s1 = scenario("x.one", Level.REQUIRED, "sendfile");
    Scenario s2 = scenario("x.two", Level.REQUIRED, "sendfile");
    Matrix m = MatrixMerger.merge(List.of(new RunResults(run("r.json", "l"), List.of(s1, s2),
        List.of(result("l", "x.one", Outcome.NOT_IMPLEMENTED),
            result("l", "x.two", Outcome.ERROR)))));
    assertEquals(Tier.PARTIAL, ApiTiers.tier(m, "sendfile", m.columns()));
  }

  @Test
  void tallyRejectsImpossibleCounts() {
    assertThrows(IllegalArgumentException.class, () -> new Tally(3, 2));
    assertThrows(IllegalArgumentException.class, () -> new Tally(-1, 2));
    assertEquals(1.0, new Tally(0, 0).ratio());
  }
}
