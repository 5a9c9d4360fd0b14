package dev.jloop.matrix.internal.site;

import java.util.List;
import java.util.Locale;
import dev.jloop.matrix.model.BenchResult;

/**
 * One benchmark's horizontal bar chart as inline SVG: a bar per loop, its error range as a
 * whisker, and the value with its error beside it.
 */
final class BenchChart {
  private static final String[] PALETTE = {"#0969da", "#1a7f37", "#bf8700", "#8250df",
      "#cf222e", "#1b7c83", "#953800", "#6e7781"};
  private static final int WIDTH = 900;
  private static final int LABEL = 200;
  private static final int VALUE = 200;
  private static final int ROW = 28;

  private BenchChart() {}

  /** The chart of {@code group}; a loop's colour is its index in {@code loops}. */
  static String render(List<BenchResult> group, List<String> loops) {
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
