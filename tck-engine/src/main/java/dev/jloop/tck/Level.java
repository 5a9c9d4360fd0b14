package dev.jloop.tck;

import org.apiguardian.api.API;

/** How strongly asyncio binds a loop to a scenario's rule. */
@API(status = API.Status.STABLE, since = "0.1")
public enum Level {
  /** asyncio guarantees it: CPython's asyncio and uvloop both behave this way. */
  REQUIRED,
  /**
   * Implementation-defined in asyncio, but promised by good loops and by jloop's API contract
   * (for example FIFO order for timers with equal deadlines).
   */
  STRICT,
  /** An API a loop may lack; a loop that throws {@link UnsupportedOperationException} is not wrong. */
  OPTIONAL;

  /** The JUnit tag of this level, e.g. {@code level:strict}. */
  public String tag() {
    return "level:" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
