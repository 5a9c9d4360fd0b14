package dev.jloop.matrix.model;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The content of one {@code results.json}: one run, its scenarios and its results.
 *
 * @param run the run; never null
 * @param scenarios the scenario catalog the run used, in file order; never null
 * @param results one per selected (loop, scenario) pair, in file order; never null
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RunResults(Run run, List<Scenario> scenarios, List<Result> results) {
  public RunResults {
    Objects.requireNonNull(run, "run");
    scenarios = List.copyOf(Objects.requireNonNull(scenarios, "scenarios"));
    results = List.copyOf(Objects.requireNonNull(results, "results"));
  }
}
