package dev.jloop.tck.engine;

import org.apiguardian.api.API;

/**
 * What JUnit reports for a scenario whose outcome is ERROR or TIMED_OUT: the loop did something
 * no rule expects, or did not finish in time. The message names the loop, the scenario and what
 * happened; the cause, if any, is the loop's exception. For TIMED_OUT the stack trace is the
 * scenario thread's at the moment it was cut off.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ScenarioError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ScenarioError(String message, Throwable cause) {
    super(message, cause);
  }
}
