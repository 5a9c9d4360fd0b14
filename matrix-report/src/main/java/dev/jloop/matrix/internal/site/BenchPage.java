package dev.jloop.matrix.internal.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.jloop.matrix.model.BenchResult;

/**
 * bench.html: one horizontal bar chart per benchmark (inline SVG), a bar per loop with its error
 * range as a whisker, and the numbers in a table under it.
 */
final class BenchPage {
  private static final String[] PALETTE = {"#0969da", "#1a7f37", "#bf8700", "#8250df",
      "#cf222e", "#1b7c83", "#953800", "#6e7781"};
  private static final int WIDTH = 860;
  private static final int LABEL = 170;
  private static final int VALUE = 200;
  private static final int ROW = 28;

  private BenchPage() {}

  static String render(List<BenchResult> results) {
    Map<String, List<BenchResult>> groups = new LinkedHashMap<>();
    List<String> loops = new ArrayList<>();
    for (BenchResult r : results) {
      groups.computeIfAbsent(r.benchmark() + "\u0000" + r.unit(), k -> new ArrayList<>()).add(r);
      if (!loops.contains(r.loop())) {
        loops.add(r.loop());
      }
    }
    Html h = new Html().el("h1", "Benchmarks")
        .el("p", results.size() + " scores from " + groups.size() + " benchmarks. Whiskers show "
            + "each score's error range (JMH: the 99.9% confidence interval).", "class", "lead");
    for (List<BenchResult> group : groups.values()) {
      BenchResult first = group.get(0);
      h.open("section", "class", "bench").open("h2").text(first.benchmark() + " ")
          .el("span", first.unit().isEmpty() ? "" : first.unit() + " \u00b7 "
              + (first.higherIsBetter() ? "higher is better" : "lower is better"), "class", "muted")
          .close("h2").raw(chart(group, loops)).open("details", "class", "numbers")
          .el("summary", "Numbers").open("table", "class", "data").open("thead")
          .open("tr").el("th", "Loop").el("th", "Score").el("th", "Error (\u00b1)")
          .el("th", "Unit").close("tr").close("thead").open("tbody");
      for (BenchResult r : group) {
        int d = decimals(r.score());
        h.open("tr").el("td", r.loop()).el("td", number(r.score(), d), "class", "num")
            .el("td", Double.isNaN(r.error()) ? "\u2013" : number(r.error(), d), "class", "num")
            .el("td", r.unit()).close("tr");
      }
      h.close("tbody").close("table").close("details").close("section");
    }
    return Page.render("Benchmarks", "", Page.Nav.BENCH, true, h, null);
  }

  private static String chart(List<BenchResult> group, List<String> loops) {
    double max = 0;
    for (BenchResult r : group) {
      max = Math.max(max, r.score() + (Double.isNaN(r.error()) ? 0 : Math.abs(r.error())));
    }
    double step = niceStep(max / 4);
    int ticks = max > 0 ? (int) Math.ceil(max / step - 1e-9) : 4;
    double axisMax = ticks * step;
    double scale = (WIDTH - LABEL - VALUE) / axisMax;
    int tickDecimals = step == Math.rint(step) ? 0
        : Math.min(6, (int) Math.ceil(-Math.log10(step)) + 1);
    int height = group.size() * ROW + 26;
    Html s = new Html().open("svg", "class", "chart", "xmlns", "http://www.w3.org/2000/svg",
        "width", String.valueOf(WIDTH), "height", String.valueOf(height), "viewBox",
        "0 0 " + WIDTH + " " + height, "role", "img", "aria-label",
        group.get(0).benchmark() + " by loop");
    for (int t = 0; t <= ticks; t++) {
      double x = LABEL + (WIDTH - LABEL - VALUE) * t / (double) ticks;
      s.empty("line", "class", "grid", "x1", fmt(x), "x2", fmt(x), "y1", "0", "y2",
              String.valueOf(height - 20)).close("line")
          .el("text", number(step * t, tickDecimals), "x", fmt(x), "y", String.valueOf(height - 6),
              "text-anchor", "middle", "fill", "#59636e");
    }
    int y = 4;
    for (BenchResult r : group) {
      String color = PALETTE[loops.indexOf(r.loop()) % PALETTE.length];
      double w = Math.max(0, r.score()) * scale;
      int d = decimals(r.score());
      String value = number(r.score(), d)
          + (Double.isNaN(r.error()) ? "" : " \u00b1 " + number(r.error(), d)) + " " + r.unit();
      s.open("g", "class", "bar", "data-loop", r.loop()).el("title", r.loop() + ": " + value)
          .el("text", r.loop(), "x", String.valueOf(LABEL - 8), "y", String.valueOf(y + 15),
              "text-anchor", "end")
          .empty("rect", "x", String.valueOf(LABEL), "y", String.valueOf(y), "width", fmt(w),
              "height", "20", "rx", "3", "fill", color).close("rect");
      double end = LABEL + w;
      if (!Double.isNaN(r.error()) && r.error() > 0) {
        double lo = LABEL + Math.max(0, r.score() - r.error()) * scale;
        double hi = LABEL + (r.score() + r.error()) * scale;
        String mid = String.valueOf(y + 10);
        s.empty("line", "class", "err", "x1", fmt(lo), "x2", fmt(hi), "y1", mid, "y2", mid)
            .close("line")
            .empty("line", "class", "err", "x1", fmt(lo), "x2", fmt(lo), "y1",
                String.valueOf(y + 5), "y2", String.valueOf(y + 15)).close("line")
            .empty("line", "class", "err", "x1", fmt(hi), "x2", fmt(hi), "y1",
                String.valueOf(y + 5), "y2", String.valueOf(y + 15)).close("line");
        end = hi;
      }
      s.el("text", value, "x", fmt(end + 6), "y",
          String.valueOf(y + 15)).close("g");
      y += ROW;
    }
    s.empty("line", "class", "axis", "x1", String.valueOf(LABEL), "x2", String.valueOf(LABEL),
        "y1", "0", "y2", String.valueOf(height - 20)).close("line");
    return s.close("svg").toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** A round axis step (1, 2, 2.5 or 5 times a power of ten) at least {@code raw}. */
  static double niceStep(double raw) {
    if (!(raw > 0) || !Double.isFinite(raw)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double f : new double[] {1, 2, 2.5, 5, 10}) {
      if (raw <= f * magnitude * (1 + 1e-9)) {
        return f * magnitude;
      }
    }
    return 10 * magnitude;
  }

  /** Decimals that suit a score's magnitude: 10432 -> 0, 812.3 -> 1, 21.40 -> 2, 1.234 -> 3. */
  static int decimals(double score) {
    double a = Math.abs(score);
    return a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4;
  }

  static String number(double v, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }
}
