package dev.jloop.fuzz.prop;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * Checks a property on generated values until a budget is spent or a value fails, then shrinks
 * the failing value. Every value is generated from its own seed, drawn from the master seed, so
 * a reported seed regenerates that one value ({@link Settings#replay}).
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class PropertyRunner {
  private PropertyRunner() {}

  /**
   * How many values to try.
   *
   * @param maxCases at most this many values
   * @param maxTime stop generating new values after this long (a running check is not cut)
   */
  public record Budget(int maxCases, Duration maxTime) {
    /** @throws IllegalArgumentException if a limit is negative */
    public Budget {
      Objects.requireNonNull(maxTime, "maxTime");
      if (maxCases < 0 || maxTime.isNegative()) {
        throw new IllegalArgumentException("budget must not be negative: " + maxCases + ", " + maxTime);
      }
    }
  }

  /**
   * A run's settings.
   *
   * @param masterSeed where the per-value seeds come from
   * @param replay if present, the one seed to check instead of drawing from the master seed
   * @param budget how many values to try
   * @param shrink how much shrinking may cost
   */
  public record Settings(long masterSeed, OptionalLong replay, Budget budget, Minimizer.Limits shrink) {
    /** @throws NullPointerException if an argument is {@code null} */
    public Settings {
      Objects.requireNonNull(replay, "replay");
      Objects.requireNonNull(budget, "budget");
      Objects.requireNonNull(shrink, "shrink");
    }
  }

  /**
   * A value that failed, as generated and as shrunk.
   *
   * @param seed the seed that generates {@code original}
   * @param original the generated value
   * @param originalFailure how it failed
   * @param shrunk the shrinking outcome
   */
  public record Counterexample<T>(
      long seed, T original, Failure originalFailure, Minimizer.Result<T> shrunk) {}

  /**
   * The outcome of a run.
   *
   * @param cases values checked (the failing one included)
   * @param elapsed wall time, shrinking included
   * @param counterexample the failure, if a value failed
   */
  public record Result<T>(int cases, Duration elapsed, Optional<Counterexample<T>> counterexample) {
    /** Whether every value passed. */
    public boolean passed() {
      return counterexample.isEmpty();
    }
  }

  /**
   * Runs {@code property} on values of {@code gen}; shrinks a failure with {@code phases}.
   *
   * @throws NullPointerException if an argument is {@code null}
   */
  public static <T> Result<T> run(Gen<T> gen, Property<T> property, List<Shrinker<T>> phases,
      Settings settings) {
    Objects.requireNonNull(gen, "gen");
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(phases, "phases");
    Objects.requireNonNull(settings, "settings");
    long start = System.nanoTime();
    long stopAt = start + settings.budget().maxTime().toNanos();
    Source seeds = new Source(settings.masterSeed());
    int cases = 0;
    while (cases < settings.budget().maxCases() && System.nanoTime() - stopAt < 0) {
      long seed = settings.replay().isPresent() ? settings.replay().getAsLong() : seeds.nextSeed();
      T value = gen.fromSeed(seed);
      cases++;
      Optional<Failure> failure = property.check(value);
      if (failure.isPresent()) {
        Minimizer.Result<T> shrunk =
            Minimizer.minimize(value, failure.get(), phases, property, settings.shrink());
        return new Result<>(cases, Duration.ofNanos(System.nanoTime() - start),
            Optional.of(new Counterexample<>(seed, value, failure.get(), shrunk)));
      }
      if (settings.replay().isPresent()) {
        break;
      }
    }
    return new Result<>(cases, Duration.ofNanos(System.nanoTime() - start), Optional.empty());
  }
}
