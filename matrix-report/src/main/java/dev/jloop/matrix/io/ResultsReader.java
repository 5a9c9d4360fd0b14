package dev.jloop.matrix.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import dev.jloop.matrix.model.Host;
import dev.jloop.matrix.model.Level;
import dev.jloop.matrix.model.LoopInfo;
import dev.jloop.matrix.model.Outcome;
import dev.jloop.matrix.model.Result;
import dev.jloop.matrix.model.Run;
import dev.jloop.matrix.model.RunInfo;
import dev.jloop.matrix.model.RunResults;
import dev.jloop.matrix.model.Scenario;
import org.apiguardian.api.API;

/**
 * Reads {@code results.json} files ({@value #RESULTS_FORMAT}, one run) and merged
 * {@code matrix.json} files ({@value #MATRIX_FORMAT}, several runs), validating them strictly:
 * the format version must be known, required fields present and well typed, ids unique, every
 * result must name a known loop and scenario, each (loop, scenario) pair at most once, and a
 * SKIPPED result must give its reason. A result's {@code message} is read for every outcome: a
 * PASSED result may carry a note in it (what the scenario checked, e.g. how many fuzz programs
 * passed). Unknown fields are ignored. The format is documented in
 * {@code docs/results-format.md}. Thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ResultsReader {
  /** The results format this reader understands. */
  public static final String RESULTS_FORMAT = "jloop-tck-results/1";
  /** The merged format this reader understands (and {@link MatrixJsonWriter} writes). */
  public static final String MATRIX_FORMAT = "jloop-matrix/1";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private ResultsReader() {}

  /**
   * Reads one file.
   *
   * @param file a results.json or matrix.json; never null
   * @return its runs: one for a results file, one or more for a matrix file
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws ResultsFormatException when the content is malformed or invalid
   * @throws IOException when the file cannot be read
   */
  public static List<RunResults> read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    JsonNode tree = Checked.readTree(MAPPER, file);
    if (tree == null || tree.isMissingNode()) {
      throw new ResultsFormatException(file, "$", "the file is empty");
    }
    Checked root = Checked.root(file, tree);
    String format = root.string("format");
    String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (format.equals(RESULTS_FORMAT)) {
      return List.of(readResults(root, source));
    }
    if (format.equals(MATRIX_FORMAT)) {
      return readMatrix(root);
    }
    throw new ResultsFormatException(file, "$.format", "unknown format version \"" + format
        + "\"; this matrix-report reads " + RESULTS_FORMAT + " and " + MATRIX_FORMAT
        + " (a newer TCK needs a newer matrix-report)");
  }

  private static RunResults readResults(Checked root, String source) throws ResultsFormatException {
    Run run = readRun(root, "run", source);
    List<Scenario> scenarios = readScenarios(root);
    Map<String, Run> runs = Map.of(run.id(), run);
    List<Result> results = readResultList(root, run.id(), runs, scenarios).get(run.id());
    return new RunResults(run, scenarios, results == null ? List.of() : results);
  }

  private static List<RunResults> readMatrix(Checked root) throws ResultsFormatException {
    Map<String, Run> runs = new java.util.LinkedHashMap<>();
    List<Checked> runNodes = root.array("runs");
    if (runNodes.isEmpty()) {
      throw root.fail("\"runs\" must hold at least one run");
    }
    for (Checked r : runNodes) {
      Run run = readRun(r, r.string("id"), r.string("source"));
      if (runs.putIfAbsent(run.id(), run) != null) {
        throw r.fail("duplicate run id \"" + run.id() + "\"");
      }
    }
    List<Scenario> scenarios = readScenarios(root);
    Map<String, List<Result>> byRun = readResultList(root, null, runs, scenarios);
    List<RunResults> out = new ArrayList<>();
    for (Run run : runs.values()) {
      out.add(new RunResults(run, scenarios, byRun.getOrDefault(run.id(), List.of())));
    }
    return out;
  }

  /** Reads tck, run and loops from {@code holder} (the root of a results file, or a run entry). */
  private static Run readRun(Checked holder, String runId, String source)
      throws ResultsFormatException {
    Checked tck = holder.object("tck");
    String tckVersion = tck.string("version");
    Long scenarioCount = tck.optCount("scenarioCount");
    Checked run = holder.object("run");
    Instant startedAt = run.instant("startedAt");
    long durationMs = run.count("durationMs");
    Checked host = run.object("host");
    Long cpus = host.optCount("cpus");
    Host h = new Host(host.string("os"), cpus == null ? null : Math.toIntExact(cpus),
        host.string("jdk"));
    RunInfo info = new RunInfo(startedAt, durationMs, h, run.scalars("config"));
    List<LoopInfo> loops = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Checked l : holder.array("loops")) {
      LoopInfo loop = new LoopInfo(l.string("id"), l.string("name"), l.string("version"),
          l.string("provider"));
      if (!ids.add(loop.id())) {
        throw l.fail("duplicate loop id \"" + loop.id() + "\"");
      }
      loops.add(loop);
    }
    return new Run(runId, source, tckVersion,
        scenarioCount == null ? null : Math.toIntExact(scenarioCount), info, loops);
  }

  private static List<Scenario> readScenarios(Checked root) throws ResultsFormatException {
    List<Scenario> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Checked s : root.array("scenarios")) {
      List<String> apis = new ArrayList<>();
      for (Checked a : s.array("apis")) {
        apis.add(a.asString());
      }
      Scenario scenario = new Scenario(s.string("id"), s.string("area"),
          s.constant("level", Level.class), s.string("rule"), apis, s.optString("reference"));
      if (!ids.add(scenario.id())) {
        throw s.fail("duplicate scenario id \"" + scenario.id() + "\"");
      }
      out.add(scenario);
    }
    return out;
  }

  /**
   * Reads the results, grouped by run id. With {@code onlyRun} non-null (a results file) results
   * carry no run field and all belong to it; otherwise each names its run.
   */
  private static Map<String, List<Result>> readResultList(Checked root, String onlyRun,
      Map<String, Run> runs, List<Scenario> scenarios) throws ResultsFormatException {
    Set<String> scenarioIds = new HashSet<>();
    scenarios.forEach(s -> scenarioIds.add(s.id()));
    Set<String> seen = new HashSet<>();
    Map<String, List<Result>> byRun = new HashMap<>();
    for (Checked r : root.array("results")) {
      String runId = onlyRun != null ? onlyRun : r.string("run");
      Run run = runs.get(runId);
      if (run == null) {
        throw r.fail("result names run \"" + runId + "\", which is not in \"runs\"");
      }
      Outcome outcome = r.constant("outcome", Outcome.class);
      Result result = new Result(r.string("loop"), r.string("scenario"), outcome,
          r.optCount("durationMs"), r.optString("message"), r.optString("detail"));
      if (run.loop(result.loop()) == null) {
        throw r.fail("result names loop \"" + result.loop() + "\", which is not in \"loops\"");
      }
      if (!scenarioIds.contains(result.scenario())) {
        throw r.fail("result names scenario \"" + result.scenario()
            + "\", which is not in \"scenarios\"");
      }
      if (!seen.add(runId + "\u0000" + result.loop() + "\u0000" + result.scenario())) {
        throw r.fail("a second result for loop \"" + result.loop() + "\" and scenario \""
            + result.scenario() + "\" (each pair has exactly one)");
      }
      if (outcome == Outcome.SKIPPED && (result.message() == null || result.message().isBlank())) {
        throw r.fail("a SKIPPED result must give its reason in \"message\"");
      }
      byRun.computeIfAbsent(runId, k -> new ArrayList<>()).add(result);
    }
    return byRun;
  }
}
