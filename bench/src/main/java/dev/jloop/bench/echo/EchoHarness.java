package dev.jloop.bench.echo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The echo macro-benchmark: starts each server in its own process on loopback, one at a time,
 * loads it with {@link EchoClient} (another process), and repeats over interleaved rounds whose
 * order rotates, so drift on a busy machine hits every server alike. Then measures idle-connection
 * memory ({@link MemoryProbe}) and writes the results ({@link EchoReport}).
 *
 * <p>Usage: see {@link HarnessOptions#USAGE}; {@code bench/run-echo.sh} builds the module and
 * calls this class. Exit status 0 when every server that could run here ran and every echo was
 * verified, 1 when a server or the load generator failed, 2 on a bad command line.
 */
public final class EchoHarness {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HarnessOptions options;
  private final Path logDir;
  private final List<Sample> samples = new ArrayList<>();
  private final Map<String, String> skipped = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final List<List<String>> order = new ArrayList<>();
  private final Map<String, String> load = new LinkedHashMap<>();

  /** One server, one configuration, one round. */
  record Sample(String server, int round, EchoClient.Config config, double requestsPerSecond,
      double p50Us, double p99Us, double serverCpuUs, double clientCpuUs, long requests, long verified,
      double serverWarmupSeconds) {}

  EchoHarness(HarnessOptions options) {
    this.options = options;
    Path dir = options.out().toAbsolutePath().getParent();
    this.logDir = dir.resolve("echo-logs");
  }

  public static void main(String[] args) throws IOException {
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.println(HarnessOptions.usage());
      return;
    }
    HarnessOptions options;
    try {
      options = HarnessOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("run-echo: " + e.getMessage());
      System.exit(2);
      return;
    }
    int status = new EchoHarness(options).run();
    System.exit(status);
  }

  /** Runs everything, writes the results file and prints the table; returns the exit status. */
  int run() throws IOException {
    Files.createDirectories(logDir);
    String startedAt = Instant.now().toString();
    load.put("load.start", loadAverage());
    ServerSpec.Env env = environment();
    List<String> wanted = options.servers().isEmpty() ? ServerSpec.DEFAULT_IDS : options.servers();
    List<ServerSpec> specs = new ArrayList<>();
    for (ServerSpec s : ServerSpec.all(env)) {
      if (!wanted.contains(s.id())) {
        continue;
      }
      if (s.skip() != null) {
        skip(s.id(), s.skip());
      } else {
        specs.add(s);
      }
    }
    for (int round = 0; round < options.rounds(); round++) {
      List<ServerSpec> rotated = new ArrayList<>();
      for (int i = 0; i < specs.size(); i++) {
        rotated.add(specs.get((i + round) % specs.size()));
      }
      order.add(rotated.stream().map(ServerSpec::id).toList());
      load.put("load.round" + (round + 1), loadAverage());
      for (ServerSpec s : rotated) {
        if (!skipped.containsKey(s.id())) {
          visit(s, round, env.tls());
        }
      }
    }
    List<MemoryProbe.Result> memory = new ArrayList<>();
    for (ServerSpec s : ServerSpec.all(env)) {
      if (options.memoryServers().contains(s.id())) {
        measureMemory(s, env, memory);
      }
    }
    load.put("load.end", loadAverage());
    EchoReport report = new EchoReport(options, env, ServerSpec.all(env), samples, memory, skipped, failures,
        order, load, startedAt, Instant.now().toString());
    report.write(options.out());
    System.out.print(report.table());
    System.out.println("results: " + options.out());
    return failures.isEmpty() ? 0 : 1;
  }

  private void measureMemory(ServerSpec s, ServerSpec.Env env, List<MemoryProbe.Result> memory) {
    if (s.skip() != null || skipped.containsKey(s.id())) {
      skip(s.id(), s.skip() != null ? s.skip() : skipped.get(s.id()));
      return;
    }
    try {
      MemoryProbe.Result m = MemoryProbe.measure(s, env, options.memoryConnections(), logDir);
      if (m.skip() != null) {
        skip(s.id(), m.skip());
        return;
      }
      memory.add(m);
      progress("memory  %-18s %,d idle connections: heap %s B/conn, RSS %s B/conn", s.id(),
          m.connections(), m.heapBefore() < 0 ? "-" : String.format(Locale.ROOT, "%,.0f",
              m.heapPerConnection()), String.format(Locale.ROOT, "%,.0f", m.rssPerConnection()));
    } catch (IOException | RuntimeException e) {
      failures.add("memory " + s.id() + ": " + e.getMessage());
      progress("memory  %-18s FAILED: %s", s.id(), e.getMessage());
    }
  }

  private void visit(ServerSpec spec, int round, TlsMaterial tls) {
    Path log = logDir.resolve(spec.id() + ".log");
    try (ServerProcess server = new ServerProcess(spec.id(), spec.command(), log)) {
      String line = server.await(180, "READY ", "SKIP ");
      if (line.startsWith("SKIP ")) {
        skip(spec.id(), line.substring(5));
        return;
      }
      int port = Integer.parseInt(line.substring(line.indexOf("port=") + 5).trim());
      List<String> cmd = clientCommand(spec, port, server.pid(), tls);
      double budget = 4 * options.serverWarmup() + options.configs().size()
          * (options.warmup() + options.duration() + 40) + 120;
      try (ServerProcess client = new ServerProcess(spec.id() + "-client", cmd, logDir.resolve(
          "client.log"))) {
        for (int i = 0; i < options.configs().size(); i++) {
          String r = client.await(budget, "RESULT ", "ERROR ");
          if (r.startsWith("ERROR ")) {
            throw new IOException("load generator: " + r.substring(6));
          }
          samples.add(sample(spec.id(), round, JSON.readTree(r.substring(7))));
          Sample s = samples.get(samples.size() - 1);
          progress("round %d %-18s %-9s %,10.0f req/s  p50 %8.1f us  p99 %8.1f us  CPU %7.2f us/req",
              round + 1, spec.id(), s.config(), s.requestsPerSecond(), s.p50Us(), s.p99Us(),
              s.serverCpuUs());
        }
      }
    } catch (IOException | RuntimeException e) {
      failures.add("round " + (round + 1) + " " + spec.id() + ": " + e.getMessage());
      progress("round %d %-18s FAILED: %s", round + 1, spec.id(), e.getMessage());
    }
  }

  private List<String> clientCommand(ServerSpec spec, int port, long pid, TlsMaterial tls) {
    List<String> cmd = new ArrayList<>(List.of(javaCommand(), "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), EchoClient.class.getName(), "--port",
        String.valueOf(port), "--server-pid", String.valueOf(pid), "--configs",
        String.join(",", options.configs().stream().map(EchoClient.Config::toString).toList()),
        "--warmup", String.valueOf(options.warmup()), "--duration", String.valueOf(options.duration()),
        "--server-warmup", String.valueOf(options.serverWarmup())));
    if (spec.tls()) {
      cmd.addAll(List.of("--tls-keystore", tls.keystore().toString(), "--tls-password", tls.password()));
    }
    return cmd;
  }

  private static Sample sample(String server, int round, JsonNode r) {
    return new Sample(server, round, new EchoClient.Config(r.get("connections").asInt(),
        r.get("messageSize").asInt()), r.get("requestsPerSecond").asDouble(), r.get("p50Us").asDouble(),
        r.get("p99Us").asDouble(), r.get("serverCpuUsPerRequest").asDouble(),
        r.get("clientCpuUsPerRequest").asDouble(), r.get("requests").asLong(), r.get("verified").asLong(),
        r.get("serverWarmupSeconds").asDouble());
  }

  private void skip(String id, String reason) {
    if (!skipped.containsKey(id)) {
      skipped.put(id, reason);
      progress("%-26s skipped: %s", id, reason);
    }
  }

  private ServerSpec.Env environment() {
    String java = javaCommand();
    Path script = null;
    for (Path p : List.of(Path.of("bench", "python", "echo_server.py"), Path.of("python", "echo_server.py"))) {
      if (script == null && Files.isRegularFile(p)) {
        script = p.toAbsolutePath();
      }
    }
    TlsMaterial tls = null;
    String tlsSkip = null;
    try {
      tls = TlsMaterial.create(logDir, java);
    } catch (IOException e) {
      tlsSkip = "skipped: no TLS key store: " + e.getMessage();
    }
    List<String> jvmArgs = new ArrayList<>(List.of("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"));
    if (options.jfr()) {
      // one recording per server process, named by JFR after its pid, in the log directory
      jvmArgs.add("-XX:StartFlightRecording=settings=profile,filename=" + logDir + "/");
    }
    return new ServerSpec.Env(java, System.getProperty("java.class.path"), List.copyOf(jvmArgs), script,
        PythonInfo.probe(options.python(), false), PythonInfo.probe(options.uvloopPython(), true),
        options.loop(), tls, tlsSkip);
  }

  static String javaCommand() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void progress(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
