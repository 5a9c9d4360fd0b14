package dev.jloop.matrix.internal.site;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.jloop.matrix.model.BenchResult;
import dev.jloop.matrix.model.BenchRun;
import dev.jloop.matrix.model.BenchTarget;

/**
 * bench.html: a section per results file (micro-benchmarks, echo benchmark, ...) that says when
 * and with what command it was measured, its targets with the measured values, and one bar chart
 * per benchmark ({@link BenchChart}) with the numbers in a table under it.
 */
final class BenchPage {
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm")
      .withZone(ZoneOffset.UTC);

  private BenchPage() {}

  static String render(List<BenchRun> runs) {
    int scores = runs.stream().mapToInt(r -> r.results().size()).sum();
    Html h = new Html().el("h1", "Benchmarks")
        .el("p", scores + " scores from " + runs.size() + " results file"
            + (runs.size() == 1 ? "" : "s") + ". Each file says when and with what command it was measured: these are the numbers "
            + "of that run, not of the build that wrote this site. Whiskers show each score's error "
            + "range as the file gives it (micro-benchmarks: JMH's 99.9% confidence interval; echo "
            + "benchmark: the farthest any round lies from the median of the rounds).", "class", "lead");
    if (runs.size() > 1) {
      h.open("ul", "class", "suites");
      for (int i = 0; i < runs.size(); i++) {
        h.open("li").el("a", title(runs.get(i)), "href", "#suite-" + (i + 1)).close("li");
      }
      h.close("ul");
    }
    for (int i = 0; i < runs.size(); i++) {
      suite(h, runs.get(i), i + 1);
    }
    return Page.render("Benchmarks", "", Page.Nav.BENCH, true, h, null);
  }

  private static void suite(Html h, BenchRun run, int n) {
    h.open("section", "class", "suite", "id", "suite-" + n, "data-suite", run.suite())
        .el("h2", title(run)).open("p", "class", "measured");
    String when = period(run.startedAt(), run.finishedAt());
    if (when == null && run.command() == null) {
      h.text("The file does not say when or with what command it was measured.");
    } else {
      h.text("Measured" + (when == null ? "" : " " + when));
      if (run.command() != null) {
        h.text(" with ").el("code", run.command(), "class", "command");
      }
      h.text(".");
    }
    h.close("p").el("p", "From " + run.source() + (run.machine() == null ? "" : "; " + run.machine())
        + ".", "class", "muted machine");
    if (!run.targets().isEmpty()) {
      targets(h, run.targets());
    }
    Map<String, List<BenchResult>> groups = new LinkedHashMap<>();
    List<String> loops = new ArrayList<>();
    for (BenchResult r : run.results()) {
      groups.computeIfAbsent(r.benchmark() + "\u0000" + r.unit(), k -> new ArrayList<>()).add(r);
      if (!loops.contains(r.loop())) {
        loops.add(r.loop());
      }
    }
    for (List<BenchResult> group : groups.values()) {
      BenchResult first = group.get(0);
      h.open("section", "class", "bench").open("h3").text(first.benchmark() + " ")
          .el("span", first.unit().isEmpty() ? "" : first.unit() + " \u00b7 "
              + (first.higherIsBetter() ? "higher is better" : "lower is better"), "class", "muted")
          .close("h3").raw(BenchChart.render(group, loops)).open("details", "class", "numbers")
          .el("summary", "Numbers").open("table", "class", "data").open("thead")
          .open("tr").el("th", "Loop").el("th", "Score").el("th", "Error (\u00b1)")
          .el("th", "Unit").close("tr").close("thead").open("tbody");
      for (BenchResult r : group) {
        int d = BenchChart.decimals(r.score());
        h.open("tr").el("td", r.loop()).el("td", BenchChart.number(r.score(), d), "class", "num")
            .el("td", Double.isNaN(r.error()) ? "\u2013" : BenchChart.number(r.error(), d),
                "class", "num")
            .el("td", r.unit()).close("tr");
      }
      h.close("tbody").close("table").close("details").close("section");
    }
    h.close("section");
  }

  private static void targets(Html h, List<BenchTarget> targets) {
    h.el("h3", "Targets").open("table", "class", "data targets").open("thead").open("tr")
        .el("th", "Benchmark").el("th", "Loop").el("th", "Target").el("th", "Measured")
        .el("th", "Verdict").close("tr").close("thead").open("tbody");
    for (BenchTarget t : targets) {
      boolean ratio = t.unit().equals("\u00d7");
      String value = !Double.isFinite(t.value()) ? "\u2013" : ratio
          ? BenchChart.number(t.value(), 2) + "\u00d7"
          : BenchChart.number(t.value(), BenchChart.decimals(t.value())) + " " + t.unit();
      String verdict = t.met() == null ? "not measured" : t.met() ? "met" : "missed";
      String chip = t.met() == null ? "o-none" : t.met() ? "o-passed" : "o-failed";
      h.open("tr").el("td", t.benchmark()).el("td", t.loop()).el("td", t.goal())
          .el("td", value, "class", "num").open("td")
          .el("span", verdict, "class", "chip " + chip).close("td").close("tr");
    }
    h.close("tbody").close("table");
  }

  private static String title(BenchRun run) {
    if ("micro".equals(run.suite())) {
      return "Micro-benchmarks";
    }
    if ("echo".equals(run.suite())) {
      return "Echo benchmark";
    }
    return run.suite() != null ? run.suite() : run.source();
  }

  /**
   * {@code "2026-11-26 08:57–09:19 UTC"}, {@code "from 2026-11-26 23:50 to 2026-11-27 00:40 UTC"},
   * the file's own text when it is not an ISO instant, or null when there is neither.
   */
  static String period(String start, String end) {
    Instant from = instant(start);
    Instant to = instant(end);
    if (from != null && to != null) {
      boolean sameDay = DAY_TIME.format(from).substring(0, 10)
          .equals(DAY_TIME.format(to).substring(0, 10));
      return sameDay ? DAY_TIME.format(from) + "\u2013" + TIME.format(to) + " UTC"
          : "from " + DAY_TIME.format(from) + " to " + DAY_TIME.format(to) + " UTC";
    }
    String a = from != null ? DAY_TIME.format(from) + " UTC" : start;
    String b = to != null ? DAY_TIME.format(to) + " UTC" : end;
    if (a == null) {
      return b == null ? null : "until " + b;
    }
    return b == null ? "from " + a : "from " + a + " to " + b;
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
