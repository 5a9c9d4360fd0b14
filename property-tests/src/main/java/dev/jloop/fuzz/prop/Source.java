package dev.jloop.fuzz.prop;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * The randomness a {@link Gen} draws from: a {@link SplittableRandom} started from one seed, so
 * the same seed always yields the same value, on any JVM. Not thread-safe: one generation, one
 * thread.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Source {
  private final long seed;
  private final SplittableRandom random;

  /** A source whose draws are fixed by {@code seed}. */
  public Source(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /** The seed this source started from. */
  public long seed() {
    return seed;
  }

  /**
   * A uniform int in {@code [0, bound)}.
   *
   * @throws IllegalArgumentException if {@code bound <= 0}
   */
  public int below(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, not " + bound);
    }
    return random.nextInt(bound);
  }

  /**
   * A uniform int in {@code [min, max]}.
   *
   * @throws IllegalArgumentException if {@code max < min}
   */
  public int between(int min, int max) {
    if (max < min) {
      throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
    }
    return min + random.nextInt(max - min + 1);
  }

  /** A uniform double in {@code [0, 1)}. */
  public double unit() {
    return random.nextDouble();
  }

  /** {@code true} with probability {@code p} (clamped to [0, 1]). */
  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /**
   * One element of {@code choices}, uniformly.
   *
   * @throws IllegalArgumentException if {@code choices} is empty
   */
  public <T> T pick(List<? extends T> choices) {
    Objects.requireNonNull(choices, "choices");
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("nothing to pick from");
    }
    return choices.get(random.nextInt(choices.size()));
  }

  /**
   * An index {@code i} drawn with probability {@code weights[i] / sum(weights)}.
   *
   * @throws IllegalArgumentException if a weight is negative or all are zero
   */
  public int weighted(int... weights) {
    long total = 0;
    for (int w : weights) {
      if (w < 0) {
        throw new IllegalArgumentException("negative weight " + w);
      }
      total += w;
    }
    if (total == 0) {
      throw new IllegalArgumentException("all weights are zero");
    }
    long r = random.nextLong(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    throw new AssertionError("unreachable");
  }

  /** A fresh seed for a sub-generation (used to derive one seed per generated case). */
  public long nextSeed() {
    return random.nextLong();
  }
}
