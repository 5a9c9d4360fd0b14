package dev.jloop.matrix.model;

import org.apiguardian.api.API;

/**
 * The outcome of one scenario on one loop, as written in {@code results.json}.
 *
 * <p>Each outcome has a symbol and a short label so the matrix never relies on colour alone.
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum Outcome {
  /** The loop obeyed the rule. */
  PASSED("\u2713", "pass"),
  /** The loop broke the rule; the message says what was expected and what was observed. */
  FAILED("\u2717", "fail"),
  /** The loop threw {@code UnsupportedOperationException} from one of the scenario's apis. */
  NOT_IMPLEMENTED("\u2205", "n/i"),
  /** The scenario was cut at its time budget; the detail holds a thread dump. */
  TIMED_OUT("\u25F7", "timeout"),
  /** Something unexpected was thrown. */
  ERROR("!", "error"),
  /** The loop closed but left channels or threads behind. */
  LEAKED("\u25CC", "leak"),
  /** The scenario did not run here; the message always gives the reason. */
  SKIPPED("\u21B7", "skip");

  private final String symbol;
  private final String label;

  Outcome(String symbol, String label) {
    this.symbol = symbol;
    this.label = label;
  }

  /** A one-character symbol shown next to the colour; never null. */
  public String symbol() {
    return symbol;
  }

  /** A short lowercase label such as {@code "n/i"}; never null. */
  public String label() {
    return label;
  }

  /** The CSS class name used for this outcome, e.g. {@code "o-not-implemented"}. */
  public String cssClass() {
    return "o-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
