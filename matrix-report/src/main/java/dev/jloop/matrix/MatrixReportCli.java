package dev.jloop.matrix;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import dev.jloop.matrix.internal.cli.OutputDir;
import dev.jloop.matrix.internal.cli.Terminal;
import dev.jloop.matrix.internal.site.SiteWriter;
import dev.jloop.matrix.io.BenchReader;
import dev.jloop.matrix.io.ResultsFormatException;
import dev.jloop.matrix.io.ResultsReader;
import dev.jloop.matrix.model.BenchRun;
import dev.jloop.matrix.model.Column;
import dev.jloop.matrix.model.Level;
import dev.jloop.matrix.model.Matrix;
import dev.jloop.matrix.model.MatrixMerger;
import dev.jloop.matrix.model.RunResults;
import dev.jloop.matrix.model.Scores;
import org.apiguardian.api.API;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code matrix-report --out DIR [--bench FILE]... RESULTS.json...}: reads TCK results (and merged
 * {@code matrix.json} files), merges them and writes the compatibility matrix site, with a
 * benchmark page for the benchmark results files, if any. Progress goes
 * to standard error, the site's path and a summary table to standard output. Exit codes:
 * {@value #OK} written, {@value #BAD_INPUT} bad input, {@value #USAGE} usage,
 * {@value #CANNOT_WRITE} output not writable. Nothing half-written is ever left in {@code DIR}.
 */
@API(status = API.Status.STABLE, since = "0.1")
@Command(name = "matrix-report", sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Reads jloop TCK results.json files (or matrix.json files from earlier runs), merges "
            + "them and writes the compatibility matrix: a static site that works from file:// "
            + "with no network, plus matrix.json, matrix.md and a badge per loop.",
        ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the site was written",
        "1:an input is missing, unreadable, malformed JSON, of an unknown format version, or "
            + "invalid",
        "2:wrong usage (unknown option, no input, an input given twice)",
        "3:the output directory could not be written; DIR is left as it was"},
    footerHeading = "%nExample:%n",
    footer = {"  matrix-report --out target/matrix tck-engine/target/jloop-tck/results.json",
        "  matrix-report --out target/matrix --bench bench/target/bench-results.json "
            + "--bench bench/target/echo-results.json tck-engine/target/jloop-tck/results.json"})
public final class MatrixReportCli implements Callable<Integer> {
  /** The site was written. */
  public static final int OK = 0;
  /** An input file is missing or invalid. */
  public static final int BAD_INPUT = 1;
  /** Wrong command-line usage (picocli's own code for it). */
  public static final int USAGE = 2;
  /** The output directory could not be written. */
  public static final int CANNOT_WRITE = 3;

  @Spec
  private CommandSpec spec;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
      description = "Directory to write the site to. Replaced as a whole; an existing DIR must be "
          + "empty or a site written by matrix-report.")
  private Path out;

  @Option(names = "--bench", paramLabel = "FILE",
      description = "Benchmark results (e.g. bench/target/bench-results.json, "
          + "bench/target/echo-results.json or JMH's JSON output); adds the benchmark page, with a "
          + "section per file. Repeatable.")
  private List<Path> bench = new ArrayList<>();

  @Option(names = {"-q", "--quiet"}, description = "Print no progress, only errors and the result.")
  private boolean quiet;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Parameters(arity = "1..*", paramLabel = "RESULTS.json",
      description = "TCK results files (format jloop-tck-results/1) or merged matrix.json files "
          + "(jloop-matrix/1), one per run; from different loops, machines, JDKs or OSes.")
  private List<Path> inputs;

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** A configured command line; tests call {@code execute} on it with their own writers. */
  public static CommandLine commandLine() {
    return new CommandLine(new MatrixReportCli()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Set<Path> seen = new HashSet<>();
    for (Path in : inputs) {
      if (!seen.add(in.toAbsolutePath().normalize())) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "input given twice: " + Terminal.clean(in.toString()));
      }
    }
    for (Path in : bench) {
      if (!seen.add(in.toAbsolutePath().normalize())) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "benchmark file given twice, or also as a results file: " + Terminal.clean(in.toString()));
      }
    }
    try {
      OutputDir.check(out.toAbsolutePath().normalize(), SiteWriter.MARKER);
    } catch (IOException e) {
      return fail(CANNOT_WRITE, "cannot write the site: " + e.getMessage());
    }
    List<RunResults> runs = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Path in = inputs.get(i);
      try {
        List<RunResults> read = ResultsReader.read(in);
        runs.addAll(read);
        progress("read %d/%d %s: %s", i + 1, inputs.size(), in, describe(read));
      } catch (IOException e) {
        return fail(BAD_INPUT, inputProblem(in, e));
      }
    }
    List<BenchRun> benchRuns = new ArrayList<>();
    for (Path in : bench) {
      try {
        BenchReader.Bench b = BenchReader.read(in);
        b.warnings().forEach(w -> progress("warning: %s", w));
        benchRuns.add(b.run());
        progress("read %s: %d benchmark scores, %d targets", in, b.results().size(),
            b.run().targets().size());
      } catch (IOException e) {
        return fail(BAD_INPUT, inputProblem(in, e));
      }
    }
    Matrix matrix = MatrixMerger.merge(runs);
    matrix.warnings().forEach(w -> err.println("matrix-report: warning: " + Terminal.clean(w)));
    int[] files = new int[1];
    try {
      OutputDir.replace(out, SiteWriter.MARKER, dir -> files[0] = SiteWriter.write(matrix,
          benchRuns, dir, line -> progress("%s", line)));
    } catch (IOException e) {
      return fail(CANNOT_WRITE, "cannot write the site to " + out + ": " + e);
    }
    summary(matrix, files[0]);
    return OK;
  }

  private String inputProblem(Path in, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file: " + in;
    }
    if (e instanceof ResultsFormatException) {
      return e.getMessage();
    }
    if (Files.isDirectory(in)) {
      return in + " is a directory; give the results.json file in it";
    }
    return "cannot read " + in + ": " + e;
  }

  private static String describe(List<RunResults> read) {
    StringBuilder b = new StringBuilder();
    for (RunResults r : read) {
      int loops = r.run().loops().size();
      b.append(b.isEmpty() ? "" : "; ").append(loops).append(loops == 1 ? " loop, " : " loops, ")
          .append(r.scenarios().size()).append(" scenarios, ").append(r.results().size())
          .append(" results (").append(r.run().info().host().jdk()).append(", ")
          .append(r.run().info().host().os()).append(')');
    }
    return b.toString();
  }

  private void summary(Matrix m, int files) {
    PrintWriter o = spec.commandLine().getOut();
    Path index = out.toAbsolutePath().normalize().resolve("index.html");
    o.println("matrix-report: wrote " + files + " files; open " + Terminal.clean(index.toString()));
    String row = "%-22s %-5s %-10s %-10s %-10s %s%n";
    o.printf(Locale.ROOT, row, "loop", "run", "REQUIRED", "STRICT", "OPTIONAL", "JDK / OS");
    for (Column c : m.columns()) {
      o.printf(Locale.ROOT, row, Terminal.clean(c.loop().id()), c.run().id(),
          Scores.level(m, Level.REQUIRED, c).text(), Scores.level(m, Level.STRICT, c).text(),
          Scores.level(m, Level.OPTIONAL, c).text(),
          Terminal.clean(c.run().info().host().jdk() + " / " + c.run().info().host().os()));
    }
    o.flush();
  }

  private void progress(String format, Object... args) {
    if (!quiet) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("matrix-report: " + Terminal.clean(String.format(Locale.ROOT, format, args)));
      err.flush();
    }
  }

  private int fail(int code, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("matrix-report: error: " + Terminal.clean(message));
    err.flush();
    return code;
  }
}
