package dev.jloop.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs the jloop-tck engine in-process through {@link EngineTestKit}, found by its id as the
 * JUnit Platform finds it (through META-INF/services), with the results file in a fresh directory
 * under {@code target/jloop-tck/runs}, so that runs never overwrite each other.
 */
public final class TckRun {
  private final Path results;
  private final EngineTestKit.Builder kit;

  private TckRun(String loops) {
    try {
      Path runs = Files.createDirectories(Path.of("target", "jloop-tck", "runs"));
      results = Files.createTempDirectory(runs, "run").resolve("results.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    kit = EngineTestKit.engine(JloopTck.ENGINE_ID)
        .configurationParameter(JloopTck.RESULTS, results.toString());
    if (loops != null) {
      kit.configurationParameter(JloopTck.LOOPS, loops);
    }
  }

  /** A run of the loops with these comma-separated ids ({@code null}: every registered loop). */
  public static TckRun loops(String loops) {
    return new TckRun(loops);
  }

  /** The unique id of one scenario for one loop. */
  public static UniqueId scenarioId(String loop, String scenario) {
    return loopId(loop).append("area", scenario.substring(0, scenario.indexOf('.'))).append("scenario", scenario);
  }

  /** The unique id of one loop. */
  public static UniqueId loopId(String loop) {
    return UniqueId.forEngine(JloopTck.ENGINE_ID).append("loop", loop);
  }

  public EngineTestKit.Builder kit() {
    return kit;
  }

  public TckRun param(String key, String value) {
    kit.configurationParameter(key, value);
    return this;
  }

  public EngineExecutionResults execute() {
    return kit.execute();
  }

  /** The results file the run wrote, parsed. */
  public JsonNode results() {
    try {
      return new ObjectMapper().readTree(results.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The result row of {@code scenario} for {@code loop}. */
  public JsonNode result(String loop, String scenario) {
    for (JsonNode r : results().get("results")) {
      if (r.get("loop").asText().equals(loop) && r.get("scenario").asText().equals(scenario)) {
        return r;
      }
    }
    throw new AssertionError("no result for " + loop + " / " + scenario + " in " + results);
  }
}
