package dev.jloop.bench.echo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One server's samples of one configuration, over the rounds, reduced to medians: the median is
 * what the targets compare, since a single slow round on a shared machine must not move it.
 *
 * @param server the server id
 * @param config the configuration
 * @param samples the rounds' samples, in round order
 */
record Aggregate(String server, EchoClient.Config config, List<EchoHarness.Sample> samples) {
  double rps() {
    return median(values(Metric.RPS));
  }

  double p50() {
    return median(values(Metric.P50));
  }

  double p99() {
    return median(values(Metric.P99));
  }

  /** Server CPU microseconds per request; NaN when /proc could not tell. */
  double cpu() {
    return median(values(Metric.CPU));
  }

  double clientCpu() {
    return median(values(Metric.CLIENT_CPU));
  }

  /** The farthest any round lies from the median; NaN with a single round. */
  double spread(Metric m) {
    double[] v = values(m);
    if (v.length < 2) {
      return Double.NaN;
    }
    double med = median(v);
    double[] s = v.clone();
    Arrays.sort(s);
    return Math.max(med - s[0], s[s.length - 1] - med);
  }

  double min(Metric m) {
    return Arrays.stream(values(m)).min().orElse(Double.NaN);
  }

  double max(Metric m) {
    return Arrays.stream(values(m)).max().orElse(Double.NaN);
  }

  long requests() {
    return samples.stream().mapToLong(EchoHarness.Sample::requests).sum();
  }

  long verified() {
    return samples.stream().mapToLong(EchoHarness.Sample::verified).sum();
  }

  /** The per-round value of {@code m}, for the rounds that have one (CPU needs /proc). */
  double[] values(Metric m) {
    List<Double> out = new ArrayList<>();
    for (EchoHarness.Sample s : samples) {
      double v = m.of(s);
      if (v >= 0 && Double.isFinite(v)) {
        out.add(v);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The value of {@code m} in round {@code round}, or NaN. */
  double inRound(Metric m, int round) {
    for (EchoHarness.Sample s : samples) {
      if (s.round() == round) {
        double v = m.of(s);
        return v >= 0 ? v : Double.NaN;
      }
    }
    return Double.NaN;
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The figures a sample carries. */
  enum Metric {
    RPS, P50, P99, CPU, CLIENT_CPU;

    double of(EchoHarness.Sample s) {
      return switch (this) {
        case RPS -> s.requestsPerSecond();
        case P50 -> s.p50Us();
        case P99 -> s.p99Us();
        case CPU -> s.serverCpuUs();
        case CLIENT_CPU -> s.clientCpuUs();
      };
    }
  }
}
