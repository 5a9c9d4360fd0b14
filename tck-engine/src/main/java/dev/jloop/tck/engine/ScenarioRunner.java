package dev.jloop.tck.engine;

import dev.jloop.EventLoop;
import dev.jloop.spi.LoopProvider;
import dev.jloop.tck.Outcome;
import dev.jloop.tck.catalog.ScenarioSpec;
import dev.jloop.tck.scenario.ScenarioContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Locale;

/**
 * Runs one scenario against one loop on a thread of its own, within the scenario's budget, then
 * checks for leaks.
 *
 * <p>If the budget runs out, the thread is dumped, its loops are asked to stop (through
 * {@code callSoonThreadsafe}, the one call that is safe from another thread), the thread is
 * interrupted and then abandoned: the loop is never touched from the engine's thread, and the
 * run goes on with the next scenario. An abandoned thread is a daemon, so it cannot keep the JVM
 * alive.
 */
final class ScenarioRunner {
  private static final long ABANDON_WAIT_MS = 250;

  private final TckConfig config;
  private final LeakChecker leaks;

  ScenarioRunner(TckConfig config, LeakChecker leaks) {
    this.config = config;
    this.leaks = leaks;
  }

  Verdict run(ScenarioSpec spec, LoopProvider provider, String loopId) throws InterruptedException {
    LeakChecker.Snapshot before = config.leakCheck() ? leaks.snapshot() : null;
    ScenarioContext ctx = new ScenarioContext(loopId, provider::newLoop, spec.id(), spec.rule(),
        config.timeoutScale());
    Attempt attempt = new Attempt(spec, ctx, config.millis(2.0));
    Thread runner = leaks.own(new Thread(attempt, "jloop-tck-" + loopId + "-" + spec.id()));
    runner.setDaemon(true);
    long t0 = System.nanoTime();
    runner.start();
    long budgetMs = config.millis(spec.budgetSeconds());
    runner.join(budgetMs);
    if (runner.isAlive()) {
      return timedOut(spec, loopId, ctx, runner, attempt.phase, budgetMs);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    Verdict v = Classifier.classify(spec, loopId, attempt.creationError, attempt.failure(),
        attempt.closeError).withDuration(ms);
    if (v.outcome() == Outcome.PASSED && ctx.note() != null) {
      v = v.withMessage(ctx.note());
    }
    if (before != null && v.outcome() == Outcome.PASSED) {
      LeakChecker.Report leaked = leaks.awaitClean(before, config.millis(2.0));
      if (!leaked.clean()) {
        String msg = "loop `" + loopId + "`: left " + leaked.describe()
            + " after the scenario closed its loops. Rule " + spec.id() + ": " + spec.rule();
        v = new Verdict(Outcome.LEAKED, msg, null, new ScenarioLeak(msg), ms);
      }
    }
    return v;
  }

  private Verdict timedOut(ScenarioSpec spec, String loopId, ScenarioContext ctx, Thread runner,
      String phase, long budgetMs) throws InterruptedException {
    StackTraceElement[] stack = runner.getStackTrace();
    String dump = ThreadDump.of(runner);
    abandon(ctx.loops(), runner);
    String msg = String.format(Locale.ROOT,
        "loop `%s`: scenario %s did not finish within its budget of %.1f s while %s (timeoutScale %s);"
            + " its thread was dumped and abandoned",
        loopId, spec.id(), budgetMs / 1000.0, phase, config.timeoutScale());
    ScenarioError error = new ScenarioError(msg, null);
    error.setStackTrace(stack);
    return new Verdict(Outcome.TIMED_OUT, msg, dump, error, budgetMs);
  }

  private void abandon(List<EventLoop> loops, Thread runner) throws InterruptedException {
    Thread stopper = leaks.own(new Thread(() -> {
      for (EventLoop loop : loops) {
        try {
          if (loop.isRunning()) {
            loop.callSoonThreadsafe(loop::stop);
          }
        } catch (Throwable ignored) {
          // best effort: the loop is broken already
        }
      }
    }, "jloop-tck-abandon-" + runner.getName()));
    stopper.setDaemon(true);
    stopper.start();
    stopper.join(ABANDON_WAIT_MS);
    runner.interrupt();
    runner.join(ABANDON_WAIT_MS);
  }

  /** The scenario thread's work: create the loop, run the body, join workers, close the loops. */
  private static final class Attempt implements Runnable {
    private final ScenarioSpec spec;
    private final ScenarioContext ctx;
    private final long workerJoinMs;
    volatile String phase = "creating the loop (provider newLoop())";
    volatile Throwable creationError;
    volatile Throwable bodyError;
    volatile Throwable workerError;
    volatile Throwable closeError;

    Attempt(ScenarioSpec spec, ScenarioContext ctx, long workerJoinMs) {
      this.spec = spec;
      this.ctx = ctx;
      this.workerJoinMs = workerJoinMs;
    }

    Throwable failure() {
      return bodyError != null ? bodyError : workerError;
    }

    @Override
    public void run() {
      try {
        ctx.loop();
      } catch (Throwable t) {
        creationError = t;
        return;
      }
      phase = "running the scenario body";
      try {
        Constructor<?> c = spec.method().getDeclaringClass().getDeclaredConstructor();
        c.setAccessible(true);
        spec.method().invoke(c.newInstance(), ctx);
      } catch (InvocationTargetException e) {
        bodyError = e.getCause();
      } catch (Throwable t) {
        bodyError = t;
      }
      phase = "joining the scenario's worker threads";
      try {
        workerError = ctx.joinWorkers(workerJoinMs);
      } catch (InterruptedException e) {
        workerError = e;
      }
      phase = "closing the loop (close())";
      List<EventLoop> loops = ctx.loops();
      for (int i = loops.size() - 1; i >= 0; i--) {
        try {
          loops.get(i).close();
        } catch (Throwable t) {
          if (closeError == null) {
            closeError = t;
          }
        }
      }
      phase = "finished";
    }
  }
}
