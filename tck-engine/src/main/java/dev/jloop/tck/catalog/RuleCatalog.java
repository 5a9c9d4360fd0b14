package dev.jloop.tck.catalog;

import dev.jloop.tck.Level;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Writes {@code docs/tck-rules.md}: every scenario with its id, level, rule, apis and reference,
 * area by area, and how many of the CPython tests that apply to a loop some scenario mirrors.
 * {@code main} renders {@link Catalog#builtIn()}: tck-engine cannot see the libraries that
 * contribute areas (they depend on it), so those document their own areas; the text says whether
 * a rendered catalog includes contributed areas.
 *
 * <p>Run {@code main} with the output path (default {@code docs/tck-rules.md}); a test fails when
 * the committed file differs from what this renders.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class RuleCatalog {
  private static final Pattern CPYTHON_TEST = Pattern.compile("test_\\w+\\.\\w+\\.test_\\w+");
  private static final String CPYTHON_TESTS = "cpython-tests.txt";

  /** A CPython test and, if it does not apply to a jloop loop, why. */
  record CpythonTest(String id, String notApplicable) {
    String module() {
      return id.substring(0, id.indexOf('.'));
    }
  }

  private RuleCatalog() {}

  /** Writes the catalog to {@code args[0]}, or {@code docs/tck-rules.md}. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/tck-rules.md");
    Files.writeString(out, render(Catalog.builtIn()), StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath());
  }

  /** The Markdown text of the catalog. */
  public static String render(Catalog catalog) {
    StringBuilder md = new StringBuilder();
    md.append("# jloop TCK rule catalog\n\n")
        .append("Generated from the scenarios' annotations by `dev.jloop.tck.catalog.RuleCatalog`; do not edit by\n")
        .append("hand (see docs/tck-writing-scenarios.md). Levels: REQUIRED (asyncio guarantees it), STRICT\n")
        .append("(implementation-defined in asyncio, promised by good loops), OPTIONAL (an API a loop may lack).\n\n");
    contributions(md, catalog);
    summary(md, catalog);
    for (AreaSpec area : catalog.areas()) {
      md.append("\n## ").append(area.id()).append("\n\n").append(area.description()).append(" (`")
          .append(area.type().getSimpleName()).append('`')
          .append(catalog.contributor(area.id()).map(p -> ", contributed by `" + p + "`").orElse(""))
          .append(")\n\n")
          .append("| Id | Level | Rule | asyncio APIs | Reference |\n|---|---|---|---|---|\n");
      for (ScenarioSpec s : area.scenarios()) {
        md.append("| `").append(s.id()).append("` | ").append(s.level()).append(" | ").append(cell(s.rule()))
            .append(" | ").append(cell(String.join(", ", s.apis()))).append(" | ").append(cell(s.reference()))
            .append(" |\n");
      }
    }
    coverage(md, catalog);
    return md.toString();
  }

  /** Says whether the catalog holds areas contributed through AreaProvider, and which. */
  private static void contributions(StringBuilder md, Catalog catalog) {
    if (!catalog.hasContributedAreas()) {
      md.append("These are the TCK's built-in areas only. Areas contributed through `dev.jloop.tck.spi.AreaProvider`\n")
          .append("run too when their jar is on the test class path, and are documented by their library: the\n")
          .append("`fuzz` area of `dev.jloop:jloop-fuzz` in docs/fuzzing.md.\n\n");
      return;
    }
    md.append("This catalog includes areas contributed through `dev.jloop.tck.spi.AreaProvider`: ")
        .append(String.join(", ", catalog.areas().stream().filter(a -> catalog.contributor(a.id()).isPresent())
            .map(a -> "`" + a.id() + "`").toList()))
        .append(".\n\n");
  }

  private static void summary(StringBuilder md, Catalog catalog) {
    md.append("| Area | Scenarios | REQUIRED | STRICT | OPTIONAL |\n|---|---:|---:|---:|---:|\n");
    int[] total = new int[Level.values().length];
    for (AreaSpec a : catalog.areas()) {
      int[] n = new int[Level.values().length];
      a.scenarios().forEach(s -> n[s.level().ordinal()]++);
      md.append("| [").append(a.id()).append("](#").append(a.id()).append(") | ").append(a.scenarios().size());
      for (Level l : Level.values()) {
        md.append(" | ").append(n[l.ordinal()]);
        total[l.ordinal()] += n[l.ordinal()];
      }
      md.append(" |\n");
    }
    md.append("| **all** | **").append(catalog.scenarios().size()).append("**");
    for (int t : total) {
      md.append(" | **").append(t).append("**");
    }
    md.append(" |\n");
  }

  private static void coverage(StringBuilder md, Catalog catalog) {
    Set<String> referenced = new TreeSet<>();
    for (ScenarioSpec s : catalog.scenarios()) {
      Matcher m = CPYTHON_TEST.matcher(s.reference());
      while (m.find()) {
        referenced.add(m.group());
      }
    }
    Map<String, List<CpythonTest>> byModule = new LinkedHashMap<>();
    for (CpythonTest t : cpythonTests()) {
      byModule.computeIfAbsent(t.module(), k -> new ArrayList<>()).add(t);
    }
    md.append("\n## Coverage of CPython's tests\n\n")
        .append("How many of the CPython 3.11 tests in `EventLoopTestsMixin`, `test_futures`, `test_tasks`,\n")
        .append("`test_streams` and `test_sslproto` (and, for the combinators and primitives, `test_waitfor`,\n")
        .append("`test_timeouts`, `test_locks`, `test_queues`, `test_taskgroups` and `test_runners`) that apply to\n")
        .append("a jloop loop a scenario mirrors (its reference names the test). Tests of Python-only behaviour\n")
        .append("are listed apart with the reason.\n\n")
        .append("| Module | Apply | Mirrored | Coverage |\n|---|---:|---:|---:|\n");
    List<String> missing = new ArrayList<>();
    List<String> notApplicable = new ArrayList<>();
    int allApply = 0;
    int allCovered = 0;
    for (Map.Entry<String, List<CpythonTest>> e : byModule.entrySet()) {
      int apply = 0;
      int covered = 0;
      for (CpythonTest t : e.getValue()) {
        if (t.notApplicable() != null) {
          notApplicable.add("`" + t.id() + "`: " + t.notApplicable());
        } else {
          apply++;
          if (referenced.contains(t.id())) {
            covered++;
          } else {
            missing.add("`" + t.id() + "`");
          }
        }
      }
      allApply += apply;
      allCovered += covered;
      md.append("| ").append(e.getKey()).append(" | ").append(apply).append(" | ").append(covered).append(" | ")
          .append(percent(covered, apply)).append(" |\n");
    }
    md.append("| **all** | **").append(allApply).append("** | **").append(allCovered).append("** | **")
        .append(percent(allCovered, allApply)).append("** |\n\n");
    details(md, "Tests that apply and have no scenario yet (" + missing.size() + ")", missing);
    details(md, "Tests that do not apply to a jloop loop (" + notApplicable.size() + ")", notApplicable);
  }

  private static void details(StringBuilder md, String summary, List<String> lines) {
    md.append("<details><summary>").append(summary).append("</summary>\n\n");
    lines.forEach(l -> md.append("- ").append(l).append('\n'));
    md.append("\n</details>\n\n");
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%d%%", Math.round(100.0 * part / whole));
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  /** The CPython tests listed in {@value #CPYTHON_TESTS}, in file order. */
  static List<CpythonTest> cpythonTests() {
    List<CpythonTest> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        RuleCatalog.class.getResourceAsStream(CPYTHON_TESTS), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int na = line.indexOf("n/a:");
        out.add(na < 0 ? new CpythonTest(line.trim(), null)
            : new CpythonTest(line.substring(0, na).trim(), line.substring(na + 4).trim()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
