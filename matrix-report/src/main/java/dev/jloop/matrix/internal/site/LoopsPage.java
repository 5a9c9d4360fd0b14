package dev.jloop.matrix.internal.site;

import dev.jloop.matrix.model.Column;
import dev.jloop.matrix.model.Level;
import dev.jloop.matrix.model.Matrix;
import dev.jloop.matrix.model.Scores;

/** loops.html: every loop with its badge and per-run scores by level. */
final class LoopsPage {
  private LoopsPage() {}

  static String render(Matrix m, boolean hasBench) {
    Html h = new Html().el("h1", "Loops")
        .el("p", "Every loop in the matrix, with its REQUIRED badge (passed in every run / "
            + "counted) and its score per level in each run.", "class", "lead")
        .open("div", "class", "cards");
    for (String loopId : m.loopIds()) {
      Column first = m.columnsOf(loopId).get(0);
      h.open("div", "class", "card", "data-loop", loopId).open("h3")
          .el("a", first.loop().name(), "href", Names.loopPage(loopId)).close("h3")
          .open("p").empty("img", "src", Names.badge(loopId), "alt", "REQUIRED score badge")
          .close("p").open("table", "class", "data").open("thead").open("tr").el("th", "Run");
      for (Level l : Level.values()) {
        h.el("th", l.name());
      }
      h.close("tr").close("thead").open("tbody");
      for (Column c : m.columnsOf(loopId)) {
        h.open("tr").el("td", c.run().id() + " \u00b7 " + Fmt.runLabel(c.run()));
        for (Level l : Level.values()) {
          h.open("td").append(Fmt.tally(Scores.level(m, l, c))).close("td");
        }
        h.close("tr");
      }
      h.close("tbody").close("table").close("div");
    }
    return Page.render("Loops", "", Page.Nav.LOOPS, hasBench, h.close("div"), null);
  }
}
