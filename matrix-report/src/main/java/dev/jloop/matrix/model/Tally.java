package dev.jloop.matrix.model;

import org.apiguardian.api.API;

/**
 * A score such as {@code 41/44}: how many of the counted results passed.
 *
 * @param passed results that are {@link Outcome#PASSED}, never negative
 * @param total counted results, never below {@code passed}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Tally(int passed, int total) {
  public Tally {
    if (passed < 0 || total < passed) {
      throw new IllegalArgumentException("need 0 <= passed <= total, got " + passed + "/" + total);
    }
  }

  /** {@code "passed/total"}. */
  public String text() {
    return passed + "/" + total;
  }

  /** True when every counted result passed (also when nothing was counted). */
  public boolean complete() {
    return passed == total;
  }

  /** Passed as a share of total in [0, 1]; 1 when nothing was counted. */
  public double ratio() {
    return total == 0 ? 1.0 : (double) passed / total;
  }
}
