package dev.jloop.matrix.model;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One benchmark results file: its scores, the targets as measured, and what the file says
 * about the run that produced it ({@code run.meta}, {@code run.host}, ...). Strings are untrusted.
 *
 * @param source the file's name, e.g. {@code "bench-micro-2026-11-26.json"}; never null
 * @param suite the file's {@code suite}, e.g. {@code "micro"} or {@code "echo"}, or null
 * @param command the command that measured it ({@code run.meta.command}), or null
 * @param startedAt when the run started, as the file gives it (ISO-8601), or null
 * @param finishedAt when it finished, or null
 * @param machine one line on the machine and runtimes (OS, CPUs, JDK, Pythons, load), or null
 * @param results the scores, in file order; never null or empty
 * @param targets the targets, in file order; never null, may be empty
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BenchRun(String source, String suite, String command, String startedAt,
    String finishedAt, String machine, List<BenchResult> results, List<BenchTarget> targets) {
  public BenchRun {
    Objects.requireNonNull(source, "source");
    results = List.copyOf(Objects.requireNonNull(results, "results"));
    targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
    if (results.isEmpty()) {
      throw new IllegalArgumentException("results must not be empty");
    }
  }
}
