package dev.jloop.tck.engine;

import dev.jloop.tck.catalog.Contributions;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/**
 * An area provider some of whose contributions could not be used: a container
 * {@code [contribution:<provider>]}, sourced from the provider's class, holding one failing
 * {@link Problem} test per {@link Contributions.Problem}, so that build tools count and show each
 * one (Surefire reports tests only under a container with a class source) while every other area
 * runs.
 */
final class ContributionDescriptor extends AbstractTestDescriptor {
  static final String SEGMENT = "contribution";

  ContributionDescriptor(UniqueId engineId, String provider) {
    super(engineId.append(SEGMENT, provider), "area provider " + provider, ClassSource.from(provider));
  }

  /** Adds {@code problem} as a failing test. */
  void add(Contributions.Problem problem) {
    String name = problem.area() == null ? "areas" : "area " + problem.area();
    int n = 0;
    for (var child : getChildren()) {
      n += child.getDisplayName().equals(name) || child.getDisplayName().startsWith(name + " #") ? 1 : 0;
    }
    String unique = n == 0 ? name : name + " #" + (n + 1);
    addChild(new Problem(getUniqueId().append(Problem.SEGMENT, unique), unique, problem));
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  /** One contribution left out: {@code [problem:area <id>]}, failing with the reason. */
  static final class Problem extends AbstractTestDescriptor {
    static final String SEGMENT = "problem";

    private final Contributions.Problem problem;

    Problem(UniqueId id, String name, Contributions.Problem problem) {
      super(id, name, ClassSource.from(problem.provider()));
      this.problem = problem;
    }

    Contributions.Problem problem() {
      return problem;
    }

    /** Reports name the provider too, as scenarios name their loop. */
    @Override
    public String getLegacyReportingName() {
      return getDisplayName() + " [" + problem.provider() + "]";
    }

    @Override
    public Type getType() {
      return Type.TEST;
    }
  }
}
