package dev.jloop.tck.engine;

import dev.jloop.tck.catalog.AreaSpec;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/** One area for one loop: {@code [area:<id>]}, sourced from the area's class. */
final class AreaDescriptor extends AbstractTestDescriptor {
  static final String SEGMENT = "area";

  private final AreaSpec area;

  AreaDescriptor(UniqueId id, AreaSpec area, String loopId) {
    super(id, area.id() + " [" + loopId + "]", ClassSource.from(area.type()));
    this.area = area;
  }

  AreaSpec area() {
    return area;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }
}
