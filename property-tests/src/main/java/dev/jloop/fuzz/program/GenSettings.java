package dev.jloop.fuzz.program;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What the {@link ProgramGenerator} may produce.
 *
 * @param maxOps ops per program at most, nested ones included
 * @param maxDepth nesting depth at most (1 = no callback schedules another)
 * @param features the op families to draw from
 */
@API(status = API.Status.STABLE, since = "0.1")
public record GenSettings(int maxOps, int maxDepth, Set<Feature> features) {
  /** Op families, to narrow programs to what a loop implements or a test is about. */
  public enum Feature {
    /** call_later and call_at. */
    TIMERS,
    /** call_soon_threadsafe from worker threads. */
    THREADS,
    /** Futures, their done callbacks and completion. */
    FUTURES,
    /** Tasks: create, await, cancel, sleep. */
    TASKS,
    /** run_in_executor. */
    EXECUTOR,
    /** stop() and a new run_forever. */
    STOP,
    /** Handle.cancel(). */
    CANCEL
  }

  /** The defaults: up to 24 ops, nesting up to 3, every feature. */
  public static final GenSettings DEFAULT = new GenSettings(24, 3, EnumSet.allOf(Feature.class));

  /** @throws IllegalArgumentException if a limit is below 1 */
  public GenSettings {
    Objects.requireNonNull(features, "features");
    if (maxOps < 1 || maxDepth < 1) {
      throw new IllegalArgumentException("maxOps and maxDepth must be at least 1: " + maxOps + ", " + maxDepth);
    }
    features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
  }

  /** These settings with only {@code only} enabled (call_soon is always on). */
  public GenSettings withFeatures(Set<Feature> only) {
    return new GenSettings(maxOps, maxDepth, only);
  }

  /** Whether {@code f} is enabled. */
  public boolean has(Feature f) {
    return features.contains(f);
  }
}
