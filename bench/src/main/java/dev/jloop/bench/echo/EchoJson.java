package dev.jloop.bench.echo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The JSON pieces of {@link EchoReport}; NaN becomes null. */
final class EchoJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private EchoJson() {}

  static ObjectNode run(EchoReport r) {
    ObjectNode run = F.objectNode();
    ObjectNode meta = run.putObject("meta");
    meta.put("command", r.options.command());
    meta.put("startedAt", r.startedAt);
    meta.put("finishedAt", r.finishedAt);
    r.load.forEach(meta::put);
    ObjectNode host = run.putObject("host");
    host.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    host.put("cpus", Runtime.getRuntime().availableProcessors());
    ObjectNode jvm = run.putObject("jvm");
    jvm.put("jdkVersion", System.getProperty("java.version"));
    jvm.put("vmName", System.getProperty("java.vm.name"));
    jvm.put("vmVersion", System.getProperty("java.vm.version"));
    jvm.put("loop", r.env.loop());
    strings(jvm.putArray("serverJvmArgs"), r.env.jvmArgs());
    ObjectNode python = run.putObject("python");
    python.set("asyncio", python(r.env.python(), "asyncio"));
    python.set("uvloop", python(r.env.uvloop(), "uvloop"));
    ObjectNode config = run.putObject("config");
    config.put("smoke", r.options.smoke());
    config.put("rounds", r.options.rounds());
    config.put("warmupSeconds", r.options.warmup());
    config.put("durationSeconds", r.options.duration());
    config.put("serverWarmupSeconds", r.options.serverWarmup());
    strings(config.putArray("configs"), r.options.configs().stream().map(EchoClient.Config::toString).toList());
    config.put("memoryConnections", r.options.memoryConnections());
    config.put("clockTicksPerSecond", ProcStat.CLOCK_TICKS_PER_SECOND);
    ArrayNode servers = run.putArray("servers");
    for (ServerSpec s : r.specs) {
      ObjectNode o = servers.addObject();
      o.put("id", s.id());
      o.put("label", s.label());
      o.put("runtime", s.runtime());
      List<String> cmd = new ArrayList<>(s.command());
      cmd.replaceAll(a -> a.equals(r.env.classPath()) ? "$CLASSPATH" : a);
      strings(o.putArray("command"), cmd);
    }
    ArrayNode order = run.putArray("order");
    r.order.forEach(round -> strings(order.addArray(), round));
    ObjectNode skipped = run.putObject("skipped");
    r.skipped.forEach(skipped::put);
    strings(run.putArray("failures"), r.failures);
    return run;
  }

  private static ObjectNode python(PythonInfo p, String loop) {
    ObjectNode o = F.objectNode();
    o.put("loop", loop);
    o.put("executable", p.executable());
    o.put("python", p.version());
    o.put("loopVersion", p.loopVersion());
    if (p.skip() != null) {
      o.put("skipped", p.skip());
    }
    return o;
  }

  private static ObjectNode base(EchoReport r, String benchmark, String server) {
    ObjectNode o = F.objectNode();
    o.put("benchmark", benchmark);
    o.put("loop", server);
    o.put("runtime", r.runtime(server));
    o.putNull("backend");
    o.put("label", r.label(server));
    return o;
  }

  static ObjectNode throughput(EchoReport r, Aggregate a) {
    ObjectNode o = base(r, EchoReport.benchmark(a.config()), a.server());
    num(o, "score", a.rps());
    num(o, "error", a.spread(Aggregate.Metric.RPS));
    o.put("unit", "req/s");
    o.put("higherIsBetter", true);
    nums(o.putArray("samples"), a.values(Aggregate.Metric.RPS));
    double cpu = a.cpu();
    num(o, "cpuScore", 1e6 / cpu);
    o.putNull("cpuError");
    ArrayNode cs = o.putArray("cpuSamples");
    for (double v : a.values(Aggregate.Metric.CPU)) {
      num(cs, 1e6 / v);
    }
    o.put("connections", a.config().connections());
    o.put("messageSize", a.config().messageSize());
    num(o, "p50Us", a.p50());
    num(o, "p99Us", a.p99());
    nums(o.putArray("p50Samples"), a.values(Aggregate.Metric.P50));
    nums(o.putArray("p99Samples"), a.values(Aggregate.Metric.P99));
    num(o, "cpuPerRequestUs", cpu);
    nums(o.putArray("cpuPerRequestSamples"), a.values(Aggregate.Metric.CPU));
    num(o, "clientCpuPerRequestUs", a.clientCpu());
    ArrayNode warm = o.putArray("serverWarmupSamples");
    a.samples().forEach(x -> warm.add(x.serverWarmupSeconds()));
    o.put("requests", a.requests());
    o.put("verified", a.verified());
    o.put("source", "dev.jloop.bench.echo.EchoClient");
    return o;
  }

  static ObjectNode cpu(EchoReport r, Aggregate a) {
    ObjectNode o = base(r, EchoReport.benchmark(a.config()) + "_cpu", a.server());
    num(o, "score", a.cpu());
    num(o, "error", a.spread(Aggregate.Metric.CPU));
    o.put("unit", "us CPU/req");
    o.put("higherIsBetter", false);
    nums(o.putArray("samples"), a.values(Aggregate.Metric.CPU));
    o.put("connections", a.config().connections());
    o.put("messageSize", a.config().messageSize());
    o.put("source", "/proc/<server pid>/stat utime+stime");
    return o;
  }

  static List<ObjectNode> memory(EchoReport r, MemoryProbe.Result m) {
    List<ObjectNode> out = new ArrayList<>();
    if (m.heapBefore() >= 0) {
      ObjectNode heap = memoryEntry(r, m, "idle_heap_per_connection", m.heapPerConnection(),
          m.heapBefore(), m.heapAfter());
      num(heap, "directPerConnection", m.directPerConnection());
      out.add(heap);
    }
    if (m.rssBefore() >= 0) {
      out.add(memoryEntry(r, m, "idle_rss_per_connection", m.rssPerConnection(), m.rssBefore(),
          m.rssAfter()));
    }
    return out;
  }

  private static ObjectNode memoryEntry(EchoReport r, MemoryProbe.Result m, String benchmark,
      double perConnection, long before, long after) {
    ObjectNode o = base(r, benchmark, m.server());
    num(o, "score", perConnection);
    o.putNull("error");
    o.put("unit", "B/conn");
    o.put("higherIsBetter", false);
    o.put("connections", m.connections());
    o.put("before", before);
    o.put("after", after);
    o.put("source", "dev.jloop.bench.echo.MemoryProbe");
    return o;
  }

  static ObjectNode ratio(EchoReport.Ratio x) {
    ObjectNode o = F.objectNode();
    o.put("benchmark", x.benchmark());
    o.put("loop", x.server());
    o.putNull("backend");
    o.put("vs", x.base());
    num(o, "ratio", x.ratio());
    num(o, "low", x.low());
    num(o, "high", x.high());
    num(o, "pairedRatio", x.paired());
    num(o, "cpuRatio", x.cpuRatio());
    return o;
  }

  static ObjectNode target(Target t) {
    ObjectNode o = F.objectNode();
    o.put("benchmark", t.benchmark());
    o.put("loop", t.server());
    o.putNull("backend");
    o.put("vs", t.vs());
    o.put("metric", t.metric());
    o.put(t.isMinimum() ? "minRatio" : "maxRatio", t.bound());
    num(o, "value", t.value());
    if (t.met() == null) {
      o.putNull("met");
    } else {
      o.put("met", t.met());
    }
    num(o, "cpuValue", t.cpuValue());
    return o;
  }

  private static void num(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  private static void num(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.addNull();
    }
  }

  private static void nums(ArrayNode a, double[] values) {
    for (double v : values) {
      num(a, v);
    }
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }
}
