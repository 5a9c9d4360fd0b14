package dev.jloop.tck.scenario;

import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;

/**
 * A loop broke a scenario's rule. The message names the loop, what was observed against what
 * was expected, and the rule; IDEs show the expected and observed values side by side when both
 * are given.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioFailure extends AssertionFailedError {
  private static final long serialVersionUID = 1L;

  ScenarioFailure(String message) {
    super(message);
  }

  ScenarioFailure(String message, Object expected, Object observed) {
    super(message, expected, observed);
  }
}
