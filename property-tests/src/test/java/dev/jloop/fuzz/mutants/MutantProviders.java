package dev.jloop.fuzz.mutants;

import dev.jloop.EventLoop;
import dev.jloop.spi.LoopProvider;

/**
 * {@link LoopProvider}s for mutants, so that the TCK engine can run the {@code fuzz} area on
 * them. Not registered on the test class path (the TCK run of this module sees the reference loop
 * only); a test lists them in a services file of its own.
 */
public final class MutantProviders {
  private MutantProviders() {}

  /** {@link Mutants.LifoCallSoon} as loop {@code fuzz-mutant-lifo-call-soon}. */
  public static final class LifoCallSoon implements LoopProvider {
    /** Created by {@link java.util.ServiceLoader}. */
    public LifoCallSoon() {}

    @Override
    public String id() {
      return "fuzz-mutant-lifo-call-soon";
    }

    @Override
    public String displayName() {
      return "reference loop with call_soon callbacks run newest first";
    }

    @Override
    public String version() {
      return "0";
    }

    @Override
    public EventLoop newLoop() {
      return new Mutants.LifoCallSoon();
    }
  }
}
