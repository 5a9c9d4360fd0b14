package dev.jloop.tck.engine;

import dev.jloop.tck.Outcome;
import dev.jloop.tck.catalog.ScenarioSpec;
import dev.jloop.tck.scenario.ScenarioContext;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a scenario thread observed into a {@link Verdict}.
 *
 * <ul>
 *   <li>the provider could not create the loop: ERROR;
 *   <li>an {@link UnsupportedOperationException} whose topmost frame outside the JDK is one of the
 *       scenario's apis: NOT_IMPLEMENTED, naming that method; any other one is an ERROR, since a
 *       loop may not dodge a rule by throwing it from somewhere else;
 *   <li>an {@link AssertionError} (a broken rule): FAILED;
 *   <li>anything else, or {@code close()} throwing: ERROR.
 * </ul>
 */
final class Classifier {
  private Classifier() {}

  static Verdict classify(ScenarioSpec spec, String loopId, Throwable creation, Throwable failure,
      Throwable close) {
    if (creation != null) {
      String msg = "loop `" + loopId + "`: the provider could not create a loop: "
          + ScenarioContext.describe(creation);
      return error(msg, creation);
    }
    if (failure != null) {
      return classifyFailure(spec, loopId, failure);
    }
    if (close != null) {
      if (unimplemented(close, Set.of("close")).isPresent()) {
        return error("loop `" + loopId + "`: close() is not implemented (it is not optional)", close);
      }
      return error("loop `" + loopId + "`: close() threw " + ScenarioContext.describe(close)
          + " after scenario " + spec.id(), close);
    }
    return Verdict.passed(0);
  }

  private static Verdict classifyFailure(ScenarioSpec spec, String loopId, Throwable t) {
    Optional<String> method = unimplemented(t, spec.javaMethodNames());
    if (method.isPresent()) {
      String javaName = method.get().substring(method.get().indexOf('.') + 1);
      String msg = "loop `" + loopId + "` does not implement " + method.get()
          + spec.apiFor(javaName).map(a -> " (asyncio " + a + ")").orElse("")
          + ": it threw UnsupportedOperationException" + (t.getMessage() == null ? "" : " \"" + t.getMessage() + "\"")
          + "; scenario " + spec.id() + " (" + spec.level() + ") needs it";
      return new Verdict(Outcome.NOT_IMPLEMENTED, msg, null, t, 0);
    }
    if (t instanceof AssertionError) {
      String msg = t.getMessage() != null && t.getMessage().startsWith("loop `")
          ? t.getMessage()
          : "loop `" + loopId + "`: " + ScenarioContext.describe(t) + ". Rule " + spec.id() + ": " + spec.rule();
      return new Verdict(Outcome.FAILED, msg, Verdict.excerpt(t), t, 0);
    }
    String msg = "loop `" + loopId + "`: unexpected " + ScenarioContext.describe(t)
        + " in scenario " + spec.id() + " (" + spec.rule() + ")";
    return error(msg, t);
  }

  private static Verdict error(String msg, Throwable cause) {
    return new Verdict(Outcome.ERROR, msg, Verdict.excerpt(cause), new ScenarioError(msg, cause), 0);
  }

  /**
   * The {@code Class.method} that threw an {@link UnsupportedOperationException} in {@code t}'s
   * cause chain, if its topmost frame outside the JDK is one of {@code methodNames} (and not the
   * scenario's own code).
   */
  static Optional<String> unimplemented(Throwable t, Set<String> methodNames) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UnsupportedOperationException) {
        for (StackTraceElement e : c.getStackTrace()) {
          String cls = e.getClassName();
          if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")) {
            continue;
          }
          boolean scenarioCode = cls.startsWith("dev.jloop.tck.scenario.") || cls.startsWith("dev.jloop.tck.scenarios.");
          if (!scenarioCode && methodNames.contains(e.getMethodName())) {
            return Optional.of(cls.substring(cls.lastIndexOf('.') + 1) + "." + e.getMethodName());
          }
          break;
        }
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return Optional.empty();
  }
}
