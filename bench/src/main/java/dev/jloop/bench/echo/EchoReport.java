package dev.jloop.bench.echo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The echo run's results as {@code jloop-bench-results/1} with {@code "suite": "echo"} (see
 * docs/benchmarks.md): one result per server and configuration (requests/s, with latency and CPU
 * per request beside it), one per server and configuration for CPU per request alone (so the
 * site charts it), the idle-memory figures, the ratios against the three yardsticks and the
 * issue's targets. {@link #table()} renders the same for a terminal.
 */
final class EchoReport {
  /** The servers every other one is compared with. */
  static final List<String> BASES = List.of("uvloop-protocol", "raw-nio", "netty-nio-1");

  /** The TLS servers every TLS server is also compared with. */
  static final List<String> TLS_BASES = List.of("netty-nio-1-tls", "uvloop-tls", "asyncio-tls");

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  final HarnessOptions options;
  final ServerSpec.Env env;
  final List<ServerSpec> specs;
  final List<MemoryProbe.Result> memory;
  final Map<String, String> skipped;
  final List<String> failures;
  final List<List<String>> order;
  final Map<String, String> load;
  final String startedAt;
  final String finishedAt;
  /** Per configuration, per server id (in spec order). */
  final Map<EchoClient.Config, Map<String, Aggregate>> aggregates = new LinkedHashMap<>();
  final List<Ratio> ratios = new ArrayList<>();
  final List<Target> targets;

  /**
   * {@code server} against {@code base} in one configuration.
   *
   * @param ratio median requests/s over the base's median
   * @param low worst round of the server over best round of the base
   * @param high best over worst
   * @param paired the median of the per-round ratios (the rounds ran side by side)
   * @param cpuRatio the base's CPU per request over the server's: above 1 when the server spends
   *     less CPU per request
   */
  record Ratio(String benchmark, String server, String base, double ratio, double low, double high,
      double paired, double cpuRatio) {}

  EchoReport(HarnessOptions options, ServerSpec.Env env, List<ServerSpec> specs,
      List<EchoHarness.Sample> samples, List<MemoryProbe.Result> memory, Map<String, String> skipped,
      List<String> failures, List<List<String>> order, Map<String, String> load, String startedAt,
      String finishedAt) {
    this.options = options;
    this.env = env;
    this.specs = specs;
    this.memory = memory;
    this.skipped = skipped;
    this.failures = failures;
    this.order = order;
    this.load = load;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    for (EchoClient.Config c : options.configs()) {
      Map<String, Aggregate> byServer = new LinkedHashMap<>();
      for (ServerSpec s : specs) {
        List<EchoHarness.Sample> mine = samples.stream()
            .filter(x -> x.server().equals(s.id()) && x.config().equals(c)).toList();
        if (!mine.isEmpty()) {
          byServer.put(s.id(), new Aggregate(s.id(), c, mine));
        }
      }
      aggregates.put(c, byServer);
      for (Aggregate a : byServer.values()) {
        for (String base : bases(a.server())) {
          Aggregate b = byServer.get(base);
          if (b != null && !base.equals(a.server())) {
            ratios.add(ratio(benchmark(c), a, b));
          }
        }
      }
    }
    this.targets = Target.evaluate(this);
  }

  /**
   * The yardsticks of a server: the three bases, uvloop streams for streams servers, and for TLS
   * servers the TLS servers of Netty, uvloop and CPython asyncio.
   */
  static List<String> bases(String server) {
    List<String> out = new ArrayList<>(BASES);
    if (server.endsWith("-streams")) {
      out.add("uvloop-streams");
    }
    if (server.endsWith("-tls")) {
      out.addAll(TLS_BASES);
    }
    return out;
  }

  private Ratio ratio(String benchmark, Aggregate a, Aggregate b) {
    double[] perRound = new double[options.rounds()];
    int n = 0;
    for (int r = 0; r < options.rounds(); r++) {
      double x = a.inRound(Aggregate.Metric.RPS, r) / b.inRound(Aggregate.Metric.RPS, r);
      if (Double.isFinite(x)) {
        perRound[n++] = x;
      }
    }
    return new Ratio(benchmark, a.server(), b.server(), a.rps() / b.rps(),
        a.min(Aggregate.Metric.RPS) / b.max(Aggregate.Metric.RPS),
        a.max(Aggregate.Metric.RPS) / b.min(Aggregate.Metric.RPS),
        Aggregate.median(java.util.Arrays.copyOf(perRound, n)), b.cpu() / a.cpu());
  }

  Ratio find(String benchmark, String server, String base) {
    return ratios.stream().filter(r -> r.benchmark().equals(benchmark) && r.server().equals(server)
        && r.base().equals(base)).findFirst().orElse(null);
  }

  /** {@code echo_1k_c4}: the message size in KiB (or bytes) and the connection count. */
  static String benchmark(EchoClient.Config c) {
    int size = c.messageSize();
    String s = size % 1024 == 0 ? size / 1024 + "k" : size + "b";
    return "echo_" + s + "_c" + c.connections();
  }

  String label(String id) {
    return specs.stream().filter(s -> s.id().equals(id)).map(ServerSpec::label).findFirst().orElse(id);
  }

  String runtime(String id) {
    return specs.stream().filter(s -> s.id().equals(id)).map(ServerSpec::runtime).findFirst().orElse("jvm");
  }

  void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "jloop-bench-results/1");
    root.put("suite", "echo");
    root.set("run", EchoJson.run(this));
    ArrayNode results = root.putArray("results");
    for (Map<String, Aggregate> byServer : aggregates.values()) {
      for (Aggregate a : byServer.values()) {
        results.add(EchoJson.throughput(this, a));
      }
    }
    for (Map<String, Aggregate> byServer : aggregates.values()) {
      for (Aggregate a : byServer.values()) {
        results.add(EchoJson.cpu(this, a));
      }
    }
    for (MemoryProbe.Result m : memory) {
      results.addAll(EchoJson.memory(this, m));
    }
    ArrayNode r = root.putArray("ratios");
    ratios.forEach(x -> r.add(EchoJson.ratio(x)));
    ArrayNode t = root.putArray("targets");
    targets.forEach(x -> t.add(EchoJson.target(x)));
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = parent.resolve(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), root);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  String table() {
    return EchoTable.render(this);
  }
}
