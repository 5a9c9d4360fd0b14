package dev.jloop.fuzz.trace;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What one run of a program recorded, in recording order (one total order: events from worker
 * threads are appended under the same lock).
 *
 * @param loop the loop that ran it, e.g. {@code reference} or {@code cpython-asyncio}
 * @param clockResolution the loop clock's resolution in seconds: deadlines closer than this are
 *     equal (asyncio's {@code _clock_resolution}; 1 ms for uvloop)
 * @param events the events
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Trace(String loop, double clockResolution, List<Event> events) {
  /** @throws IllegalArgumentException if the resolution is negative or not finite */
  public Trace {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(events, "events");
    if (!(clockResolution >= 0) || Double.isInfinite(clockResolution)) {
      throw new IllegalArgumentException("clockResolution must be finite and >= 0, not " + clockResolution);
    }
    events = List.copyOf(events);
  }

  /** The events, one per line, numbered. */
  public String dump() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < events.size(); i++) {
      b.append(String.format("%4d ", i)).append(events.get(i)).append('\n');
    }
    return b.toString();
  }
}
