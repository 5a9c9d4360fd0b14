package dev.jloop.fuzz.tck;

import dev.jloop.tck.spi.AreaProvider;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Adds the {@code fuzz} area ({@link FuzzScenarios}) to the TCK: registered in
 * {@code META-INF/services/dev.jloop.tck.spi.AreaProvider}, so having {@code dev.jloop:jloop-fuzz}
 * on the test class path fuzzes every loop the TCK runs on (docs/fuzzing.md).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FuzzAreaProvider implements AreaProvider {
  /** Created by {@link java.util.ServiceLoader}. */
  public FuzzAreaProvider() {}

  @Override
  public List<Class<?>> areas() {
    return List.of(FuzzScenarios.class);
  }
}
