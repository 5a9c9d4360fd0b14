package dev.jloop.fuzz.prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Generates values from a {@link Source}. A generator must be a pure function of the source's
 * draws, so a seed reproduces the value exactly.
 *
 * @param <T> the generated type
 */
@API(status = API.Status.STABLE, since = "0.1")
@FunctionalInterface
public interface Gen<T> {
  /** A value drawn from {@code source}. */
  T generate(Source source);

  /** The value {@link #generate} makes from a fresh source seeded with {@code seed}. */
  default T fromSeed(long seed) {
    return generate(new Source(seed));
  }

  /** This generator's values passed through {@code f}. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    Objects.requireNonNull(f, "f");
    return s -> f.apply(generate(s));
  }

  /** Ints uniform in {@code [min, max]}. */
  static Gen<Integer> ints(int min, int max) {
    if (max < min) {
      throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
    }
    return s -> s.between(min, max);
  }

  /**
   * Lists of {@code min} to {@code max} elements from {@code element}.
   *
   * @throws IllegalArgumentException if {@code min < 0} or {@code max < min}
   */
  static <T> Gen<List<T>> lists(Gen<? extends T> element, int min, int max) {
    Objects.requireNonNull(element, "element");
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("bad size range [" + min + ", " + max + "]");
    }
    return s -> {
      int n = s.between(min, max);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(element.generate(s));
      }
      return List.copyOf(out);
    };
  }
}
