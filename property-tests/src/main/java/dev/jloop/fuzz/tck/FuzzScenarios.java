package dev.jloop.fuzz.tck;

import dev.jloop.fuzz.Fuzz;
import dev.jloop.fuzz.FuzzOptions;
import dev.jloop.fuzz.FuzzReport;
import dev.jloop.fuzz.prop.Minimizer;
import dev.jloop.tck.Level;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.time.Duration;
import java.util.Locale;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The TCK's {@code fuzz} area: scheduler fuzzing of the loop under test, at the two levels of
 * the model (docs/fuzzing.md). {@link FuzzAreaProvider} adds it to the TCK's catalog when
 * {@code jloop-fuzz} is on the test class path. Each scenario fuzzes for
 * {@code jloop.fuzz.seconds} ({@value FuzzOptions#DEFAULT_SECONDS} s by default, so 10 s per
 * loop), leaving out the op families the loop does not implement, and at most as long as leaves
 * room in its budget ({@value #BUDGET_SECONDS} s times {@code jloop.tck.timeoutScale}) for
 * shrinking a failure. A pass notes how many programs passed; a failure is the shrunk
 * counterexample, with its seed and its Java and Python forms.
 *
 * <p>If this fails, check: the rule the message names, in docs/fuzzing.md, then replay the seed
 * with {@code -Djloop.fuzz.seed=}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Area(value = "fuzz", description = "Generated scheduler programs checked against an executable model of asyncio's scheduling rules, failures shrunk.")
public final class FuzzScenarios {
  /** Each scenario's budget, in seconds before {@code jloop.tck.timeoutScale}. */
  static final int BUDGET_SECONDS = 300;
  /** What shrinking a failure may cost, at most. */
  private static final Minimizer.Limits SHRINK = new Minimizer.Limits(500, Duration.ofSeconds(60));
  /** Left in the budget for the feature probes, the re-runs of the shrunk program and closing. */
  private static final double RESERVE_SECONDS = 30;

  /** Fuzzes at the REQUIRED level: what CPython's asyncio and uvloop both do. */
  @Scenario(id = "fuzz.required-rules", level = Level.REQUIRED,
      apis = {"call_soon", "call_later", "call_at", "call_soon_threadsafe", "Handle.cancel",
          "create_future", "Future.add_done_callback", "create_task", "Task.cancel", "sleep",
          "run_in_executor", "stop", "run_forever"},
      rule = "Generated scheduler programs satisfy every REQUIRED rule of the asyncio scheduling model in docs/fuzzing.md.",
      reference = "docs/fuzzing.md (model checked against CPython asyncio and uvloop)", budget = BUDGET_SECONDS)
  void requiredRules(ScenarioContext s) {
    fuzz(s, dev.jloop.fuzz.model.Level.REQUIRED);
  }

  /** Fuzzes at the STRICT level: also equal deadlines in order and stop() at the end of the pass. */
  @Scenario(id = "fuzz.strict-rules", level = Level.STRICT,
      apis = {"call_soon", "call_later", "call_at", "call_soon_threadsafe", "Handle.cancel",
          "create_future", "Future.add_done_callback", "create_task", "Task.cancel", "sleep",
          "run_in_executor", "stop", "run_forever"},
      rule = "Generated scheduler programs also satisfy the STRICT rules of the model, equal deadlines in scheduling order and stop() ending the current pass.",
      reference = "docs/fuzzing.md; asyncio-eventloop: stop", budget = BUDGET_SECONDS)
  void strictRules(ScenarioContext s) {
    fuzz(s, dev.jloop.fuzz.model.Level.STRICT);
  }

  private static void fuzz(ScenarioContext s, dev.jloop.fuzz.model.Level level) {
    FuzzOptions o = FuzzOptions.fromSystemProperties().withLevel(level)
        .withLimits(Duration.ofMillis((long) (s.scaled(2.0) * 1000)), SHRINK);
    Duration cap = cap(s);
    boolean capped = o.time().compareTo(cap) > 0;
    if (capped) {
      o = o.withBudget(o.maxPrograms(), cap);
    }
    FuzzReport r = Fuzz.checkImplemented(s.loopId(), s::newLoop, o);
    if (!r.passed()) {
      var cx = r.counterexample().orElseThrow();
      throw s.failure("rule %s broke after %d programs: %s; seed %s, shrunk to %d ops:%n%s%n%n%s",
          cx.violation().rule().id(), r.programs(), cx.violation().message(),
          FuzzOptions.formatSeed(cx.seed()), cx.shrunk().size(), cx.ast(), cx.python());
    }
    s.check(r.programs() > 0, "no program ran (%s)", r.summary());
    s.note(note(r, capped ? cap : null));
  }

  /** The longest fuzzing that leaves room in the scenario's budget for shrinking, at least 1 s. */
  static Duration cap(ScenarioContext s) {
    return Duration.ofMillis((long) (1000 * Math.max(1,
        s.scaled(BUDGET_SECONDS) - SHRINK.maxTime().toSeconds() - RESERVE_SECONDS)));
  }

  /** "2345 programs passed (REQUIRED rules) in 5.0 s, 469 programs/s, master seed 0x..." and what was left out. */
  static String note(FuzzReport r, Duration cappedAt) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "%d %s passed (%s rules) in %.1f s, %.0f programs/s, master seed %s",
        r.programs(), r.programs() == 1 ? "program" : "programs", r.level(), r.elapsed().toNanos() / 1e9, r.programsPerSecond(),
        FuzzOptions.formatSeed(r.masterSeed())));
    if (!r.leftOut().isEmpty()) {
      sb.append("; left out as not implemented: ").append(new TreeSet<>(r.leftOut().keySet()));
    }
    if (cappedAt != null) {
      sb.append(String.format(Locale.ROOT, "; jloop.fuzz.seconds capped at %d s by the scenario's budget",
          cappedAt.toSeconds()));
    }
    return sb.toString();
  }
}
