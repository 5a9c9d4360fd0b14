package dev.jloop.fuzz.prop;

import java.util.Objects;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Proposes simpler variants of a failing value, simplest (or most promising) first. The
 * {@link Minimizer} keeps the first candidate that still fails the same way and asks again, so a
 * shrinker never needs to be complete, only lazy: candidates are produced as the stream is read.
 *
 * @param <T> the shrunk type
 */
@API(status = API.Status.STABLE, since = "0.1")
@FunctionalInterface
public interface Shrinker<T> {
  /** Simpler variants of {@code value}; never {@code value} itself. */
  Stream<T> candidates(T value);

  /** A shrinker that proposes nothing. */
  static <T> Shrinker<T> none() {
    return v -> Stream.empty();
  }

  /** This shrinker's candidates, then {@code next}'s. */
  default Shrinker<T> then(Shrinker<T> next) {
    Objects.requireNonNull(next, "next");
    return v -> Stream.concat(candidates(v), Stream.of(v).flatMap(next::candidates));
  }
}
