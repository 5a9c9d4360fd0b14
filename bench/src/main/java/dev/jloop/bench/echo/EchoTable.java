package dev.jloop.bench.echo;

import java.util.Locale;
import java.util.Map;

/** The echo run as a plain-text table: medians, latency, CPU per request and same-run ratios. */
final class EchoTable {
  private EchoTable() {}

  static String render(EchoReport r) {
    StringBuilder b = new StringBuilder();
    line(b, "");
    line(b, "Echo benchmark: %d round(s), %.1f s measured per configuration; median of the rounds;"
        + " load %s at the start, %s at the end", r.options.rounds(), r.options.duration(),
        r.load.get("load.start"), r.load.get("load.end"));
    line(b, "x uvloop / x raw / x netty1: requests/s ratio of medians against uvloop protocol, raw"
        + " NIO, Netty NIO 1 loop; CPU: server CPU time per request; paired: the median of the"
        + " rounds' own ratios (steadier when the machine's load changes during the run)");
    for (Map.Entry<EchoClient.Config, Map<String, Aggregate>> e : r.aggregates.entrySet()) {
      String bench = EchoReport.benchmark(e.getKey());
      line(b, "");
      line(b, "%s  (%d connections, %,d-byte messages)", bench, e.getKey().connections(),
          e.getKey().messageSize());
      line(b, "  %-30s %10s %8s %9s %9s %9s %8s %8s %8s", "server", "req/s", "+-", "p50 us",
          "p99 us", "CPU us", "x uvloop", "x raw", "x netty1");
      for (Aggregate a : e.getValue().values()) {
        line(b, "  %-30s %,10.0f %8s %9.1f %9.1f %9.2f %8s %8s %8s", r.label(a.server()), a.rps(),
            fmt("%,.0f", a.spread(Aggregate.Metric.RPS)), a.p50(), a.p99(), a.cpu(),
            ratio(r, bench, a.server(), "uvloop-protocol"), ratio(r, bench, a.server(), "raw-nio"),
            ratio(r, bench, a.server(), "netty-nio-1"));
      }
      extraYardsticks(b, r, bench, e.getValue());
    }
    if (!r.memory.isEmpty()) {
      line(b, "");
      line(b, "Idle connections: memory per connection (after a full GC for the heap)");
      line(b, "  %-30s %8s %14s %14s %14s", "server", "conns", "heap B/conn", "direct B/conn", "RSS B/conn");
      for (MemoryProbe.Result m : r.memory) {
        line(b, "  %-30s %8d %14s %14s %14s", r.label(m.server()), m.connections(),
            fmt("%,.0f", m.heapPerConnection()), fmt("%,.0f", m.directPerConnection()),
            fmt("%,.0f", m.rssPerConnection()));
      }
    }
    if (!r.targets.isEmpty()) {
      line(b, "");
      line(b, "Targets (issue #8; ratios of same-run medians)");
      for (Target t : r.targets) {
        String verdict = t.met() == null ? "not measured" : t.met() ? "met" : "MISSED";
        EchoReport.Ratio x = r.find(t.benchmark(), t.server(), t.vs());
        String extra = (Double.isFinite(t.cpuValue()) ? fmt(" CPU-time ratio %.2f", t.cpuValue()) : "")
            + (t.isMinimum() && x != null ? fmt(", paired per round %.2f", x.paired()) : "");
        line(b, "  %-16s %-15s vs %-16s %-8s %s %-5s %-6s  %s", t.benchmark(), t.server(), t.vs(),
            t.isMinimum() ? "req/s" : "CPU/req", t.isMinimum() ? ">=" : "<=",
            fmt("%.2f", t.bound()), fmt("%.2f", t.value()),
            verdict + (extra.isEmpty() ? "" : " (" + extra.trim() + ")"));
      }
    }
    r.skipped.forEach((id, why) -> line(b, "skipped %s: %s", id, why));
    r.failures.forEach(f -> line(b, "FAILED %s", f));
    return b.toString();
  }

  /**
   * Streams servers against uvloop streams, TLS servers against the TLS yardsticks; the
   * yardsticks' own ratios among themselves are in the results file only.
   */
  private static void extraYardsticks(StringBuilder b, EchoReport r, String bench,
      Map<String, Aggregate> byServer) {
    boolean header = false;
    for (Aggregate a : byServer.values()) {
      if (a.server().equals("uvloop-streams") || EchoReport.TLS_BASES.contains(a.server())) {
        continue;
      }
      for (String base : EchoReport.bases(a.server())) {
        EchoReport.Ratio x = EchoReport.BASES.contains(base) ? null : r.find(bench, a.server(), base);
        if (x == null) {
          continue;
        }
        if (!header) {
          line(b, "  %-30s %-30s %8s %8s %8s", "same-kind yardsticks", "x", "req/s", "paired", "CPU");
          header = true;
        }
        line(b, "  %-30s %-30s %8s %8s %8s", r.label(a.server()), r.label(base),
            fmt("%.2f", x.ratio()), fmt("%.2f", x.paired()), fmt("%.2f", x.cpuRatio()));
      }
    }
  }

  private static String ratio(EchoReport r, String bench, String server, String base) {
    if (server.equals(base)) {
      return "1";
    }
    EchoReport.Ratio x = r.find(bench, server, base);
    return x == null ? "-" : fmt("%.2f", x.ratio());
  }

  private static String fmt(String format, double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
  }

  private static void line(StringBuilder b, String format, Object... args) {
    b.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
