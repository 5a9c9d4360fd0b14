package dev.jloop.matrix.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.jloop.matrix.model.BenchResult;
import dev.jloop.matrix.model.BenchRun;
import org.apiguardian.api.API;

/**
 * Reads benchmark results, tolerantly (see {@code docs/results-format.md}, "bench-results"): an
 * object with a {@code results} (or {@code benchmarks}) array, or a bare array, whose entries give
 * {@code benchmark}, {@code loop} (or {@code label}, or {@code loop} with {@code backend}),
 * {@code score}, {@code error}, {@code unit} and optionally {@code higherIsBetter} and
 * {@code params} (shown with the name, {@code await_future [idleReaders=1]}); JMH's own JSON
 * output ({@code primaryMetric}, {@code params.loop}) is accepted too. Entries without a name or
 * a numeric score are skipped with a warning. Malformed JSON, or nothing usable at all, is an
 * error. From the bench module's format it also reads {@code suite}, what {@code run} says about
 * the run (command, start and end, machine) and {@code targets}; all optional. Thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class BenchReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> LOOP_KEYS = List.of("loop", "runtime", "impl", "provider");
  private static final List<String> NOT_PARAMS = List.of("loop", "runtime", "impl", "provider",
      "backend", "label");

  /**
   * What was read.
   *
   * @param run the run: its scores (never empty), targets and what the file says about it
   * @param warnings one line per skipped entry or oddity; never null
   */
  public record Bench(BenchRun run, List<String> warnings) {
    public Bench {
      Objects.requireNonNull(run, "run");
      warnings = List.copyOf(warnings);
    }

    /** The usable scores, in file order; never empty. */
    public List<BenchResult> results() {
      return run.results();
    }
  }

  private BenchReader() {}

  /** Reads {@code file}; see the class comment for what is accepted. */
  public static Bench read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    JsonNode tree = Checked.readTree(MAPPER, file);
    JsonNode entries = tree == null ? null : tree.isArray() ? tree
        : tree.has("results") ? tree.get("results") : tree.get("benchmarks");
    if (entries == null || !entries.isArray()) {
      throw new ResultsFormatException(file, "$", "expected an array of benchmark results, or an "
          + "object with a \"results\" array");
    }
    List<BenchResult> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      BenchResult r = e.isObject() ? entry(e) : null;
      if (r == null) {
        warnings.add(file + ": $[" + i + "]: skipped: needs a benchmark name and a numeric score");
      } else {
        out.add(r);
      }
    }
    if (out.isEmpty()) {
      throw new ResultsFormatException(file, "$", "no usable benchmark results (each entry needs "
          + "\"benchmark\" and a numeric \"score\")");
    }
    JsonNode run = tree.path("run");
    JsonNode meta = run.path("meta");
    String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    return new Bench(new BenchRun(source, text(tree, "suite", null), text(meta, "command", null),
        text(meta, "startedAt", null), text(meta, "finishedAt", null), BenchMeta.machine(run), out,
        BenchMeta.targets(tree.path("targets"), file, warnings)), warnings);
  }

  private static BenchResult entry(JsonNode e) {
    JsonNode metric = e.path("primaryMetric");
    String name = text(e, "benchmark", "name");
    double score = number(e.has("score") ? e.get("score") : metric.get("score"));
    if (name == null || !Double.isFinite(score)) {
      return null;
    }
    JsonNode params = e.path("params");
    name = withParams(metric.isObject() ? shortJmhName(name) : name, params);
    String loop = text(e, "label", null);
    if (loop == null) {
      for (String key : LOOP_KEYS) {
        loop = loop != null ? loop : text(e, key, null);
        loop = loop != null ? loop : text(params, key, null);
      }
      String backend = text(e, "backend", null);
      backend = backend != null ? backend : text(params, "backend", null);
      if (loop != null && backend != null) {
        loop = loop + " (" + backend + ")";
      }
    }
    double error = number(e.has("error") ? e.get("error")
        : e.has("scoreError") ? e.get("scoreError") : metric.get("scoreError"));
    String unit = text(e, "unit", "scoreUnit");
    unit = unit != null ? unit : text(metric, "scoreUnit", null);
    unit = unit == null ? "" : unit;
    JsonNode higher = e.get("higherIsBetter");
    return new BenchResult(name, loop == null ? "unknown" : loop, score, error, unit,
        higher != null && higher.isBoolean() ? higher.booleanValue()
            : BenchResult.higherIsBetter(unit));
  }

  /** {@code dev.jloop.bench.EchoBench.echo} -> {@code EchoBench.echo}. */
  private static String shortJmhName(String name) {
    String[] parts = name.split("\\.");
    return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : name;
  }

  /**
   * The name with the parameters other than the loop's, e.g. {@code EchoBench.echo [size=64]};
   * results that differ only in them are different benchmarks.
   */
  static String withParams(String name, JsonNode params) {
    StringBuilder extra = new StringBuilder();
    for (Map.Entry<String, JsonNode> p : params.properties()) {
      if (!NOT_PARAMS.contains(p.getKey())) {
        extra.append(extra.isEmpty() ? " [" : ", ").append(p.getKey()).append('=')
            .append(p.getValue().asText());
      }
    }
    return extra.isEmpty() ? name : name + extra + "]";
  }

  static String text(JsonNode node, String key, String alternative) {
    JsonNode v = node.get(key);
    if ((v == null || !v.isTextual()) && alternative != null) {
      v = node.get(alternative);
    }
    return v != null && v.isTextual() && !v.textValue().isBlank() ? v.textValue() : null;
  }

  static double number(JsonNode v) {
    if (v == null) {
      return Double.NaN;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.textValue());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }
}
