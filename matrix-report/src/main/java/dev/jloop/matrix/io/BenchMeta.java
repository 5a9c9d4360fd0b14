package dev.jloop.matrix.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.jloop.matrix.model.BenchTarget;

/**
 * What a bench-module results file says besides its scores: the machine line from {@code run}
 * and the {@code targets}. Everything is optional; what is missing or odd is left out.
 */
final class BenchMeta {
  private BenchMeta() {}

  /**
   * One line on the machine and the runtimes, e.g. {@code "Linux 6.1 x86_64, 2 CPUs; JDK 25.0.3;
   * asyncio on CPython 3.11.7; load average 1.0 0.8 0.5 at the start, ... at the end"}, or null
   * when {@code run} says nothing about them.
   */
  static String machine(JsonNode run) {
    List<String> parts = new ArrayList<>();
    String host = BenchReader.text(run.path("host"), "os", null);
    JsonNode cpus = run.path("host").get("cpus");
    if (cpus != null && cpus.isIntegralNumber()) {
      host = (host == null ? "" : host + ", ") + cpus.asInt() + " CPUs";
    }
    if (host != null) {
      parts.add(host);
    }
    String jdk = BenchReader.text(run.path("jvm"), "jdkVersion", null);
    if (jdk != null) {
      parts.add("JDK " + jdk);
    }
    for (Map.Entry<String, JsonNode> p : run.path("python").properties()) {
      JsonNode py = p.getValue();
      String version = BenchReader.text(py, "python", null);
      if (!py.isObject() || py.has("skipped") || version == null) {
        continue;
      }
      String loop = BenchReader.text(py, "loop", null);
      String loopVersion = BenchReader.text(py, "loopVersion", null);
      String impl = BenchReader.text(py, "implementation", null);
      parts.add((loop == null ? p.getKey() : loop)
          + (loopVersion == null || loopVersion.equals(version) ? "" : " " + loopVersion) + " on "
          + (impl == null ? "Python" : impl) + " " + version);
    }
    JsonNode meta = run.path("meta");
    String start = BenchReader.text(meta, "load.start", null);
    String end = BenchReader.text(meta, "load.end", null);
    if (start != null || end != null) {
      parts.add("load average " + (start == null ? "" : start + " at the start")
          + (start != null && end != null ? ", " : "") + (end == null ? "" : end + " at the end"));
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /** The targets with a benchmark and a bound; the others are skipped with a warning. */
  static List<BenchTarget> targets(JsonNode targets, Path file, List<String> warnings) {
    List<BenchTarget> out = new ArrayList<>();
    if (!targets.isArray()) {
      return out;
    }
    for (int i = 0; i < targets.size(); i++) {
      BenchTarget t = targets.get(i).isObject() ? target(targets.get(i)) : null;
      if (t == null) {
        warnings.add(file + ": $.targets[" + i + "]: skipped: needs a benchmark and a bound "
            + "(minRatio, maxRatio, minScore or maxScore)");
      } else {
        out.add(t);
      }
    }
    return out;
  }

  private static BenchTarget target(JsonNode t) {
    String benchmark = BenchReader.text(t, "benchmark", null);
    if (benchmark == null) {
      return null;
    }
    String vs = BenchReader.text(t, "vs", null);
    String metric = BenchReader.text(t, "metric", null);
    String unit = BenchReader.text(t, "unit", null);
    String goal;
    boolean ratio = true;
    if (bound(t, "minRatio") != null && vs != null) {
      goal = ("requestsPerSecond".equals(metric) ? "req/s " : "") + "\u2265 " + bound(t, "minRatio")
          + "\u00d7 " + vs;
    } else if (bound(t, "maxRatio") != null && vs != null) {
      boolean cpu = "cpuPerRequest".equals(metric);
      goal = (cpu ? "CPU/request " : "") + "\u2264 " + bound(t, "maxRatio") + "\u00d7 " + vs
          + (cpu ? "'s" : "");
    } else if (bound(t, "maxScore") != null || bound(t, "minScore") != null) {
      boolean max = bound(t, "maxScore") != null;
      goal = (max ? "\u2264 " + bound(t, "maxScore") : "\u2265 " + bound(t, "minScore"))
          + (unit == null ? "" : " " + unit);
      ratio = false;
    } else {
      return null;
    }
    String loop = BenchReader.text(t, "loop", null);
    String backend = BenchReader.text(t, "backend", null);
    loop = loop == null ? "unknown" : backend == null ? loop : loop + " (" + backend + ")";
    JsonNode met = t.get("met");
    return new BenchTarget(BenchReader.withParams(benchmark, t.path("params")), loop, goal,
        BenchReader.number(t.get("value")), ratio ? "\u00d7" : unit == null ? "" : unit,
        met != null && met.isBoolean() ? met.booleanValue() : null);
  }

  /** The bound as written without trailing zeros ({@code 1.10} -> {@code 1.1}), or null. */
  private static String bound(JsonNode t, String key) {
    JsonNode v = t.get(key);
    if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
      return null;
    }
    return BigDecimal.valueOf(v.doubleValue()).stripTrailingZeros().toPlainString();
  }
}
