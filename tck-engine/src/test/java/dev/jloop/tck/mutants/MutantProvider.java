package dev.jloop.tck.mutants;

import dev.jloop.EventLoop;
import dev.jloop.spi.LoopProvider;
import java.util.function.Supplier;

/**
 * A provider of a deliberately broken loop, registered for the TCK's own tests in
 * {@code src/test/resources/META-INF/services/dev.jloop.spi.LoopProvider} under the id
 * {@code mutant-<name>}. Runs select one with {@code jloop.tck.loops}.
 */
public abstract class MutantProvider implements LoopProvider {
  private final String name;
  private final Supplier<EventLoop> factory;

  protected MutantProvider(String name, Supplier<EventLoop> factory) {
    this.name = name;
    this.factory = factory;
  }

  @Override
  public String id() {
    return "mutant-" + name;
  }

  @Override
  public String displayName() {
    return "mutant " + name + " (the reference loop, deliberately broken)";
  }

  @Override
  public String version() {
    return "test";
  }

  @Override
  public EventLoop newLoop() {
    return factory.get();
  }
}
