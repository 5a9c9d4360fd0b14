package dev.jloop.matrix.internal.site;

import java.util.List;
import dev.jloop.matrix.model.ApiTiers;
import dev.jloop.matrix.model.Column;
import dev.jloop.matrix.model.Matrix;
import dev.jloop.matrix.model.Scenario;
import dev.jloop.matrix.model.Scores;
import dev.jloop.matrix.model.Tally;
import dev.jloop.matrix.model.Tier;

/** methods.html: the three-tier summary, one row per asyncio method and one column per loop. */
final class MethodsPage {
  private MethodsPage() {}

  static String render(Matrix m, boolean hasBench) {
    Html h = new Html().el("h1", "asyncio methods")
        .el("p", "Support per loop, computed from the results: supported when every scenario "
            + "naming the method passed, not implemented when every one reported "
            + "NOT_IMPLEMENTED, partial otherwise. Skipped results are left out; all of a "
            + "loop's runs count.", "class", "lead")
        .open("div", "class", "tablewrap fit").open("table", "class", "data", "id", "methods")
        .open("thead").open("tr").el("th", "Method").el("th", "Scenarios");
    List<String> loops = m.loopIds();
    for (String loopId : loops) {
      h.open("th").el("a", m.columnsOf(loopId).get(0).loop().name(), "href",
          Names.loopPage(loopId)).close("th");
    }
    h.close("tr").close("thead").open("tbody");
    for (String method : ApiTiers.methods(m)) {
      List<Scenario> naming = m.scenarios().stream().filter(s -> s.apis().contains(method))
          .toList();
      h.open("tr", "id", Names.methodAnchor(method)).el("th", method, "class", "mono")
          .el("td", String.valueOf(naming.size()), "class", "num");
      for (String loopId : loops) {
        List<Column> cols = m.columnsOf(loopId);
        Tier tier = ApiTiers.tier(m, method, cols);
        int passed = 0;
        int total = 0;
        for (Column c : cols) {
          Tally t = Scores.of(m, naming, c);
          passed += t.passed();
          total += t.total();
        }
        h.open("td", "data-loop", loopId, "data-tier", tier.name()).append(Fmt.tier(tier))
            .el("span", " " + passed + "/" + total, "class", "muted").close("td");
      }
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    return Page.render("asyncio methods", "", Page.Nav.METHODS, hasBench, h, null);
  }
}
