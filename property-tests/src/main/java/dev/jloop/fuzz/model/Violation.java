package dev.jloop.fuzz.model;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A trace broke a rule.
 *
 * @param rule the rule
 * @param message what happened, naming callbacks and trace event numbers ({@code #12})
 * @param event the trace event that shows it best, or -1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Violation(Rule rule, String message, int event) {
  /** @throws NullPointerException if {@code rule} or {@code message} is {@code null} */
  public Violation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return rule.id() + ": " + message;
  }
}
