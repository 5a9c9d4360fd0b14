package dev.jloop.matrix.internal.site;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import dev.jloop.matrix.model.Column;
import dev.jloop.matrix.model.Level;
import dev.jloop.matrix.model.Matrix;
import dev.jloop.matrix.model.Outcome;
import dev.jloop.matrix.model.Result;
import dev.jloop.matrix.model.Scenario;
import dev.jloop.matrix.model.Scores;

/**
 * index.html: the matrix. Each cell's tooltip gives the outcome and the first line of the result's
 * message: a failure's diagnosis, or a PASSED result's note ("2345 programs passed ..."); the
 * scenario page has the whole of it. Rendered complete on the server side; the inline script only filters
 * (by level, area, outcome and text, all mirrored in the URL hash, e.g.
 * {@code #level=REQUIRED&outcome=FAILED}), collapses areas and recounts the visible rows. It reads
 * its data from a JSON island whose text is escaped with {@link Escape#jsonInScript}.
 */
final class MatrixPage {
  static final String SCRIPT = Page.resource("matrix.js");
  private static final JsonMapper JSON = new JsonMapper();

  private MatrixPage() {}

  static String render(Matrix m, boolean hasBench) {
    Html h = new Html();
    List<Column> cols = m.columns();
    h.el("h1", "asyncio compatibility matrix")
        .el("p", m.scenarios().size() + " scenarios in " + m.areas().size() + " areas, "
            + m.loopIds().size() + " loops, " + m.runs().size() + " runs, "
            + m.resultCount() + " results. Hover over or focus a cell for its message; "
            + "open a scenario for details and the command that reproduces it.", "class", "lead")
        .append(Fmt.legend());
    filters(h, m);
    h.open("div", "class", "tablewrap matrixwrap").open("table", "class", "matrix", "id", "matrix")
        .open("thead").open("tr", "class", "cols").el("th", "Scenario", "class", "corner",
            "scope", "col");
    for (Column c : cols) {
      h.open("th", "scope", "col", "data-col", c.key(), "title", Fmt.columnTitle(c))
          .el("a", c.loop().name(), "class", "loopname", "href", Names.loopPage(c.loop().id()))
          .el("span", c.loop().version() + " \u00b7 " + c.run().id(), "class", "runinfo")
          .el("span", Fmt.runLabel(c.run()), "class", "runinfo").close("th");
    }
    h.close("tr");
    for (Level level : Level.values()) {
      h.open("tr", "class", "score").el("th", level.name() + " passed", "scope", "row");
      for (Column c : cols) {
        h.open("td", "data-col", c.key(), "data-level", level.name())
            .append(Fmt.tally(Scores.level(m, level, c))).close("td");
      }
      h.close("tr");
    }
    h.close("thead");
    int row = 0;
    for (String area : m.areas()) {
      String areaId = "area-" + Names.file(area);
      h.open("tbody", "class", "area", "id", areaId, "data-area", area)
          .open("tr", "class", "arearow").open("th", "scope", "rowgroup")
          .open("button", "type", "button", "aria-expanded", "true")
          .el("span", "\u25be", "class", "caret", "aria-hidden", "true").text(area)
          .el("span", m.scenarios(area).size() + " scenarios", "class", "nsc")
          .close("button").close("th");
      for (Column c : cols) {
        h.open("td", "class", "areacount", "data-col", c.key())
            .append(Fmt.tally(Scores.area(m, area, c))).close("td");
      }
      h.close("tr");
      for (Scenario s : m.scenarios(area)) {
        scenarioRow(h, m, s, row++);
      }
      h.close("tbody");
    }
    h.close("table").close("div");
    h.open("script", "type", "application/json", "id", "matrix-model")
        .raw(Escape.jsonInScript(model(m))).close("script");
    return Page.render("Matrix", "", Page.Nav.MATRIX, hasBench, h, SCRIPT);
  }

  private static void filters(Html h, Matrix m) {
    h.open("form", "class", "filters", "id", "filters", "role", "search",
        "aria-label", "Filter scenarios");
    h.open("label").text("Level").open("select", "name", "level")
        .el("option", "All levels", "value", "");
    for (Level l : Level.values()) {
      h.el("option", l.name(), "value", l.name());
    }
    h.close("select").close("label");
    h.open("label").text("Area").open("select", "name", "area")
        .el("option", "All areas", "value", "");
    for (String area : m.areas()) {
      h.el("option", area, "value", area);
    }
    h.close("select").close("label");
    h.open("label").text("Outcome (any loop)").open("select", "name", "outcome")
        .el("option", "Any outcome", "value", "")
        .el("option", "Anything but PASSED", "value", "NOT_PASSED");
    for (Outcome o : Outcome.values()) {
      h.el("option", o.symbol() + " " + o.name(), "value", o.name());
    }
    h.close("select").close("label");
    h.open("label").text("Search").empty("input", "type", "search", "name", "q",
        "placeholder", "id, rule, method, message").close("label");
    h.el("button", "Expand all", "type", "button", "id", "expand-all")
        .el("button", "Collapse all", "type", "button", "id", "collapse-all")
        .el("span", "Showing all " + m.scenarios().size() + " scenarios", "class", "shown",
            "id", "shown", "aria-live", "polite")
        .close("form");
  }

  private static void scenarioRow(Html h, Matrix m, Scenario s, int row) {
    String shortId = s.id().startsWith(s.area() + ".") ? s.id().substring(s.area().length() + 1)
        : s.id();
    h.open("tr", "class", "sc", "data-id", s.id(), "data-level", s.level().name())
        .open("th", "scope", "row").append(Fmt.level(s.level())).text(" ")
        .el("a", shortId, "href", Names.scenarioPage(s.id()), "title", s.id() + ": " + s.rule())
        .close("th");
    int col = 0;
    for (Column c : m.columns()) {
      Result r = m.result(s, c);
      if (r == null) {
        h.open("td", "class", "cell o-none", "data-outcome", "NONE", "data-col", c.key())
            .el("span", "\u2013", "title", "not run").close("td");
      } else {
        String tip = "tip-" + row + "-" + col;
        Outcome o = r.outcome();
        h.open("td", "class", "cell " + o.cssClass(), "data-outcome", o.name(),
                "data-col", c.key(), "tabindex", "0", "aria-describedby", tip)
            .el("span", o.symbol(), "class", "sym", "aria-hidden", "true").text(o.label())
            .open("span", "class", "tip", "role", "tooltip", "id", tip)
            .el("b", o.name()).text(" \u00b7 " + c.loop().name() + " \u00b7 " + c.run().id()
                + (r.durationMs() == null ? "" : " \u00b7 " + Fmt.duration(r.durationMs())));
        if (r.message() != null && !r.message().isBlank()) {
          h.raw("<br>").text(Fmt.firstLine(r.message()));
        }
        h.close("span").close("td");
      }
      col++;
    }
    h.close("tr");
  }

  /** The data island: columns, and per scenario its filter keys and per-column outcome. */
  private static String model(Matrix m) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode columns = root.putArray("columns");
    m.columns().forEach(c -> columns.add(c.key()));
    ArrayNode rows = root.putArray("rows");
    for (Scenario s : m.scenarios()) {
      ObjectNode r = rows.addObject().put("id", s.id()).put("area", s.area())
          .put("level", s.level().name());
      StringBuilder text = new StringBuilder(s.id()).append(' ').append(s.rule());
      s.apis().forEach(a -> text.append(' ').append(a));
      ArrayNode outcomes = r.putArray("outcomes");
      for (Column c : m.columns()) {
        Result res = m.result(s, c);
        outcomes.add(res == null ? null : res.outcome().name());
        if (res != null && res.message() != null) {
          text.append(' ').append(res.message());
        }
      }
      r.put("text", text.toString());
    }
    return root.toString();
  }
}
