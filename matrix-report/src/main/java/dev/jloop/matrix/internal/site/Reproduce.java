package dev.jloop.matrix.internal.site;

import dev.jloop.matrix.model.Column;

/**
 * The command that re-runs one scenario on one loop. It uses the TCK's documented selection
 * properties ({@code jloop.tck.loops}, {@code jloop.tck.scenarios}) and the run's coroutine
 * backend; every value is shell-quoted, since ids come from the loop under test.
 */
final class Reproduce {
  private Reproduce() {}

  static String command(Column column, String scenarioId) {
    StringBuilder b = new StringBuilder("mvn test -Djloop.tck.loops=")
        .append(Escape.shell(column.loop().id()))
        .append(" -Djloop.tck.scenarios=").append(Escape.shell(scenarioId));
    Object backend = column.run().info().config().get("coroutineBackend");
    if (backend != null) {
      b.append(" -Djloop.coroutine.backend=").append(Escape.shell(String.valueOf(backend)));
    }
    return b.toString();
  }
}
