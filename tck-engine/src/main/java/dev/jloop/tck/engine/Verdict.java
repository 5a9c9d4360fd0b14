package dev.jloop.tck.engine;

import dev.jloop.tck.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The outcome of one scenario on one loop, with its message and detail for {@code results.json}
 * and the throwable JUnit reports. A PASSED verdict's message is the scenario's note, or null.
 */
record Verdict(Outcome outcome, String message, String detail, Throwable error, long durationMs) {
  private static final int DETAIL_LINES = 40;

  static Verdict passed(long ms) {
    return new Verdict(Outcome.PASSED, null, null, null, ms);
  }

  Verdict withDuration(long ms) {
    return new Verdict(outcome, message, detail, error, ms);
  }

  /** This verdict with {@code message}: for PASSED, the scenario's note. */
  Verdict withMessage(String message) {
    return new Verdict(outcome, message, detail, error, durationMs);
  }

  /** The first {@value #DETAIL_LINES} lines of {@code t}'s stack trace, causes included. */
  static String excerpt(Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    String[] lines = sw.toString().split("\n");
    if (lines.length <= DETAIL_LINES) {
      return sw.toString().stripTrailing();
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < DETAIL_LINES; i++) {
      sb.append(lines[i].stripTrailing()).append('\n');
    }
    return sb.append("\t... ").append(lines.length - DETAIL_LINES).append(" more lines").toString();
  }
}
