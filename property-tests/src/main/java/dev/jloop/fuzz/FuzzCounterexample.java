package dev.jloop.fuzz;

import dev.jloop.fuzz.model.Violation;
import dev.jloop.fuzz.program.AstPrinter;
import dev.jloop.fuzz.program.JavaPrinter;
import dev.jloop.fuzz.program.Op;
import dev.jloop.fuzz.program.Program;
import dev.jloop.fuzz.program.PythonPrinter;
import dev.jloop.fuzz.trace.Trace;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A program that broke a rule on a loop, shrunk, with everything needed to reproduce it.
 *
 * @param loop the loop's id
 * @param seed the seed that generates {@code original} ({@code -Djloop.fuzz.seed=})
 * @param original the generated program
 * @param shrunk the smallest program found that breaks the same rule
 * @param violation the shrunk program's (first) violation
 * @param trace the shrunk program's trace
 * @param shrinkSteps accepted shrinking steps
 * @param shrinkRuns programs run while shrinking
 * @param reproduced how many of three re-runs of the shrunk program broke the rule again
 */
@API(status = API.Status.STABLE, since = "0.1")
public record FuzzCounterexample(String loop, long seed, Program original, Program shrunk,
    Violation violation, Trace trace, int shrinkSteps, int shrinkRuns, int reproduced) {
  /** @throws NullPointerException if an argument is {@code null} */
  public FuzzCounterexample {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(shrunk, "shrunk");
    Objects.requireNonNull(violation, "violation");
    Objects.requireNonNull(trace, "trace");
  }

  /** How long the printed snippets run the loop: past the last deadline, plus margin. */
  private double runSeconds() {
    double last = 0;
    for (Op op : shrunk.flatten()) {
      if (op instanceof Op.CallLater o) {
        last += Math.max(0, o.delay());
      } else if (op instanceof Op.CallAt o) {
        last = Math.max(last, o.offset()) + 0.001;
      } else if (op instanceof Op.Sleep o) {
        last += o.seconds();
      }
    }
    return Math.round((last + 0.1) * 1000) / 1000.0;
  }

  /** The shrunk program as plain Java on the loop. */
  public String java() {
    return JavaPrinter.print(shrunk, loop, runSeconds());
  }

  /** The shrunk program as an equivalent Python asyncio script. */
  public String python() {
    return PythonPrinter.print(shrunk, runSeconds(), false);
  }

  /** The shrunk program as replayable Java ({@code Fuzz.replay}). */
  public String ast() {
    return AstPrinter.print(shrunk);
  }

  /** The whole report: rule, seed, sizes, the three printed forms and the trace. */
  @Override
  public String toString() {
    return "loop `" + loop + "` broke rule " + violation.rule().id() + " ("
        + violation.rule().level() + "): " + violation.rule().sentence() + "\n"
        + "  observed: " + violation.message() + "\n"
        + "  seed " + FuzzOptions.formatSeed(seed) + " (replay: -Djloop.fuzz.seed="
        + FuzzOptions.formatSeed(seed) + "); shrunk from " + original.size() + " to " + shrunk.size()
        + " ops in " + shrinkSteps + " steps (" + shrinkRuns + " runs); re-runs failing: "
        + reproduced + "/3\n\n"
        + "--- replay (Fuzz.replay with dev.jloop.fuzz.program.Ops.*) ---\n" + ast() + "\n\n"
        + "--- Java ---\n" + java() + "\n"
        + "--- Python asyncio ---\n" + python() + "\n"
        + "--- trace of the shrunk program ---\n" + trace.dump();
  }
}
