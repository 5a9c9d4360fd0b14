package dev.jloop.matrix.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Several runs merged into one table: rows are scenarios grouped by area, columns are (run, loop)
 * pairs. Immutable; built by {@link MatrixMerger}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Matrix {
  private final List<Run> runs;
  private final List<Column> columns;
  private final Map<String, List<Scenario>> areas;
  private final Map<String, Scenario> scenarios;
  private final Map<String, Map<String, Result>> cells;
  private final List<String> warnings;

  Matrix(List<Run> runs, List<Column> columns, List<Scenario> scenarios,
      Map<String, Map<String, Result>> cellsByColumn, List<String> warnings) {
    this.runs = List.copyOf(runs);
    this.columns = List.copyOf(columns);
    Map<String, List<Scenario>> byArea = new LinkedHashMap<>();
    Map<String, Scenario> byId = new LinkedHashMap<>();
    for (Scenario s : scenarios) {
      byArea.computeIfAbsent(s.area(), a -> new ArrayList<>()).add(s);
      byId.put(s.id(), s);
    }
    byArea.replaceAll((a, list) -> List.copyOf(list));
    this.areas = Collections.unmodifiableMap(byArea);
    this.scenarios = Collections.unmodifiableMap(byId);
    Map<String, Map<String, Result>> copy = new HashMap<>();
    cellsByColumn.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    this.cells = Collections.unmodifiableMap(copy);
    this.warnings = List.copyOf(warnings);
  }

  /** The runs in the order they were given. */
  public List<Run> runs() {
    return runs;
  }

  /** The columns: loops in order of first appearance, each loop's runs in input order. */
  public List<Column> columns() {
    return columns;
  }

  /** Area names in order of first appearance. */
  public List<String> areas() {
    return List.copyOf(areas.keySet());
  }

  /** The scenarios of an area, in catalog order; empty for an unknown area. */
  public List<Scenario> scenarios(String area) {
    return areas.getOrDefault(area, List.of());
  }

  /** Every scenario, grouped by area, in catalog order. */
  public List<Scenario> scenarios() {
    return List.copyOf(scenarios.values());
  }

  /** The scenario with this id, or null. */
  public Scenario scenario(String id) {
    return scenarios.get(id);
  }

  /** The result of a scenario in a column, or null when that pair was not selected in the run. */
  public Result result(Scenario scenario, Column column) {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(column, "column");
    Map<String, Result> col = cells.get(column.key());
    return col == null ? null : col.get(scenario.id());
  }

  /** The columns of one loop id, in run order. */
  public List<Column> columnsOf(String loopId) {
    List<Column> out = new ArrayList<>();
    for (Column c : columns) {
      if (c.loop().id().equals(loopId)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Loop ids in column order, each once. */
  public List<String> loopIds() {
    List<String> ids = new ArrayList<>();
    for (Column c : columns) {
      if (!ids.contains(c.loop().id())) {
        ids.add(c.loop().id());
      }
    }
    return ids;
  }

  /** How many results the matrix holds. */
  public int resultCount() {
    int n = 0;
    for (Map<String, Result> col : cells.values()) {
      n += col.size();
    }
    return n;
  }

  /** Things people should know about the merge (e.g. a scenario defined differently by two runs). */
  public List<String> warnings() {
    return warnings;
  }
}
