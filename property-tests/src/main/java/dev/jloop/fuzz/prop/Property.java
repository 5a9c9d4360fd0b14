package dev.jloop.fuzz.prop;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A claim about every generated value: empty when {@code value} satisfies it, else why not.
 * Exceptions thrown by {@link #check} are not caught by the runner: they abort the run.
 *
 * @param <T> the checked type
 */
@API(status = API.Status.STABLE, since = "0.1")
@FunctionalInterface
public interface Property<T> {
  /** Checks {@code value}. */
  Optional<Failure> check(T value);
}
