package dev.jloop.spi;

import dev.jloop.EventLoop;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A source of event loops, found with {@link java.util.ServiceLoader}: list the implementation
 * in {@code META-INF/services/dev.jloop.spi.LoopProvider}. The TCK, the fuzzer and the benchmarks
 * find loops only this way.
 *
 * <p>Implementations must be thread-safe: {@link #newLoop()} may be called from any thread.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface LoopProvider {
  /** A stable id: lowercase letters, digits and dashes, e.g. {@code reference}. */
  String id();

  /** A name for people, e.g. "jloop reference (NIO Selector)". */
  String displayName();

  /** The implementation's version. */
  String version();

  /** A new, not yet running loop. The caller closes it. */
  EventLoop newLoop();

  /**
   * asyncio method names (snake_case, e.g. {@code create_unix_server}) the loop knows it lacks.
   * Informational only: the TCK never trusts it and calls the API anyway.
   */
  default Set<String> declaredUnsupported() {
    return Set.of();
  }
}
