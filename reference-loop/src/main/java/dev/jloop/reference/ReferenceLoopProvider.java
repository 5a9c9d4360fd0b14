package dev.jloop.reference;

import dev.jloop.EventLoop;
import dev.jloop.spi.LoopProvider;

/** The {@link LoopProvider} of the reference loop, id {@code reference}. */
public final class ReferenceLoopProvider implements LoopProvider {
  @Override
  public String id() {
    return "reference";
  }

  @Override
  public String displayName() {
    return "jloop reference (NIO Selector)";
  }

  @Override
  public String version() {
    Package p = ReferenceLoopProvider.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }

  @Override
  public EventLoop newLoop() {
    return new SelectorEventLoop();
  }
}
