package dev.jloop.fuzz.prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/** Shrinkers for lists and numbers, the building blocks of a value's shrinker. */
@API(status = API.Status.STABLE, since = "0.1")
public final class Shrinkers {
  private Shrinkers() {}

  /**
   * Removes elements, delta-debugging style: first chunks of half the list, then of a quarter,
   * and so on down to single elements. A failure that needs two elements of a long list is found
   * in a number of attempts close to the list's length's logarithm per removed chunk.
   */
  public static <E> Shrinker<List<E>> removals() {
    return list -> {
      int n = list.size();
      if (n == 0) {
        return Stream.empty();
      }
      List<Integer> sizes = new ArrayList<>();
      for (int k = (n + 1) / 2; ; k = (k + 1) / 2) {
        sizes.add(k);
        if (k == 1) {
          break;
        }
      }
      return sizes.stream().flatMap(k -> IntStream.iterate(0, start -> start < n, start -> start + k)
          .mapToObj(start -> without(list, start, Math.min(n, start + k))));
    };
  }

  /** Replaces one element at a time by each of {@code element}'s candidates for it. */
  public static <E> Shrinker<List<E>> elements(Shrinker<E> element) {
    Objects.requireNonNull(element, "element");
    return list -> IntStream.range(0, list.size()).boxed()
        .flatMap(i -> element.candidates(list.get(i)).map(c -> replaced(list, i, List.of(c))));
  }

  /**
   * Replaces one element at a time by each of the lists {@code expand} proposes for it: the way
   * to flatten nesting (an element replaced by its children) or to split an element in two.
   */
  public static <E> Shrinker<List<E>> splices(Function<? super E, Stream<List<E>>> expand) {
    Objects.requireNonNull(expand, "expand");
    return list -> IntStream.range(0, list.size()).boxed()
        .flatMap(i -> expand.apply(list.get(i)).map(r -> replaced(list, i, r)));
  }

  /**
   * Doubles moved toward simpler values: each of {@code targets} closer to zero than the value
   * (in the given order), then the value rounded to three decimals.
   */
  public static Shrinker<Double> toward(double... targets) {
    double[] ts = targets.clone();
    return v -> {
      List<Double> out = new ArrayList<>();
      for (double t : ts) {
        if (Math.abs(t) < Math.abs(v) && !out.contains(t)) {
          out.add(t);
        }
      }
      double rounded = Math.round(v * 1000) / 1000.0;
      if (rounded != v && !out.contains(rounded)) {
        out.add(rounded);
      }
      return out.stream();
    };
  }

  /** Ints moved toward zero: 0, then half the value, then one step closer. */
  public static Shrinker<Integer> towardZero() {
    return v -> Stream.of(0, v / 2, v - Integer.signum(v)).filter(c -> Math.abs(c) < Math.abs(v)).distinct();
  }

  private static <E> List<E> without(List<E> list, int from, int to) {
    List<E> out = new ArrayList<>(list.size() - (to - from));
    out.addAll(list.subList(0, from));
    out.addAll(list.subList(to, list.size()));
    return List.copyOf(out);
  }

  private static <E> List<E> replaced(List<E> list, int index, List<E> with) {
    List<E> out = new ArrayList<>(list.size() - 1 + with.size());
    out.addAll(list.subList(0, index));
    out.addAll(with);
    out.addAll(list.subList(index + 1, list.size()));
    return List.copyOf(out);
  }
}
