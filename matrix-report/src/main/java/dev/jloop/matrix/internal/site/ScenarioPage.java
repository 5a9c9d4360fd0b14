package dev.jloop.matrix.internal.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import dev.jloop.matrix.model.Column;
import dev.jloop.matrix.model.Matrix;
import dev.jloop.matrix.model.Result;
import dev.jloop.matrix.model.Scenario;

/** scenario/ID.html: the rule, its level, apis and reference, and every column's outcome. */
final class ScenarioPage {
  private ScenarioPage() {}

  static String render(Matrix m, Scenario s, boolean hasBench) {
    Html h = new Html();
    h.open("div", "class", "crumbs").el("a", "Matrix", "href", "../index.html").text(" \u203a ")
        .el("a", s.area(), "href", "../index.html#area="
            + URLEncoder.encode(s.area(), StandardCharsets.UTF_8))
        .close("div")
        .el("h1", s.id(), "class", "mono").el("p", s.rule(), "class", "lead")
        .open("dl", "class", "facts")
        .el("dt", "Level").open("dd").append(Fmt.level(s.level())).close("dd")
        .el("dt", "Area").el("dd", s.area())
        .el("dt", "asyncio methods").open("dd");
    for (String api : s.apis()) {
      h.open("a", "class", "api mono", "href", "../methods.html#" + Names.methodAnchor(api))
          .text(api).close("a");
    }
    h.close("dd").el("dt", "Reference").el("dd", s.reference() == null ? "\u2013" : s.reference())
        .close("dl");
    h.el("h2", "Results").open("table", "class", "data").open("thead").open("tr")
        .el("th", "Loop").el("th", "Run").el("th", "Outcome").el("th", "Duration")
        .el("th", "Message").close("tr").close("thead").open("tbody");
    for (Column c : m.columns()) {
      Result r = m.result(s, c);
      h.open("tr", "data-col", c.key()).open("td")
          .el("a", c.loop().name(), "href", "../" + Names.loopPage(c.loop().id())).close("td")
          .el("td", c.run().id() + " \u00b7 " + Fmt.runLabel(c.run()));
      if (r == null) {
        h.el("td", "not run", "class", "muted").el("td", "").el("td", "");
      } else {
        h.open("td").append(Fmt.outcome(r.outcome())).close("td")
            .el("td", Fmt.duration(r.durationMs()), "class", "num")
            .el("td", r.message(), "class", "msg");
      }
      h.close("tr");
    }
    h.close("tbody").close("table");
    for (Column c : m.columns()) {
      Result r = m.result(s, c);
      if (r == null) {
        continue;
      }
      h.open("section", "class", "result", "data-col", c.key()).open("h3")
          .text(c.loop().name() + " \u00b7 " + c.run().id() + " ").append(Fmt.outcome(r.outcome()))
          .close("h3");
      if (r.message() != null) {
        h.el("p", r.message(), "class", "msg");
      }
      if (r.detail() != null && !r.detail().isEmpty()) {
        h.el("pre", r.detail(), "class", "detail");
      }
      h.el("div", "Reproduce (from your project, with the TCK on the test class path):",
              "class", "muted")
          .el("pre", Reproduce.command(c, s.id()), "class", "cmd").close("section");
    }
    return Page.render(s.id(), "../", null, hasBench, h, null);
  }
}
