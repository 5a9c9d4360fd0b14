package dev.jloop.matrix.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The three-tier summary by asyncio method, computed from results: a method is
 * {@link Tier#SUPPORTED} when every scenario naming it in {@code apis} passed,
 * {@link Tier#NOT_IMPLEMENTED} when every one reported NOT_IMPLEMENTED, and {@link Tier#PARTIAL}
 * otherwise. SKIPPED results are left out; a method left with no results is
 * {@link Tier#NOT_TESTED}. Over several columns (one loop's runs) all their results count.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ApiTiers {
  private ApiTiers() {}

  /** Every asyncio method named by some scenario, sorted. */
  public static List<String> methods(Matrix matrix) {
    TreeSet<String> names = new TreeSet<>();
    for (Scenario s : matrix.scenarios()) {
      names.addAll(s.apis());
    }
    return new ArrayList<>(names);
  }

  /** The tier of every method ({@link #methods}) over the given columns, sorted by method. */
  public static Map<String, Tier> of(Matrix matrix, List<Column> columns) {
    Objects.requireNonNull(matrix, "matrix");
    Objects.requireNonNull(columns, "columns");
    Map<String, Tier> tiers = new TreeMap<>();
    for (String method : methods(matrix)) {
      tiers.put(method, tier(matrix, method, columns));
    }
    return tiers;
  }

  /** The tier of one method over the given columns. */
  public static Tier tier(Matrix matrix, String method, List<Column> columns) {
    Objects.requireNonNull(method, "method");
    int counted = 0;
    int passed = 0;
    int missing = 0;
    for (Scenario s : matrix.scenarios()) {
      if (!s.apis().contains(method)) {
        continue;
      }
      for (Column c : columns) {
        Result r = matrix.result(s, c);
        if (r == null || r.outcome() == Outcome.SKIPPED) {
          continue;
        }
        counted++;
        if (r.outcome() == Outcome.PASSED) {
          passed++;
        } else if (r.outcome() == Outcome.NOT_IMPLEMENTED) {
          missing++;
        }
      }
    }
    if (counted == 0) {
      return Tier.NOT_TESTED;
    }
    if (passed == counted) {
      return Tier.SUPPORTED;
    }
    return missing == counted ? Tier.NOT_IMPLEMENTED : Tier.PARTIAL;
  }
}
