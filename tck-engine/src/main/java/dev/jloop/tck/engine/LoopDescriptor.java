package dev.jloop.tck.engine;

import dev.jloop.spi.LoopProvider;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/**
 * One loop under test: {@code [loop:<provider id>]}. Its source is the provider's class, so an
 * IDE jumps from the loop to its provider.
 */
final class LoopDescriptor extends AbstractTestDescriptor {
  static final String SEGMENT = "loop";

  private final LoopProvider provider;
  private final String loopId;

  LoopDescriptor(UniqueId id, String loopId, LoopProvider provider) {
    super(id, loopId, ClassSource.from(provider.getClass()));
    this.provider = provider;
    this.loopId = loopId;
  }

  LoopProvider provider() {
    return provider;
  }

  String loopId() {
    return loopId;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }
}
