package dev.jloop.fuzz;

import dev.jloop.EventLoop;
import dev.jloop.fuzz.internal.ProgramRunner;
import dev.jloop.fuzz.model.AsyncioModel;
import dev.jloop.fuzz.model.Level;
import dev.jloop.fuzz.model.TraceModel;
import dev.jloop.fuzz.model.Violation;
import dev.jloop.fuzz.program.GenSettings;
import dev.jloop.fuzz.program.Program;
import dev.jloop.fuzz.program.ProgramGenerator;
import dev.jloop.fuzz.program.ProgramShrinker;
import dev.jloop.fuzz.prop.Failure;
import dev.jloop.fuzz.prop.Property;
import dev.jloop.fuzz.prop.PropertyRunner;
import dev.jloop.fuzz.trace.Trace;
import dev.jloop.spi.LoopProvider;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Scheduler fuzzing of a loop: generated programs run on fresh loops, each trace checked by
 * {@link AsyncioModel}; the first failing program is shrunk and reported as Java and Python.
 *
 * <pre>{@code
 * FuzzReport r = Fuzz.check(LoopProviders.find("reference"), FuzzOptions.fromSystemProperties());
 * assertTrue(r.passed(), r::summary);   // "loop `reference`: 812 programs passed ..."
 * }</pre>
 *
 * <p>Runs on the calling thread (each program on a loop thread of its own, started and stopped
 * here). A loop that lacks a method the programs use makes {@code check} throw that
 * {@link UnsupportedOperationException}; narrow {@link FuzzOptions#generator()} to avoid it.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Fuzz {
  private Fuzz() {}

  /** {@link #check(LoopProvider, FuzzOptions)} with {@link FuzzOptions#fromSystemProperties()}. */
  public static FuzzReport check(LoopProvider provider) {
    return check(provider, FuzzOptions.fromSystemProperties());
  }

  /** Fuzzes the loops {@code provider} makes. */
  public static FuzzReport check(LoopProvider provider, FuzzOptions options) {
    Objects.requireNonNull(provider, "provider");
    return check(provider.id(), provider::newLoop, options);
  }

  /** Fuzzes the loops {@code loops} makes, checked by asyncio's model at the options' level. */
  public static FuzzReport check(String loopId, Supplier<EventLoop> loops, FuzzOptions options) {
    Objects.requireNonNull(options, "options");
    return check(loopId, loops, options, new AsyncioModel(options.level()));
  }

  /**
   * Fuzzes the loops {@code loops} makes against {@code model} (another model than asyncio's:
   * to test the fuzzer itself).
   *
   * @throws NullPointerException if an argument is {@code null}
   * @throws UnsupportedOperationException if the loop lacks a method the programs need
   */
  public static FuzzReport check(String loopId, Supplier<EventLoop> loops, FuzzOptions options,
      TraceModel model) {
    Objects.requireNonNull(loopId, "loopId");
    Objects.requireNonNull(loops, "loops");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(model, "model");
    try (ProgramRunner runner = runner(loopId, loops, options)) {
      Map<Program, Run> failing = new HashMap<>();
      long start = System.nanoTime();
      long[] firstFailure = {0};
      Property<Program> property = p -> {
        Trace t = runner.run(p);
        List<Violation> vs = model.check(t);
        if (vs.isEmpty()) {
          return Optional.empty();
        }
        if (firstFailure[0] == 0) {
          firstFailure[0] = System.nanoTime();
        }
        failing.put(p, new Run(t, vs.get(0)));
        return Optional.of(new Failure(vs.get(0).rule().id(), vs.get(0).message()));
      };
      PropertyRunner.Result<Program> r = PropertyRunner.run(new ProgramGenerator(options.generator()),
          property, ProgramShrinker.phases(), new PropertyRunner.Settings(options.masterSeed(),
              options.replay(), new PropertyRunner.Budget(options.maxPrograms(), options.time()),
              options.shrink()));
      Duration fuzzTime = Duration.ofNanos((firstFailure[0] == 0 ? System.nanoTime() : firstFailure[0]) - start);
      Optional<FuzzCounterexample> cx = r.counterexample().map(c -> {
        Program shrunk = c.shrunk().value();
        Run run = failing.get(shrunk);
        int again = 0;
        for (int i = 0; i < 3; i++) {
          List<Violation> vs = model.check(runner.run(shrunk));
          again += !vs.isEmpty() && vs.get(0).rule() == run.violation().rule() ? 1 : 0;
        }
        return new FuzzCounterexample(loopId, c.seed(), c.original(), shrunk, run.violation(),
            run.trace(), c.shrunk().steps(), c.shrunk().attempts(), again);
      });
      return new FuzzReport(loopId, options.level(), r.cases(),
          Duration.ofNanos(System.nanoTime() - start), fuzzTime, options.masterSeed(), cx,
          runner.abandonedThreads(), Map.of());
    }
  }

  /**
   * {@link #check(String, Supplier, FuzzOptions)} on what the loop implements: one small
   * program per {@link GenSettings.Feature} runs first, and a family whose program makes the loop
   * throw {@link UnsupportedOperationException} is left out of the fuzzing (and named in the
   * report), as the TCK calls an API to learn whether a loop lacks it.
   */
  public static FuzzReport checkImplemented(String loopId, Supplier<EventLoop> loops, FuzzOptions options) {
    Objects.requireNonNull(loopId, "loopId");
    Objects.requireNonNull(loops, "loops");
    Objects.requireNonNull(options, "options");
    Map<GenSettings.Feature, String> leftOut = new EnumMap<>(GenSettings.Feature.class);
    try (ProgramRunner runner = runner(loopId, loops, options)) {
      for (Map.Entry<GenSettings.Feature, Program> probe : FeatureProbes.PROGRAMS.entrySet()) {
        if (options.generator().has(probe.getKey())) {
          try {
            runner.run(probe.getValue());
          } catch (UnsupportedOperationException e) {
            leftOut.put(probe.getKey(), String.valueOf(e.getMessage()));
          }
        }
      }
    }
    EnumSet<GenSettings.Feature> features = EnumSet.noneOf(GenSettings.Feature.class);
    features.addAll(options.generator().features());
    features.removeAll(leftOut.keySet());
    FuzzReport r = check(loopId, loops, options.withGenerator(options.generator().withFeatures(features)));
    return r.withLeftOut(leftOut);
  }

  /** {@link #run(String, Supplier, Program, FuzzOptions)} with the default options. */
  public static Trace run(String loopId, Supplier<EventLoop> loops, Program program) {
    return run(loopId, loops, program, FuzzOptions.fromSystemProperties());
  }

  /**
   * Runs {@code program} once on a loop from {@code loops} and returns its trace; the options
   * give the clock resolution and the hang and program timeouts.
   *
   * @throws IllegalArgumentException if the program is not valid
   */
  public static Trace run(String loopId, Supplier<EventLoop> loops, Program program, FuzzOptions options) {
    Objects.requireNonNull(loopId, "loopId");
    Objects.requireNonNull(loops, "loops");
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(options, "options");
    try (ProgramRunner runner = runner(loopId, loops, options)) {
      return runner.run(program);
    }
  }

  /** Runs {@code program} once on a loop of {@code provider}; the rules it broke, at STRICT level. */
  public static List<Violation> replay(LoopProvider provider, Program program) {
    Objects.requireNonNull(provider, "provider");
    return new AsyncioModel(Level.STRICT).check(run(provider.id(), provider::newLoop, program));
  }

  private static ProgramRunner runner(String loopId, Supplier<EventLoop> loops, FuzzOptions o) {
    return new ProgramRunner(loopId, loops, o.clockResolution(), o.hangTimeout(), o.programTimeout());
  }

  private record Run(Trace trace, Violation violation) {}
}
