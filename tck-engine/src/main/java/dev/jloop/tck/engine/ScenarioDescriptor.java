package dev.jloop.tck.engine;

import dev.jloop.tck.catalog.ScenarioSpec;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * One scenario for one loop: {@code [scenario:<id>]}, sourced from its method and tagged with
 * its level ({@code level:strict}) and area ({@code area:timers}).
 */
final class ScenarioDescriptor extends AbstractTestDescriptor {
  static final String SEGMENT = "scenario";

  private final ScenarioSpec spec;
  private final String loopId;
  private final Set<TestTag> tags;

  ScenarioDescriptor(UniqueId id, ScenarioSpec spec, String loopId) {
    super(id, spec.id(), MethodSource.from(spec.method()));
    this.spec = spec;
    this.loopId = loopId;
    this.tags = Set.of(TestTag.create(spec.level().tag()), TestTag.create("area:" + spec.area()));
  }

  ScenarioSpec spec() {
    return spec;
  }

  String loopId() {
    return loopId;
  }

  @Override
  public Set<TestTag> getTags() {
    return tags;
  }

  /** Reports name the loop too, so that two loops' results never collide. */
  @Override
  public String getLegacyReportingName() {
    return spec.id() + " [" + loopId + "]";
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }
}
