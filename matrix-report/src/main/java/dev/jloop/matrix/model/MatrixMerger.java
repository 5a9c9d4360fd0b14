package dev.jloop.matrix.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Merges runs (different loops, machines, JDKs, operating systems) into one {@link Matrix}.
 *
 * <p>Runs are renumbered {@code run1}, {@code run2}, ... in the order given. Scenarios are the
 * union of every run's catalog, in order of first appearance; when two runs define the same
 * scenario id differently (an older TCK, say), the first definition is kept and a warning names
 * both runs. A (run, loop) pair with no results does not become a column.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class MatrixMerger {
  private MatrixMerger() {}

  /**
   * Merges the runs.
   *
   * @param inputs at least one run; never null, no null elements
   * @return the merged matrix
   * @throws IllegalArgumentException when {@code inputs} is empty
   */
  public static Matrix merge(List<RunResults> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("inputs must hold at least one run");
    }
    List<Run> runs = new ArrayList<>();
    Map<String, Scenario> scenarios = new LinkedHashMap<>();
    Map<String, String> definedBy = new HashMap<>();
    Map<String, Map<String, Result>> cells = new HashMap<>();
    Map<String, List<Column>> columnsByLoop = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (RunResults input : inputs) {
      Objects.requireNonNull(input, "inputs element");
      Run run = input.run().withId("run" + (runs.size() + 1));
      runs.add(run);
      for (Scenario s : input.scenarios()) {
        Scenario known = scenarios.putIfAbsent(s.id(), s);
        if (known == null) {
          definedBy.put(s.id(), describe(run));
        } else if (!known.equals(s)) {
          warnings.add("scenario " + s.id() + " is defined differently by " + describe(run)
              + " than by " + definedBy.get(s.id()) + "; the matrix shows the latter");
        }
      }
      for (LoopInfo loop : run.loops()) {
        Column column = new Column(run, loop);
        Map<String, Result> col = new HashMap<>();
        for (Result r : input.results()) {
          if (r.loop().equals(loop.id())) {
            col.put(r.scenario(), r);
          }
        }
        if (!col.isEmpty()) {
          cells.put(column.key(), col);
          columnsByLoop.computeIfAbsent(loop.id(), k -> new ArrayList<>()).add(column);
        }
      }
    }
    List<Column> columns = new ArrayList<>();
    columnsByLoop.values().forEach(columns::addAll);
    List<Scenario> ordered = new ArrayList<>();
    Map<String, List<Scenario>> byArea = new LinkedHashMap<>();
    for (Scenario s : scenarios.values()) {
      byArea.computeIfAbsent(s.area(), a -> new ArrayList<>()).add(s);
    }
    byArea.values().forEach(ordered::addAll);
    return new Matrix(runs, columns, ordered, cells, warnings);
  }

  private static String describe(Run run) {
    return run.id() + " (" + run.source() + ")";
  }
}
