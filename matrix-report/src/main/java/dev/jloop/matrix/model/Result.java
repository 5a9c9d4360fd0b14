package dev.jloop.matrix.model;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One (loop, scenario) outcome of one run. {@code message} and {@code detail} are untrusted text
 * from the loop under test.
 *
 * @param loop the loop id; never null
 * @param scenario the scenario id; never null
 * @param outcome never null
 * @param durationMs how long the scenario took, or null when unknown
 * @param message for people, or null: what was expected and observed (a failure), why it was
 *     skipped ({@link Outcome#SKIPPED} always has one), or, for {@link Outcome#PASSED}, an
 *     optional note of what was checked, e.g. "2345 programs passed (REQUIRED rules) in 5.0 s"
 * @param detail stack trace excerpt, thread dump or shrunk program, or null
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Result(String loop, String scenario, Outcome outcome, Long durationMs,
    String message, String detail) {
  public Result {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(outcome, "outcome");
  }
}
