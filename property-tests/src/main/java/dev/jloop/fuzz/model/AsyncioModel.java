package dev.jloop.fuzz.model;

import dev.jloop.fuzz.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * asyncio's scheduling rules as an executable check of a trace ({@link Rule} lists them). It
 * assumes no timing beyond what asyncio promises: deadlines are compared within the trace's
 * clock resolution, and passes are counted by the interpreter's marker, never by elapsed time.
 * At {@link Level#REQUIRED} the STRICT rules are skipped (CPython's own loop breaks them).
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class AsyncioModel implements TraceModel {
  private final Level level;

  /** The model at {@code level}: REQUIRED rules only, or REQUIRED and STRICT. */
  public AsyncioModel(Level level) {
    this.level = Objects.requireNonNull(level, "level");
  }

  /** The level checked. */
  public Level level() {
    return level;
  }

  @Override
  public List<Violation> check(Trace trace) {
    Objects.requireNonNull(trace, "trace");
    TraceIndex x = new TraceIndex(trace);
    List<Violation> out = new ArrayList<>();
    CallbackChecks.check(x, out);
    TimerChecks.check(x, level == Level.STRICT, out);
    TaskChecks.check(x, out);
    LifecycleChecks.check(x, level == Level.STRICT, out);
    out.sort(Comparator.comparingInt((Violation v) -> v.rule().ordinal())
        .thenComparingInt(Violation::event));
    return out;
  }
}
