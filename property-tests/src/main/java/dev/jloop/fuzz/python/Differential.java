package dev.jloop.fuzz.python;

import dev.jloop.fuzz.FuzzOptions;
import dev.jloop.fuzz.model.Rule;
import dev.jloop.fuzz.model.TraceModel;
import dev.jloop.fuzz.model.Violation;
import dev.jloop.fuzz.program.AstPrinter;
import dev.jloop.fuzz.program.GenSettings;
import dev.jloop.fuzz.program.Program;
import dev.jloop.fuzz.program.ProgramGenerator;
import dev.jloop.fuzz.program.ProgramShrinker;
import dev.jloop.fuzz.prop.Failure;
import dev.jloop.fuzz.prop.Minimizer;
import dev.jloop.fuzz.prop.Source;
import dev.jloop.fuzz.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Differential runs: the programs the fuzzer generates, run on a Python loop through a
 * {@link PythonDriver}, their traces checked by the same model as jloop's loops. A failure is
 * either a bug in the model or a real difference between loops; the report names the rule and
 * the program (shrunk, with its seed).
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Differential {
  private static final int BATCH = 100;

  private Differential() {}

  /**
   * A program whose trace on the Python loop broke a rule.
   *
   * @param seed the program's seed
   * @param original the generated program
   * @param violations the rules its trace broke
   * @param trace its trace
   * @param shrunk the smallest program found that breaks the same rule (the original if none)
   * @param shrunkTrace the trace of a re-run of {@code shrunk}
   * @param reproduced whether that re-run broke the same rule (false: timing-dependent)
   */
  public record Outcome(long seed, Program original, List<Violation> violations, Trace trace,
      Program shrunk, Trace shrunkTrace, boolean reproduced) {
    @Override
    public String toString() {
      return "seed " + FuzzOptions.formatSeed(seed) + ": " + violations.get(0) + "\n"
          + (reproduced ? "shrunk to " + shrunk.size() + " ops:\n" + AstPrinter.print(shrunk) + "\n"
              + shrunkTrace.dump()
              : "did not reproduce when shrunk; the original program:\n" + AstPrinter.print(original)
                  + "\n" + trace.dump());
    }
  }

  /**
   * What a differential run found.
   *
   * @param loop the Python loop, as its driver describes itself
   * @param programs programs run
   * @param failures programs whose trace broke a rule, shrunk (at most {@code maxFailures})
   * @param failed how many programs broke a rule in all
   * @param byRule for each rule broken, by how many programs
   * @param elapsed wall time
   */
  public record Report(String loop, int programs, List<Outcome> failures, int failed,
      Map<Rule, Integer> byRule, Duration elapsed) {
    /** Programs whose traces satisfied the model. */
    public int agreed() {
      return programs - failed;
    }

    /** One line: "cpython-asyncio 3.11.7: 500 of 500 programs satisfy the model". */
    public String summary() {
      return loop + ": " + agreed() + " of " + programs + " programs satisfy the model ("
          + elapsed.toMillis() + " ms)" + (failures.isEmpty() ? "" : "; first failure:\n" + failures.get(0));
    }
  }

  /**
   * Runs {@code count} programs drawn from {@code masterSeed} on {@code driver}'s loop, in
   * batches, and checks each trace with {@code model}; shrinks up to {@code maxShrunk} failures.
   */
  public static Report run(PythonDriver driver, long masterSeed, int count, GenSettings gen,
      TraceModel model, int maxShrunk) {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(gen, "gen");
    Objects.requireNonNull(model, "model");
    long start = System.nanoTime();
    ProgramGenerator generator = new ProgramGenerator(gen);
    Source seeds = new Source(masterSeed);
    List<Outcome> failures = new ArrayList<>();
    Map<Rule, Integer> byRule = new EnumMap<>(Rule.class);
    int failed = 0;
    for (int done = 0; done < count; done += BATCH) {
      List<Long> batchSeeds = new ArrayList<>();
      List<Program> batch = new ArrayList<>();
      for (int i = done; i < Math.min(count, done + BATCH); i++) {
        long seed = seeds.nextSeed();
        batchSeeds.add(seed);
        batch.add(generator.fromSeed(seed));
      }
      List<Trace> traces = driver.run(batch);
      for (int i = 0; i < batch.size(); i++) {
        List<Violation> vs = model.check(traces.get(i));
        if (!vs.isEmpty()) {
          failed++;
          vs.stream().map(Violation::rule).distinct().forEach(r -> byRule.merge(r, 1, Integer::sum));
          if (failures.size() < maxShrunk) {
            failures.add(shrink(driver, batchSeeds.get(i), batch.get(i), vs, traces.get(i), model));
          }
        }
      }
    }
    return new Report(driver.describe(), count, failures, failed, Map.copyOf(byRule),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** Shrinks a program that broke a rule on {@code driver}'s loop, keeping the same rule. */
  public static Outcome shrink(PythonDriver driver, long seed, Program program,
      List<Violation> violations, Trace trace, TraceModel model) {
    Minimizer.Result<Program> r = Minimizer.minimize(program,
        new Failure(violations.get(0).rule().id(), violations.get(0).message()),
        ProgramShrinker.phases(), p -> first(model.check(driver.run(p))),
        new Minimizer.Limits(300, Duration.ofSeconds(30)));
    Trace again = driver.run(r.value());
    List<Violation> vs = model.check(again);
    boolean reproduced = !vs.isEmpty() && vs.get(0).rule() == violations.get(0).rule();
    return new Outcome(seed, program, violations, trace, r.value(), again, reproduced);
  }

  private static Optional<Failure> first(List<Violation> vs) {
    return vs.isEmpty() ? Optional.empty() : Optional.of(new Failure(vs.get(0).rule().id(), vs.get(0).message()));
  }
}
