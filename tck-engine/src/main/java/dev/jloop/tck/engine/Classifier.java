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
 *   <li>an {@link UnsupportedOperationException} out of a call the scenario made to one of its
 *       apis: NOT_IMPLEMENTED, naming that method; any other one is an ERROR, since a loop may
 *       not dodge a rule by throwing it from somewhere else;
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
      return error("loop `" + loopId + "`: close() threw " + ScenarioContext.describe(close)
          + " after scenario " + spec.id(), close);
    }
    return Verdict.passed(0);
  }

  private static Verdict classifyFailure(ScenarioSpec spec, String loopId, Throwable t) {
    Optional<Unimplemented> missing = unimplemented(t, spec.javaMethodNames(),
        spec.method().getDeclaringClass().getName());
    if (missing.isPresent()) {
      Unimplemented u = missing.get();
      String msg = "loop `" + loopId + "` does not implement " + u.entry()
          + spec.apiFor(u.entry().substring(u.entry().indexOf('.') + 1)).map(a -> " (asyncio " + a + ")").orElse("")
          + (u.thrower().equals(u.entry()) ? "" : ", through " + u.thrower())
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
   * If {@code t}'s cause chain holds an {@link UnsupportedOperationException} that came out of a
   * call the scenario made to one of {@code methodNames}: that method and the one that threw (they
   * differ when, say, {@code callLater} delegates to an unimplemented {@code callAt}). Scenario
   * code is the TCK's scenario packages and {@code areaClass} with its nested classes, so that a
   * contributed area's calls are recognised too.
   */
  static Optional<Unimplemented> unimplemented(Throwable t, Set<String> methodNames, String areaClass) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (!(c instanceof UnsupportedOperationException)) {
        continue;
      }
      StackTraceElement entry = null;
      StackTraceElement thrower = null;
      for (StackTraceElement e : c.getStackTrace()) {
        if (isScenarioCode(e.getClassName(), areaClass)) {
          break;
        }
        if (!isJdk(e.getClassName())) {
          entry = e;
          thrower = thrower == null ? e : thrower;
        }
      }
      if (entry != null && methodNames.contains(entry.getMethodName())) {
        return Optional.of(new Unimplemented(name(entry), name(thrower)));
      }
    }
    return Optional.empty();
  }

  /** The api method the scenario called, and the method that threw (often the same). */
  record Unimplemented(String entry, String thrower) {}

  private static String name(StackTraceElement e) {
    String cls = e.getClassName();
    return cls.substring(cls.lastIndexOf('.') + 1) + "." + e.getMethodName();
  }

  private static boolean isScenarioCode(String cls, String areaClass) {
    return cls.startsWith("dev.jloop.tck.scenario.") || cls.startsWith("dev.jloop.tck.scenarios.")
        || cls.equals(areaClass) || cls.startsWith(areaClass + "$");
  }

  private static boolean isJdk(String cls) {
    return cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.");
  }
}
