package dev.jloop.matrix.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A results file that cannot be read: malformed JSON, an unknown format version, or a missing or
 * invalid field. The message names the file, where in it the problem is (a JSON path such as
 * {@code $.results[3].outcome}) and what is wrong.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ResultsFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String where;
  private final String problem;

  /**
   * @param file the file; never null
   * @param where a JSON path ({@code $} for the whole document) or a line/column; never null
   * @param problem what is wrong, for people; never null
   */
  public ResultsFormatException(Path file, String where, String problem) {
    this(file, where, problem, null);
  }

  /** As {@link #ResultsFormatException(Path, String, String)}, with the underlying cause. */
  public ResultsFormatException(Path file, String where, String problem, Throwable cause) {
    super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(where, "where")
        + ": " + Objects.requireNonNull(problem, "problem"), cause);
    this.file = file;
    this.where = where;
    this.problem = problem;
  }

  /** The file that could not be read. */
  public Path file() {
    return file;
  }

  /** Where in the file: a JSON path or {@code line L, column C}. */
  public String where() {
    return where;
  }

  /** What is wrong, without the file and location. */
  public String problem() {
    return problem;
  }
}
