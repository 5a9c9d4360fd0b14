package dev.jloop.bench.echo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The echo harness's command line. Defaults give the full run; {@code --smoke} one short round
 * (1 s per configuration) with 200 idle connections, for CI.
 *
 * @param rounds interleaved rounds; every server runs once per round
 * @param warmup unmeasured seconds before each measured configuration (fresh connections)
 * @param duration measured seconds per configuration
 * @param serverWarmup seconds of load on a freshly started server before anything is measured
 * @param configs the measured configurations, in order
 * @param servers server ids to run, in the default order; empty: all
 * @param memoryServers server ids whose idle-connection memory is measured; empty: none
 * @param memoryConnections idle connections held open for the memory measurement
 * @param out the results file
 * @param python the interpreter for CPython asyncio
 * @param uvloopPython the interpreter that imports uvloop
 * @param loop the jloop provider id under test
 * @param jfr whether each JVM server records a JFR profile into the log directory
 * @param command the command line as given, for the results file
 */
record HarnessOptions(int rounds, double warmup, double duration, double serverWarmup,
    List<EchoClient.Config> configs, List<String> servers, List<String> memoryServers,
    int memoryConnections, Path out, String python, String uvloopPython, String loop,
    boolean smoke, boolean jfr, String command) {

  static final String USAGE = """
      Usage: run-echo.sh [--smoke] [--rounds N] [--duration S] [--warmup S] [--server-warmup S]
                         [--connections 4,16] [--sizes 1024,10240,102400] [--servers ID,...]
                         [--memory ID,...|none] [--memory-connections N] [--out FILE]
                         [--python EXE] [--uvloop-python EXE] [--loop PROVIDER-ID] [--jfr]
        --smoke    one round, 1 s per configuration, C=4 with 1 KiB and 100 KiB, 200 idle
                   connections for memory: checks that the harness works, not how fast anything is
        --jfr      each JVM server records a JFR profile (settings=profile) next to its log
        defaults:  6 rounds, 5 s measured + 1 s warm-up per configuration, 10 s server warm-up,
                   C=4,16 x 1 KiB, 10 KiB, 100 KiB, every server, memory for
                   jloop-protocol,jloop-streams,netty-nio-1,uvloop-protocol with 10000 connections
        server ids: %s""";

  static HarnessOptions parse(String... args) {
    boolean smoke = Arrays.asList(args).contains("--smoke");
    boolean jfr = Arrays.asList(args).contains("--jfr");
    int rounds = smoke ? 1 : 6;
    double warmup = smoke ? 0.5 : 1;
    double duration = smoke ? 1 : 5;
    double serverWarmup = smoke ? 1 : 10;
    List<Integer> connections = smoke ? List.of(4) : List.of(4, 16);
    List<Integer> sizes = smoke ? List.of(1024, 102400) : List.of(1024, 10240, 102400);
    List<String> servers = List.of();
    List<String> memory = List.of("jloop-protocol", "jloop-streams", "netty-nio-1", "uvloop-protocol");
    int memoryConnections = smoke ? 200 : 10_000;
    Path out = Path.of("bench", "target", "echo-results.json");
    String python = "python3";
    String uvloopPython = "/usr/bin/python3";
    String loop = "reference";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--smoke") || a.equals("--jfr")) {
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value\n" + usage());
      }
      String v = args[++i];
      switch (a) {
        case "--rounds" -> rounds = positive(a, Integer.parseInt(v));
        case "--duration" -> duration = positive(a, Double.parseDouble(v));
        case "--warmup" -> warmup = nonNegative(a, Double.parseDouble(v));
        case "--server-warmup" -> serverWarmup = nonNegative(a, Double.parseDouble(v));
        case "--connections" -> connections = ints(v);
        case "--sizes" -> sizes = ints(v);
        case "--servers" -> servers = list(v);
        case "--memory" -> memory = v.equals("none") ? List.of() : list(v);
        case "--memory-connections" -> memoryConnections = positive(a, Integer.parseInt(v));
        case "--out" -> out = Path.of(v);
        case "--python" -> python = v;
        case "--uvloop-python" -> uvloopPython = v;
        case "--loop" -> loop = v;
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
      }
    }
    List<EchoClient.Config> configs = new ArrayList<>();
    for (int size : sizes) {
      for (int c : connections) {
        configs.add(new EchoClient.Config(c, size));
      }
    }
    return new HarnessOptions(rounds, warmup, duration, serverWarmup, List.copyOf(configs),
        servers, memory, memoryConnections, out, python, uvloopPython, loop, smoke, jfr,
        "bench/run-echo.sh" + (args.length == 0 ? "" : " " + String.join(" ", args)));
  }

  static String usage() {
    return USAGE.formatted(String.join(", ", ServerSpec.IDS));
  }

  private static List<String> list(String v) {
    List<String> ids = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String id : ids) {
      if (!ServerSpec.IDS.contains(id)) {
        throw new IllegalArgumentException("unknown server id '" + id + "'; known: " + ServerSpec.IDS);
      }
    }
    return ids;
  }

  private static List<Integer> ints(String v) {
    List<Integer> out = Arrays.stream(v.split(",")).map(String::trim).map(Integer::parseInt).toList();
    if (out.isEmpty() || out.stream().anyMatch(n -> n <= 0)) {
      throw new IllegalArgumentException("expected positive integers, got " + v);
    }
    return out;
  }

  private static int positive(String name, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
    return v;
  }

  private static double positive(String name, double v) {
    if (!(v > 0)) {
      throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
    return v;
  }

  private static double nonNegative(String name, double v) {
    if (!(v >= 0)) {
      throw new IllegalArgumentException(name + " must not be negative, got " + v);
    }
    return v;
  }
}
