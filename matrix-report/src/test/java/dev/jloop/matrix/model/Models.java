package dev.jloop.matrix.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small hand-built runs for model tests. */
final class Models {
  private Models() {}

  static Run run(String source, String... loopIds) {
    List<LoopInfo> loops = new ArrayList<>();
    for (String id : loopIds) {
      loops.add(new LoopInfo(id, id + " loop", "1.0", "org.example." + id));
    }
    return new Run("tmp", source, "0.1.0", null, new RunInfo(Instant.parse(
        "2026-11-24T10:00:00Z"), 100, new Host("Linux", 2, "JDK 25"), Map.of()), loops);
  }

  static Scenario scenario(String id, Level level, String... apis) {
    return new Scenario(id, id.substring(0, id.indexOf('.')), level, "rule of " + id,
        List.of(apis), null);
  }

  static Result result(String loop, String scenario, Outcome outcome) {
    return new Result(loop, scenario, outcome, 5L,
        outcome == Outcome.SKIPPED ? "not here" : null, null);
  }
}
