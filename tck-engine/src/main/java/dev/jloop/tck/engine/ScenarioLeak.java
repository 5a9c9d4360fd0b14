package dev.jloop.tck.engine;

import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;

/**
 * What JUnit reports for a scenario whose outcome is LEAKED: the loop followed the rule but left
 * file descriptors or threads behind after it was closed.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ScenarioLeak extends AssertionFailedError {
  private static final long serialVersionUID = 1L;

  ScenarioLeak(String message) {
    super(message);
  }
}
