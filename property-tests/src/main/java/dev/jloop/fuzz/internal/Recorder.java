package dev.jloop.fuzz.internal;

import dev.jloop.fuzz.trace.Event;
import dev.jloop.fuzz.trace.Kind;
import java.util.ArrayList;
import java.util.List;

/** The events of one run, appended from any thread in one total order; counts progress for the watchdog. */
final class Recorder {
  private final List<Event> events = new ArrayList<>();
  private volatile int progress;

  synchronized void add(Event e) {
    events.add(e);
    if (e.kind() != Kind.MARK) {
      progress++;
    }
  }

  /** Events other than pass markers recorded so far. */
  int progress() {
    return progress;
  }

  synchronized List<Event> snapshot() {
    return List.copyOf(events);
  }
}
