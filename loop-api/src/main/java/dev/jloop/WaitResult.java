package dev.jloop;

import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The {@code (done, pending)} pair that {@link Async#wait(java.util.Collection, Double,
 * ReturnWhen)} returns. Both sets are unmodifiable, hold each future once, and keep the order
 * in which the futures were given (asyncio returns plain sets, whose order is unspecified).
 *
 * @param done the futures that were done when the wait returned
 * @param pending the others
 * @param <F> the future type
 */
@API(status = API.Status.STABLE, since = "0.1")
public record WaitResult<F extends Future<?>>(Set<F> done, Set<F> pending) {
  /**
   * Copies both sets.
   *
   * @throws NullPointerException if either is {@code null}
   */
  public WaitResult {
    done = java.util.Collections.unmodifiableSet(
        new java.util.LinkedHashSet<>(Objects.requireNonNull(done, "done")));
    pending = java.util.Collections.unmodifiableSet(
        new java.util.LinkedHashSet<>(Objects.requireNonNull(pending, "pending")));
  }
}
