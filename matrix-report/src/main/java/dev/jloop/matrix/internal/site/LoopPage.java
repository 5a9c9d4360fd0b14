package dev.jloop.matrix.internal.site;

import java.util.List;
import java.util.Map;
import dev.jloop.matrix.model.ApiTiers;
import dev.jloop.matrix.model.Column;
import dev.jloop.matrix.model.Level;
import dev.jloop.matrix.model.LoopInfo;
import dev.jloop.matrix.model.Matrix;
import dev.jloop.matrix.model.Outcome;
import dev.jloop.matrix.model.Result;
import dev.jloop.matrix.model.Run;
import dev.jloop.matrix.model.Scenario;
import dev.jloop.matrix.model.Scores;
import dev.jloop.matrix.model.Tier;

/**
 * loop/ID.html: one loop over all its runs: provider, version, JDK, OS, duration and counts per
 * run, the three-tier summary by asyncio method, and every result that did not pass.
 */
final class LoopPage {
  private LoopPage() {}

  static String render(Matrix m, String loopId, boolean hasBench) {
    List<Column> cols = m.columnsOf(loopId);
    LoopInfo first = cols.get(0).loop();
    Html h = new Html();
    h.open("div", "class", "crumbs").el("a", "Loops", "href", "../loops.html").close("div")
        .el("h1", first.name())
        .open("p", "class", "lead").text("Loop id ").el("code", loopId)
        .text(" \u00b7 " + cols.size() + (cols.size() == 1 ? " run" : " runs")).close("p")
        .open("p").empty("img", "src", "../" + Names.badge(loopId), "alt",
            "REQUIRED score badge of " + first.name()).text(" ")
        .el("code", "badge/" + Names.file(loopId) + ".svg", "class", "muted").close("p");
    for (Column c : cols) {
      run(h, m, c);
    }
    tiers(h, m, cols);
    notPassing(h, m, cols);
    return Page.render(first.name(), "../", Page.Nav.LOOPS, hasBench, h, null);
  }

  private static void run(Html h, Matrix m, Column c) {
    Run run = c.run();
    StringBuilder config = new StringBuilder();
    run.info().config().forEach((k, v) -> config.append(config.isEmpty() ? "" : ", ")
        .append(k).append('=').append(v));
    h.open("section", "class", "run", "data-col", c.key())
        .el("h2", run.id() + " \u00b7 " + Fmt.runLabel(run))
        .open("dl", "class", "facts")
        .el("dt", "Provider").el("dd", c.loop().provider(), "class", "mono")
        .el("dt", "Version").el("dd", c.loop().version())
        .el("dt", "JDK").el("dd", run.info().host().jdk())
        .el("dt", "OS").el("dd", run.info().host().os())
        .el("dt", "CPUs").el("dd", run.info().host().cpus() == null ? "\u2013"
            : String.valueOf(run.info().host().cpus()))
        .el("dt", "Configuration").el("dd", config.isEmpty() ? "\u2013" : config.toString())
        .el("dt", "Started").el("dd", run.info().startedAt().toString())
        .el("dt", "Duration").el("dd", Fmt.duration(run.info().durationMs()) + " (whole run)")
        .el("dt", "TCK").el("dd", run.tckVersion() + " \u00b7 from " + run.source())
        .close("dl");
    h.open("ul", "class", "legend");
    Map<Outcome, Integer> counts = Scores.outcomes(m, c);
    counts.forEach((o, n) -> h.open("li", "data-outcome", o.name(), "data-count",
        String.valueOf(n)).append(Fmt.outcome(o)).el("span", String.valueOf(n), "class", "count")
        .close("li"));
    h.close("ul").open("table", "class", "data").open("thead").open("tr").el("th", "Level")
        .el("th", "Passed").close("tr").close("thead").open("tbody");
    for (Level l : Level.values()) {
      h.open("tr").open("th").append(Fmt.level(l)).close("th").open("td")
          .append(Fmt.tally(Scores.level(m, l, c))).close("td").close("tr");
    }
    h.close("tbody").close("table").close("section");
  }

  private static void tiers(Html h, Matrix m, List<Column> cols) {
    Map<String, Tier> tiers = ApiTiers.of(m, cols);
    h.el("h2", "asyncio methods").el("p", "Computed from the results: supported when every "
        + "scenario naming the method passed, not implemented when every one reported "
        + "NOT_IMPLEMENTED, partial otherwise (skipped results are left out).", "class", "muted")
        .open("div", "class", "tiers");
    for (Tier t : List.of(Tier.SUPPORTED, Tier.PARTIAL, Tier.NOT_IMPLEMENTED)) {
      List<String> names = tiers.entrySet().stream().filter(e -> e.getValue() == t)
          .map(Map.Entry::getKey).toList();
      h.open("div", "class", "tier card", "data-tier", t.name()).open("h3").append(Fmt.tier(t))
          .el("span", String.valueOf(names.size()), "class", "count").close("h3").open("ul");
      for (String name : names) {
        h.open("li").el("a", name, "class", "mono", "href",
            "../methods.html#" + Names.methodAnchor(name)).close("li");
      }
      h.close("ul").close("div");
    }
    h.close("div");
  }

  private static void notPassing(Html h, Matrix m, List<Column> cols) {
    h.el("h2", "Not passing").open("table", "class", "data").open("thead").open("tr")
        .el("th", "Scenario").el("th", "Run").el("th", "Outcome").el("th", "Message")
        .close("tr").close("thead").open("tbody");
    int n = 0;
    for (Scenario s : m.scenarios()) {
      for (Column c : cols) {
        Result r = m.result(s, c);
        if (r != null && r.outcome() != Outcome.PASSED) {
          n++;
          h.open("tr").open("td").el("a", s.id(), "class", "mono", "href",
                  "../" + Names.scenarioPage(s.id())).close("td").el("td", c.run().id())
              .open("td").append(Fmt.outcome(r.outcome())).close("td")
              .el("td", r.message(), "class", "msg").close("tr");
        }
      }
    }
    if (n == 0) {
      h.open("tr").el("td", "Every scenario passed.", "colspan", "4").close("tr");
    }
    h.close("tbody").close("table");
  }
}
