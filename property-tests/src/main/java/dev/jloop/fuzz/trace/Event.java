package dev.jloop.fuzz.trace;

import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One entry of a {@link Trace}, recorded by an interpreter (Java or Python) while a program runs.
 *
 * @param kind what happened (see {@link Kind} for the fields each kind uses)
 * @param id the callback, task or segment the event is about
 * @param ref a second id: a future, an awaited task or job
 * @param pass the pass number (marker count) when recorded; -1 off the loop thread
 * @param time {@code loop.time()} when recorded
 * @param value a delay, deadline or sleep
 * @param loopThread whether it was recorded on the thread running the loop (or a task body
 *     holding it)
 * @param depth how many interpreter callbacks or task bodies were running on the loop when it
 *     was recorded; -1 off the loop thread
 * @param note a word or two: outcome, state, call
 * @param flag a yes/no detail
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Event(Kind kind, int id, int ref, int pass, double time, double value,
    boolean loopThread, int depth, String note, boolean flag) {
  /** @throws NullPointerException if {@code kind} or {@code note} is {@code null} */
  public Event {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(note, "note");
  }

  /** The event in one line, e.g. {@code run cb3 pass=4 t=0.0123 depth=0}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(kind.code());
    if (id >= 0) {
      b.append(' ').append(id);
    }
    if (ref >= 0) {
      b.append(" ref=").append(ref);
    }
    if (!note.isEmpty()) {
      b.append(' ').append(note);
    }
    if (value != 0) {
      b.append(String.format(Locale.ROOT, " v=%.4f", value));
    }
    b.append(" pass=").append(pass).append(String.format(Locale.ROOT, " t=%.4f", time));
    if (depth > 0) {
      b.append(" depth=").append(depth);
    }
    if (!loopThread) {
      b.append(" off-loop");
    }
    if (flag) {
      b.append(" flag");
    }
    return b.toString();
  }
}
