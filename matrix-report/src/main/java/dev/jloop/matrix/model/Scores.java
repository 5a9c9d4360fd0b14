package dev.jloop.matrix.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The counts the matrix shows. A score counts every result except {@link Outcome#SKIPPED} (a
 * skipped scenario did not apply to that run, e.g. Unix sockets on Windows); a scenario without a
 * result in a column is not counted in it either.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Scores {
  private Scores() {}

  /** Passed/total of the given scenarios in one column. */
  public static Tally of(Matrix matrix, List<Scenario> scenarios, Column column) {
    Objects.requireNonNull(matrix, "matrix");
    Objects.requireNonNull(scenarios, "scenarios");
    Objects.requireNonNull(column, "column");
    int passed = 0;
    int total = 0;
    for (Scenario s : scenarios) {
      Result r = matrix.result(s, column);
      if (r == null || r.outcome() == Outcome.SKIPPED) {
        continue;
      }
      total++;
      if (r.outcome() == Outcome.PASSED) {
        passed++;
      }
    }
    return new Tally(passed, total);
  }

  /** Passed/total of one area in one column: the {@code 41/44} of an area row. */
  public static Tally area(Matrix matrix, String area, Column column) {
    return of(matrix, matrix.scenarios(area), column);
  }

  /** Passed/total of one level in one column. */
  public static Tally level(Matrix matrix, Level level, Column column) {
    Objects.requireNonNull(level, "level");
    return of(matrix, matrix.scenarios().stream().filter(s -> s.level() == level).toList(), column);
  }

  /** How many results of each outcome a column holds; every outcome is a key. */
  public static Map<Outcome, Integer> outcomes(Matrix matrix, Column column) {
    Objects.requireNonNull(column, "column");
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      counts.put(o, 0);
    }
    for (Scenario s : matrix.scenarios()) {
      Result r = matrix.result(s, column);
      if (r != null) {
        counts.merge(r.outcome(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /**
   * A loop's REQUIRED score over all its runs, for its badge: a scenario counts as passed only if
   * it passed in every run that has a (non-skipped) result for it.
   */
  public static Tally requiredForLoop(Matrix matrix, String loopId) {
    Objects.requireNonNull(loopId, "loopId");
    List<Column> columns = matrix.columnsOf(loopId);
    int passed = 0;
    int total = 0;
    for (Scenario s : matrix.scenarios()) {
      if (s.level() != Level.REQUIRED) {
        continue;
      }
      boolean counted = false;
      boolean allPassed = true;
      for (Column c : columns) {
        Result r = matrix.result(s, c);
        if (r != null && r.outcome() != Outcome.SKIPPED) {
          counted = true;
          allPassed &= r.outcome() == Outcome.PASSED;
        }
      }
      if (counted) {
        total++;
        passed += allPassed ? 1 : 0;
      }
    }
    return new Tally(passed, total);
  }
}
