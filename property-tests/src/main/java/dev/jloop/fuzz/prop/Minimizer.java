package dev.jloop.fuzz.prop;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Greedy shrinking in phases: each phase's shrinker is asked for candidates, the first candidate
 * that still fails with the same {@link Failure#kind()} replaces the value, and the phase starts
 * over from it; when no candidate of a phase fails, the next phase runs. The phases repeat while
 * any of them made progress (a simplification may allow a new removal). Candidates already seen
 * to pass are not run again.
 *
 * <p>Each accepted candidate must be simpler than the value it replaces, or shrinking could
 * cycle; the attempt and time limits bound it anyway.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Minimizer {
  private Minimizer() {}

  /**
   * How much shrinking may cost.
   *
   * @param maxAttempts candidates checked at most
   * @param maxTime wall time at most
   */
  public record Limits(int maxAttempts, Duration maxTime) {
    /** @throws IllegalArgumentException if a limit is negative */
    public Limits {
      Objects.requireNonNull(maxTime, "maxTime");
      if (maxAttempts < 0 || maxTime.isNegative()) {
        throw new IllegalArgumentException("limits must not be negative: " + maxAttempts + ", " + maxTime);
      }
    }
  }

  /**
   * The outcome of shrinking.
   *
   * @param value the smallest failing value found
   * @param failure how it fails
   * @param steps accepted candidates
   * @param attempts candidates checked
   * @param complete whether shrinking ended because nothing simpler failed (not on a limit)
   */
  public record Result<T>(T value, Failure failure, int steps, int attempts, boolean complete) {}

  /**
   * Shrinks {@code failing}, which fails {@code property} with {@code failure}.
   *
   * @throws NullPointerException if an argument is {@code null}
   */
  public static <T> Result<T> minimize(T failing, Failure failure, List<Shrinker<T>> phases,
      Property<T> property, Limits limits) {
    Objects.requireNonNull(failing, "failing");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(phases, "phases");
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(limits, "limits");
    long deadline = System.nanoTime() + limits.maxTime().toNanos();
    Set<T> passed = new HashSet<>();
    T current = failing;
    Failure currentFailure = failure;
    int steps = 0;
    int attempts = 0;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Shrinker<T> phase : phases) {
        while (true) {
          boolean accepted = false;
          Iterator<T> it = phase.candidates(current).iterator();
          while (it.hasNext()) {
            if (attempts >= limits.maxAttempts() || System.nanoTime() - deadline > 0) {
              return new Result<>(current, currentFailure, steps, attempts, false);
            }
            T candidate = it.next();
            if (candidate.equals(current) || passed.contains(candidate)) {
              continue;
            }
            attempts++;
            Optional<Failure> f = property.check(candidate);
            if (f.isPresent() && f.get().kind().equals(failure.kind())) {
              current = candidate;
              currentFailure = f.get();
              steps++;
              accepted = true;
              progress = true;
              break;
            }
            passed.add(candidate);
          }
          if (!accepted) {
            break;
          }
        }
      }
      if (phases.size() < 2) {
        break;
      }
    }
    return new Result<>(current, currentFailure, steps, attempts, true);
  }
}
