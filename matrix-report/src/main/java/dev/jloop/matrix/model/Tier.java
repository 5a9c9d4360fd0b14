package dev.jloop.matrix.model;

import org.apiguardian.api.API;

/** How well a loop supports one asyncio method, derived from results by {@link ApiTiers}. */
@API(status = API.Status.STABLE, since = "0.1")
public enum Tier {
  /** Every scenario naming the method passed. */
  SUPPORTED("Supported"),
  /** Some scenarios naming the method passed or failed, not all passed and not all unimplemented. */
  PARTIAL("Partial"),
  /** Every scenario naming the method reported NOT_IMPLEMENTED. */
  NOT_IMPLEMENTED("Not implemented"),
  /** No scenario naming the method ran for this loop (none selected, or all skipped). */
  NOT_TESTED("Not tested");

  private final String title;

  Tier(String title) {
    this.title = title;
  }

  /** The heading people see, e.g. {@code "Not implemented"}. */
  public String title() {
    return title;
  }
}
