package dev.jloop.matrix.model;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A column of the matrix: one loop in one run.
 *
 * @param run never null
 * @param loop never null; one of {@code run.loops()}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Column(Run run, LoopInfo loop) {
  public Column {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(loop, "loop");
  }

  /** {@code runId/loopId}, unique in a matrix. */
  public String key() {
    return run.id() + "/" + loop.id();
  }
}
