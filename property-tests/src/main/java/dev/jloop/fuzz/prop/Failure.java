package dev.jloop.fuzz.prop;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Why a value falsified a property. Shrinking keeps a candidate only if it fails with the same
 * {@code kind}, so a counterexample never drifts to a different bug while it shrinks.
 *
 * @param kind what broke, stable across runs (e.g. a rule id)
 * @param message what was observed, for people
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Failure(String kind, String message) {
  /** @throws NullPointerException if an argument is {@code null} */
  public Failure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
