package dev.jloop.matrix.internal.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import dev.jloop.matrix.io.MatrixJsonWriter;
import dev.jloop.matrix.model.BenchRun;
import dev.jloop.matrix.model.Matrix;
import dev.jloop.matrix.model.Scenario;
import dev.jloop.matrix.model.Scores;

/**
 * Writes the whole site into a directory: {@code index.html} (the matrix), {@code methods.html},
 * {@code loops.html}, {@code bench.html} (with benchmark results), {@code scenario/*.html},
 * {@code loop/*.html}, {@code badge/*.svg}, {@code matrix.json}, {@code matrix.md} and the
 * {@value #MARKER} file that lets the command line replace an older site safely. Every page is
 * self-contained (inline CSS and script, no network).
 */
public final class SiteWriter {
  /** Name of the marker file every generated site holds. */
  public static final String MARKER = ".jloop-matrix";
  private static final int PROGRESS_EVERY = 250;
  private static final int PROGRESS_FROM = 500;

  private SiteWriter() {}

  /**
   * Writes the site.
   *
   * @param matrix the merged results; never null
   * @param bench benchmark results files, one section each on the benchmark page; null or empty
   *     for none (then there is no benchmark page)
   * @param dir an existing, empty directory; never null
   * @param progress receives a line now and then when the site is large; never null
   * @return the number of files written
   */
  public static int write(Matrix matrix, List<BenchRun> bench, Path dir,
      Consumer<String> progress) throws IOException {
    Objects.requireNonNull(matrix, "matrix");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(progress, "progress");
    boolean hasBench = bench != null && !bench.isEmpty();
    Files.createDirectories(dir.resolve("scenario"));
    Files.createDirectories(dir.resolve("loop"));
    Files.createDirectories(dir.resolve("badge"));
    int pages = matrix.scenarios().size() + 2 * matrix.loopIds().size() + (hasBench ? 7 : 6);
    boolean large = pages >= PROGRESS_FROM;
    if (large) {
      progress.accept("writing " + pages + " files");
    }
    int n = 0;
    write(dir.resolve(MARKER), "written by jloop matrix-report; the directory is replaced as a "
        + "whole on the next run\n");
    write(dir.resolve("index.html"), MatrixPage.render(matrix, hasBench));
    write(dir.resolve("methods.html"), MethodsPage.render(matrix, hasBench));
    write(dir.resolve("loops.html"), LoopsPage.render(matrix, hasBench));
    write(dir.resolve("matrix.md"), MarkdownReport.render(matrix));
    MatrixJsonWriter.write(matrix, dir.resolve("matrix.json"));
    n += 6;
    if (hasBench) {
      write(dir.resolve("bench.html"), BenchPage.render(bench));
      n++;
    }
    for (String loopId : matrix.loopIds()) {
      write(dir.resolve(Names.loopPage(loopId)), LoopPage.render(matrix, loopId, hasBench));
      write(dir.resolve(Names.badge(loopId)), Badge.render(
          matrix.columnsOf(loopId).get(0).loop().name(), Scores.requiredForLoop(matrix, loopId)));
      n += 2;
    }
    for (Scenario s : matrix.scenarios()) {
      write(dir.resolve(Names.scenarioPage(s.id())), ScenarioPage.render(matrix, s, hasBench));
      if (++n % PROGRESS_EVERY == 0 && large) {
        progress.accept("wrote " + n + "/" + pages + " files");
      }
    }
    return n;
  }

  private static void write(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
