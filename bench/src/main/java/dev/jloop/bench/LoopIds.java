package dev.jloop.bench;

import dev.jloop.spi.LoopProvider;
import dev.jloop.spi.LoopProviders;
import java.util.stream.Collectors;

/**
 * Prints the ids of every {@link LoopProvider} on the class path, comma-separated, for JMH's
 * {@code -p loop=...}: {@code java -cp benchmarks.jar dev.jloop.bench.LoopIds}. Exits with status
 * 1 and a message if there is none.
 */
public final class LoopIds {
  private LoopIds() {}

  /** Entry point; arguments are ignored. */
  public static void main(String[] args) {
    String ids = LoopProviders.all().stream().map(LoopProvider::id).collect(Collectors.joining(","));
    if (ids.isEmpty()) {
      System.err.println("no dev.jloop.spi.LoopProvider on the class path");
      System.exit(1);
    }
    System.out.println(ids);
  }
}
