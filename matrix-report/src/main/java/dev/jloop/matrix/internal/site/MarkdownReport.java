package dev.jloop.matrix.internal.site;

import java.util.List;
import java.util.Map;
import dev.jloop.matrix.model.ApiTiers;
import dev.jloop.matrix.model.Column;
import dev.jloop.matrix.model.Level;
import dev.jloop.matrix.model.Matrix;
import dev.jloop.matrix.model.Outcome;
import dev.jloop.matrix.model.Result;
import dev.jloop.matrix.model.Scenario;
import dev.jloop.matrix.model.Scores;
import dev.jloop.matrix.model.Tier;

/**
 * matrix.md, for a README: scores per loop and run, counts per area, the three-tier summary by
 * asyncio method, and every FAILED, TIMED_OUT, ERROR or LEAKED result (NOT_IMPLEMENTED and
 * SKIPPED are only counted). Every untrusted string goes through {@link Escape#markdown}.
 */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(Matrix m) {
    StringBuilder b = new StringBuilder("# jloop compatibility matrix\n\n");
    b.append(m.scenarios().size()).append(" scenarios in ").append(m.areas().size())
        .append(" areas; ").append(m.runs().size()).append(" runs. The site (`index.html`) ")
        .append("has every cell, message and detail.\n\n## Scores\n\n")
        .append("| Loop | Run | REQUIRED | STRICT | OPTIONAL | Not implemented | Failing |\n")
        .append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (Column c : m.columns()) {
      Map<Outcome, Integer> counts = Scores.outcomes(m, c);
      int failing = counts.get(Outcome.FAILED) + counts.get(Outcome.TIMED_OUT)
          + counts.get(Outcome.ERROR) + counts.get(Outcome.LEAKED);
      b.append("| ").append(Escape.markdown(c.loop().name())).append(" | ")
          .append(Escape.markdown(c.run().id() + ": " + Fmt.runLabel(c.run())));
      for (Level l : Level.values()) {
        b.append(" | ").append(Scores.level(m, l, c).text());
      }
      b.append(" | ").append(counts.get(Outcome.NOT_IMPLEMENTED)).append(" | ").append(failing)
          .append(" |\n");
    }
    b.append("\n## By area\n\n| Area |");
    for (Column c : m.columns()) {
      b.append(' ').append(Escape.markdown(c.loop().id() + " " + c.run().id())).append(" |");
    }
    b.append("\n| --- |").append(" ---: |".repeat(m.columns().size())).append('\n');
    for (String area : m.areas()) {
      b.append("| ").append(Escape.markdown(area)).append(" |");
      for (Column c : m.columns()) {
        b.append(' ').append(Scores.area(m, area, c).text()).append(" |");
      }
      b.append('\n');
    }
    b.append("\n## asyncio methods\n");
    for (String loopId : m.loopIds()) {
      Map<String, Tier> tiers = ApiTiers.of(m, m.columnsOf(loopId));
      b.append("\n### ").append(Escape.markdown(m.columnsOf(loopId).get(0).loop().name()))
          .append("\n\n");
      for (Tier t : List.of(Tier.SUPPORTED, Tier.PARTIAL, Tier.NOT_IMPLEMENTED)) {
        List<String> names = tiers.entrySet().stream().filter(e -> e.getValue() == t)
            .map(e -> Escape.markdown(e.getKey())).toList();
        b.append("- **").append(t.title()).append("** (").append(names.size()).append("): ")
            .append(names.isEmpty() ? "none" : String.join(", ", names)).append('\n');
      }
    }
    b.append("\n## Failing\n\n");
    int n = 0;
    for (Scenario s : m.scenarios()) {
      for (Column c : m.columns()) {
        Result r = m.result(s, c);
        if (r != null && isFailing(r.outcome())) {
          n++;
          b.append("- ").append(r.outcome().name()).append(": ")
              .append(Escape.markdown(s.id())).append(" on ")
              .append(Escape.markdown(c.loop().id() + " (" + c.run().id() + ")"));
          if (r.message() != null) {
            b.append(": ").append(Escape.markdown(r.message()));
          }
          b.append('\n');
        }
      }
    }
    if (n == 0) {
      b.append("Nothing failed.\n");
    }
    return b.toString();
  }

  private static boolean isFailing(Outcome o) {
    return o == Outcome.FAILED || o == Outcome.TIMED_OUT || o == Outcome.ERROR
        || o == Outcome.LEAKED;
  }
}
