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
import org.apiguardian.api.API;

/**
 * The TCK's {@code fuzz} area: scheduler fuzzing of the loop under test, at the two levels of
 * the model (docs/fuzzing.md). Each scenario fuzzes for {@code jloop.fuzz.seconds} (5 s by
 * default), leaving out the op families the loop does not implement; a failure is the shrunk
 * counterexample, with its seed and its Java and Python forms.
 *
 * <p>If this fails, check: the rule the message names, in docs/fuzzing.md, then replay the seed
 * with {@code -Djloop.fuzz.seed=}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Area(value = "fuzz", description = "Generated scheduler programs checked against an executable model of asyncio's scheduling rules, failures shrunk.")
public final class FuzzScenarios {
  /** Fuzzes at the REQUIRED level: what CPython's asyncio and uvloop both do. */
  @Scenario(id = "fuzz.required-rules", level = Level.REQUIRED,
      apis = {"call_soon", "call_later", "call_at", "call_soon_threadsafe", "Handle.cancel",
          "create_future", "Future.add_done_callback", "create_task", "Task.cancel", "sleep",
          "run_in_executor", "stop", "run_forever"},
      rule = "Generated scheduler programs satisfy every REQUIRED rule of the asyncio scheduling model in docs/fuzzing.md.",
      reference = "docs/fuzzing.md (model checked against CPython asyncio and uvloop)", budget = 150)
  void requiredRules(ScenarioContext s) {
    fuzz(s, dev.jloop.fuzz.model.Level.REQUIRED);
  }

  /** Fuzzes at the STRICT level: also equal deadlines in order and stop() at the end of the pass. */
  @Scenario(id = "fuzz.strict-rules", level = Level.STRICT,
      apis = {"call_soon", "call_later", "call_at", "call_soon_threadsafe", "Handle.cancel",
          "create_future", "Future.add_done_callback", "create_task", "Task.cancel", "sleep",
          "run_in_executor", "stop", "run_forever"},
      rule = "Generated scheduler programs also satisfy the STRICT rules of the model, equal deadlines in scheduling order and stop() ending the current pass.",
      reference = "docs/fuzzing.md; asyncio-eventloop: stop", budget = 150)
  void strictRules(ScenarioContext s) {
    fuzz(s, dev.jloop.fuzz.model.Level.STRICT);
  }

  private static void fuzz(ScenarioContext s, dev.jloop.fuzz.model.Level level) {
    FuzzOptions o = FuzzOptions.fromSystemProperties().withLevel(level)
        .withLimits(Duration.ofMillis((long) (s.scaled(2.0) * 1000)),
            new Minimizer.Limits(500, Duration.ofSeconds(60)));
    FuzzReport r = Fuzz.checkImplemented(s.loopId(), s::newLoop, o);
    if (!r.passed()) {
      var cx = r.counterexample().orElseThrow();
      throw s.failure("rule %s broke after %d programs: %s; seed %s, shrunk to %d ops:%n%s%n%n%s",
          cx.violation().rule().id(), r.programs(), cx.violation().message(),
          FuzzOptions.formatSeed(cx.seed()), cx.shrunk().size(), cx.ast(), cx.python());
    }
    s.check(r.programs() > 0, "no program ran (%s)", r.summary());
    System.out.println(r.summary());
  }
}
