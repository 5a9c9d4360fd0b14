package dev.jloop.fuzz.model;

import org.apiguardian.api.API;

/** How strongly asyncio binds a loop to a {@link Rule}: the TCK's levels, for the fuzzing model. */
@API(status = API.Status.STABLE, since = "0.1")
public enum Level {
  /** asyncio guarantees it: CPython's asyncio and uvloop both behave that way. */
  REQUIRED,
  /** asyncio leaves it undefined, jloop's loops promise it (e.g. FIFO for equal deadlines). */
  STRICT
}
