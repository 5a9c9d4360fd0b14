package dev.jloop.fuzz;

import static dev.jloop.fuzz.program.Ops.at;
import static dev.jloop.fuzz.program.Ops.awaitJob;
import static dev.jloop.fuzz.program.Ops.cancel;
import static dev.jloop.fuzz.program.Ops.cancelTask;
import static dev.jloop.fuzz.program.Ops.executor;
import static dev.jloop.fuzz.program.Ops.future;
import static dev.jloop.fuzz.program.Ops.later;
import static dev.jloop.fuzz.program.Ops.onDone;
import static dev.jloop.fuzz.program.Ops.setResult;
import static dev.jloop.fuzz.program.Ops.sleep;
import static dev.jloop.fuzz.program.Ops.soon;
import static dev.jloop.fuzz.program.Ops.stop;
import static dev.jloop.fuzz.program.Ops.task;
import static dev.jloop.fuzz.program.Ops.threadsafe;

import dev.jloop.fuzz.program.GenSettings.Feature;
import dev.jloop.fuzz.program.Program;
import java.util.EnumMap;
import java.util.Map;

/** One small program per op family: what {@link Fuzz#checkImplemented} runs to learn what a loop lacks. */
final class FeatureProbes {
  static final Map<Feature, Program> PROGRAMS = new EnumMap<>(Map.of(
      Feature.TIMERS, Program.of(later(1, 0.0), at(2, 0.0)),
      Feature.THREADS, Program.of(threadsafe(1)),
      Feature.FUTURES, Program.of(future(1), onDone(1, 1), setResult(1)),
      Feature.TASKS, Program.of(task(1, sleep(0.001)), cancelTask(1)),
      Feature.EXECUTOR, Program.of(executor(1), task(1, awaitJob(2))),
      Feature.STOP, Program.of(stop()),
      Feature.CANCEL, Program.of(soon(1), cancel(1))));

  private FeatureProbes() {}
}
