package dev.jloop.tck.engine;

import dev.jloop.tck.catalog.Contributions;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/**
 * A contributed area that could not be used ({@link Contributions.Problem}): a test
 * {@code [contribution:<provider>/<area>]} that fails with the reason, sourced from the provider's
 * class, so that the build reports it while every other area runs.
 */
final class ContributionDescriptor extends AbstractTestDescriptor {
  static final String SEGMENT = "contribution";

  private final Contributions.Problem problem;

  ContributionDescriptor(UniqueId engineId, Contributions.Problem problem, int index) {
    super(engineId.append(SEGMENT, problem.provider() + "/" + (problem.area() == null ? "" : problem.area())
            + (index == 0 ? "" : "#" + index)),
        problem.area() == null ? "area provider " + problem.provider()
            : "contributed area " + problem.area() + " (" + problem.provider() + ")",
        ClassSource.from(problem.provider()));
    this.problem = problem;
  }

  Contributions.Problem problem() {
    return problem;
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }
}
