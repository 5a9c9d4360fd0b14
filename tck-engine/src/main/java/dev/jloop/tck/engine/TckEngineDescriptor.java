package dev.jloop.tck.engine;

import dev.jloop.tck.catalog.Catalog;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/** The engine's root, carrying the catalog discovery used (built-in and contributed areas). */
final class TckEngineDescriptor extends EngineDescriptor {
  private final Catalog catalog;

  TckEngineDescriptor(UniqueId id, Catalog catalog) {
    super(id, "jloop TCK");
    this.catalog = catalog;
  }

  Catalog catalog() {
    return catalog;
  }
}
