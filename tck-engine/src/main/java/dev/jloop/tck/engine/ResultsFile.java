package dev.jloop.tck.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jloop.tck.Outcome;
import dev.jloop.tck.catalog.ScenarioSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the run's results and writes {@code results.json} in the format
 * {@code jloop-tck-results/1} (docs/tck-results.md). Output is stable: loops sorted by id,
 * scenarios by id, results by loop then scenario. Thread-safe.
 */
final class ResultsFile {
  static final String FORMAT = "jloop-tck-results/1";

  /** One loop as the results name it. */
  record Loop(String id, String name, String version, String provider) {}

  /** One result row. */
  record Row(String loop, String scenario, Outcome outcome, long durationMs, String message, String detail) {}

  private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private final long t0 = System.nanoTime();
  private final Map<String, Loop> loops = new TreeMap<>();
  private final Map<String, ScenarioSpec> scenarios = new TreeMap<>();
  private final List<Row> rows = new ArrayList<>();
  private String coroutineBackend;

  synchronized void loop(Loop loop) {
    loops.put(loop.id(), loop);
  }

  synchronized void coroutineBackend(String name) {
    if (coroutineBackend == null) {
      coroutineBackend = name;
    }
  }

  synchronized void add(String loop, ScenarioSpec spec, Verdict v) {
    scenarios.put(spec.id(), spec);
    rows.add(new Row(loop, spec.id(), v.outcome(), v.durationMs(), v.message(), v.detail()));
  }

  synchronized Map<Outcome, Integer> counts() {
    Map<Outcome, Integer> out = new LinkedHashMap<>();
    for (Row r : rows) {
      out.merge(r.outcome(), 1, Integer::sum);
    }
    return out;
  }

  synchronized void write(Path path, TckConfig config, String tckVersion, int catalogSize) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", FORMAT);
    ObjectNode tck = root.putObject("tck");
    tck.put("version", tckVersion);
    tck.put("scenarioCount", catalogSize);
    ObjectNode run = root.putObject("run");
    run.put("startedAt", startedAt.toString());
    run.put("durationMs", (System.nanoTime() - t0) / 1_000_000);
    ObjectNode host = run.putObject("host");
    host.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    host.put("cpus", Runtime.getRuntime().availableProcessors());
    host.put("jdk", System.getProperty("java.vendor.version",
        System.getProperty("java.vendor") + " " + System.getProperty("java.version")));
    ObjectNode cfg = run.putObject("config");
    cfg.put("timeoutScale", config.timeoutScale());
    cfg.put("coroutineBackend", coroutineBackend);
    cfg.put("unimplemented", config.unimplementedFails() ? "fail" : "skip");
    cfg.put("leakCheck", config.leakCheck());
    ArrayNode ls = root.putArray("loops");
    for (Loop l : loops.values()) {
      ls.addObject().put("id", l.id()).put("name", l.name()).put("version", l.version())
          .put("provider", l.provider());
    }
    ArrayNode ss = root.putArray("scenarios");
    for (ScenarioSpec s : scenarios.values()) {
      ObjectNode n = ss.addObject().put("id", s.id()).put("area", s.area()).put("level", s.level().name())
          .put("rule", s.rule());
      ArrayNode apis = n.putArray("apis");
      s.apis().forEach(apis::add);
      n.put("reference", s.reference());
    }
    ArrayNode rs = root.putArray("results");
    rows.stream().sorted(Comparator.comparing(Row::loop).thenComparing(Row::scenario)).forEach(r ->
        rs.addObject().put("loop", r.loop()).put("scenario", r.scenario())
            .put("outcome", r.outcome().name()).put("durationMs", r.durationMs())
            .put("message", r.message()).put("detail", r.detail()));
    Path abs = path.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    mapper.writeValue(tmp.toFile(), root);
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
