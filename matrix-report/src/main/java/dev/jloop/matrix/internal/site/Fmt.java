package dev.jloop.matrix.internal.site;

import java.util.Locale;
import dev.jloop.matrix.model.Column;
import dev.jloop.matrix.model.Level;
import dev.jloop.matrix.model.Outcome;
import dev.jloop.matrix.model.Run;
import dev.jloop.matrix.model.Tally;
import dev.jloop.matrix.model.Tier;

/** Small pieces of markup and text that several pages share. */
final class Fmt {
  private Fmt() {}

  /** A duration for people: {@code 340 ms}, {@code 21.9 s}, {@code 3 min 5 s}. */
  static String duration(Long ms) {
    if (ms == null) {
      return "";
    }
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
  }

  /**
   * The first line of a result's message, with an ellipsis if more follows: a fuzz
   * counterexample carries its program on the lines after the diagnosis.
   */
  static String firstLine(String message) {
    String m = message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).stripTrailing() + " \u2026";
  }

  /** What tells a run apart in a column header: JDK, OS and coroutine backend. */
  static String runLabel(Run run) {
    StringBuilder b = new StringBuilder(run.info().host().jdk()).append(" \u00b7 ")
        .append(run.info().host().os());
    Object backend = run.info().config().get("coroutineBackend");
    if (backend != null) {
      b.append(" \u00b7 ").append(backend);
    }
    return b.toString();
  }

  /** A column for people: loop name, run id and run label. */
  static String columnTitle(Column c) {
    return c.loop().name() + " (" + c.run().id() + ": " + runLabel(c.run()) + ")";
  }

  /** The CSS class of a score: full, partial (at least 80%) or low. */
  static String tallyClass(Tally t) {
    return t.complete() ? "full" : t.ratio() >= 0.8 ? "partial" : "low";
  }

  /** A {@code 41/44} count with a small bar under it. */
  static Html tally(Tally t) {
    String pct = String.format(Locale.ROOT, "%.1f", 100 * t.ratio());
    return new Html().el("span", t.text(), "class", "count " + tallyClass(t),
            "title", t.passed() + " of " + t.total() + " passed")
        .open("span", "class", "meter " + tallyClass(t), "aria-hidden", "true")
        .open("span", "style", "width:" + pct + "%").close("span").close("span");
  }

  /** An outcome chip: colour, symbol and label. */
  static Html outcome(Outcome o) {
    return new Html().open("span", "class", "chip " + o.cssClass(), "data-outcome", o.name())
        .el("span", o.symbol(), "aria-hidden", "true").text(" " + o.name()).close("span");
  }

  /** A level badge. */
  static Html level(Level l) {
    return new Html().el("span", l.name(), "class", "lvl lvl-" + l.name().toLowerCase(Locale.ROOT));
  }

  /** A tier chip. */
  static Html tier(Tier t) {
    return new Html().el("span", t.title(), "class",
        "chip t-" + t.name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  /** The legend of outcome looks. */
  static Html legend() {
    Html h = new Html().open("ul", "class", "legend", "aria-label", "Outcomes");
    for (Outcome o : Outcome.values()) {
      h.open("li").append(outcome(o)).close("li");
    }
    return h.close("ul");
  }
}
