package dev.jloop.matrix.model;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One TCK run: one {@code results.json} file, possibly covering several loops.
 *
 * @param id short id naming the run inside a merged matrix, e.g. {@code "run1"}; never null
 * @param source where the run was read from (a file name), for people; never null
 * @param tckVersion the TCK version that produced it; never null
 * @param scenarioCount the number of scenarios the TCK has, or null when the file does not say
 * @param info when, where and how it ran; never null
 * @param loops the loops it covered, in file order; never null
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Run(String id, String source, String tckVersion, Integer scenarioCount,
    RunInfo info, List<LoopInfo> loops) {
  public Run {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(tckVersion, "tckVersion");
    Objects.requireNonNull(info, "info");
    loops = List.copyOf(Objects.requireNonNull(loops, "loops"));
  }

  /** The loop with this id, or null. */
  public LoopInfo loop(String loopId) {
    for (LoopInfo l : loops) {
      if (l.id().equals(loopId)) {
        return l;
      }
    }
    return null;
  }

  /** This run under another id (the merger renumbers runs). */
  public Run withId(String newId) {
    return new Run(newId, source, tckVersion, scenarioCount, info, loops);
  }
}
