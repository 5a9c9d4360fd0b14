package dev.jloop.matrix.model;

import org.apiguardian.api.API;

/** How binding a scenario's rule is (see ARCHITECTURE.md, "tck-engine"). */
@API(status = API.Status.STABLE, since = "0.1")
public enum Level {
  /** asyncio guarantees it: CPython's asyncio and uvloop both behave this way. */
  REQUIRED,
  /** Implementation-defined in asyncio but promised by good loops (e.g. FIFO for equal deadlines). */
  STRICT,
  /** An API a loop may lack. */
  OPTIONAL
}
