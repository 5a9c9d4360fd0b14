package dev.jloop.tck.scenario;

import dev.jloop.tck.Level;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Marks a method of an {@link Area} class as one TCK scenario: one rule, stated in one sentence,
 * checked against a fresh loop. The method takes a {@link ScenarioContext} and returns normally
 * when the loop follows the rule.
 *
 * <pre>{@code
 * @Scenario(id = "timers.equal-deadline-fifo", level = Level.STRICT, apis = "call_at",
 *     rule = "Timers with equal deadlines run in the order they were scheduled.",
 *     reference = "asyncio-eventloop: call_at")
 * void equalDeadlineFifo(ScenarioContext s) { ... }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Scenario {
  /** {@code area.slug}: the area id, a dot, then lowercase words joined by dashes. Never changes. */
  String id();

  /** How strongly asyncio binds a loop to the rule. */
  Level level() default Level.REQUIRED;

  /** The rule, one sentence ending with a period. */
  String rule();

  /**
   * The asyncio methods the scenario exercises, snake_case as asyncio spells them
   * ({@code call_at}, {@code Future.add_done_callback}). An {@link UnsupportedOperationException}
   * thrown from one of them makes the outcome NOT_IMPLEMENTED.
   */
  String[] apis();

  /**
   * Where the rule comes from: an asyncio documentation section ({@code asyncio-eventloop:
   * call_at}) or the CPython test it mirrors ({@code test_events.EventLoopTestsMixin.test_call_later}).
   */
  String reference();

  /** The time budget in seconds, before {@code jloop.tck.timeoutScale}. */
  double budget() default 5.0;
}
