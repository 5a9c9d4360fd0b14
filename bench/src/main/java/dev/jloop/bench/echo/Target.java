package dev.jloop.bench.echo;

import java.util.ArrayList;
import java.util.List;

/**
 * One of issue #8's echo targets, as measured. Throughput targets are ratios of median
 * requests/s against a yardstick ({@code minRatio}); the CPU target bounds jloop's CPU time per
 * request against raw NIO's ({@code maxRatio}). A target whose two sides did not both run has
 * no value and is neither met nor missed.
 *
 * @param metric {@code requestsPerSecond} or {@code cpuPerRequest}
 * @param bound the minimum ratio (throughput) or the maximum ratio (CPU per request)
 * @param value the measured ratio, or NaN when not measured
 * @param cpuValue for throughput targets the CPU-time figure beside it (the base's CPU per
 *     request over the server's), else NaN
 */
record Target(String benchmark, String server, String vs, String metric, double bound,
    double value, double cpuValue) {
  boolean isMinimum() {
    return metric.equals("requestsPerSecond");
  }

  /** True, false, or null when not measured. */
  Boolean met() {
    if (!Double.isFinite(value)) {
      return null;
    }
    return isMinimum() ? value >= bound : value <= bound;
  }

  static List<Target> evaluate(EchoReport report) {
    List<Target> out = new ArrayList<>();
    for (EchoClient.Config c : report.options.configs()) {
      String b = EchoReport.benchmark(c);
      if (c.messageSize() == 1024 || c.messageSize() == 100 * 1024) {
        out.add(throughput(report, b, "jloop-protocol", "uvloop-protocol", 1.1));
        out.add(throughput(report, b, "jloop-protocol", "raw-nio", 0.95));
        out.add(throughput(report, b, "jloop-protocol", "netty-nio-1", 1.0));
        EchoReport.Ratio raw = report.find(b, "jloop-protocol", "raw-nio");
        out.add(new Target(b, "jloop-protocol", "raw-nio", "cpuPerRequest", 1.1,
            raw == null ? Double.NaN : 1 / raw.cpuRatio(), Double.NaN));
        out.add(throughput(report, b, "jloop-streams", "uvloop-streams",
            c.messageSize() == 1024 ? 1.25 : 2.0));
      }
    }
    return out;
  }

  private static Target throughput(EchoReport report, String benchmark, String server, String vs,
      double min) {
    EchoReport.Ratio r = report.find(benchmark, server, vs);
    return new Target(benchmark, server, vs, "requestsPerSecond", min,
        r == null ? Double.NaN : r.ratio(), r == null ? Double.NaN : r.cpuRatio());
  }
}
