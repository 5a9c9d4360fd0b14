package dev.jloop.fuzz.model;

import dev.jloop.fuzz.trace.Trace;
import java.util.List;
import org.apiguardian.api.API;

/** Judges a trace: the rules it broke, empty if none. */
@API(status = API.Status.STABLE, since = "0.1")
@FunctionalInterface
public interface TraceModel {
  /** The violations in {@code trace}, most important rule first. */
  List<Violation> check(Trace trace);
}
