package dev.jloop.examples.minimal;

import dev.jloop.EventLoop;
import dev.jloop.spi.LoopProvider;
import java.util.Set;

/**
 * Registers {@link MinimalEventLoop} with the TCK (and any other jloop tool) under the id
 * {@code minimal}, through {@code META-INF/services/dev.jloop.spi.LoopProvider}.
 */
public final class MinimalLoopProvider implements LoopProvider {
  @Override
  public String id() {
    return "minimal";
  }

  @Override
  public String displayName() {
    return "jloop example: minimal loop (no I/O)";
  }

  @Override
  public String version() {
    return "0.1.0";
  }

  @Override
  public EventLoop newLoop() {
    return new MinimalEventLoop();
  }

  /** Informational only: the TCK calls every API anyway and observes. */
  @Override
  public Set<String> declaredUnsupported() {
    return Set.of("slow_callback_duration", "create_connection", "create_server",
        "create_datagram_endpoint", "subprocess_exec", "add_signal_handler");
  }
}
