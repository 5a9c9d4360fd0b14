package dev.jloop.tck.engine;

import dev.jloop.spi.LoopProvider;
import dev.jloop.tck.Outcome;
import dev.jloop.tck.catalog.Catalog;
import dev.jloop.tck.catalog.Contributions;
import java.util.Map;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Executes a discovered tree: loops one after another, scenarios one after another (leak checks
 * need a quiet JVM), each on its own thread within its budget, and writes the results file.
 *
 * <p>NOT_IMPLEMENTED and SKIPPED are reported to JUnit as <em>aborted</em>, not skipped: JUnit's
 * "skipped" means a test was never started, while these scenarios did start and found out at run
 * time, exactly what an assumption failure is. Surefire and IDEs show aborted tests as skipped,
 * with the reason. With {@code jloop.tck.unimplemented=fail}, NOT_IMPLEMENTED is a failure.
 */
final class TckExecution {
  private static final System.Logger LOG = System.getLogger("dev.jloop.tck");

  private final ExecutionRequest request;
  private final EngineExecutionListener listener;
  private final String tckVersion;
  private TckConfig config;
  private ResultsFile results;
  private ScenarioRunner runner;
  private LeakChecker leaks;
  private boolean settingsLogged;

  TckExecution(ExecutionRequest request, String tckVersion) {
    this.request = request;
    this.listener = request.getEngineExecutionListener();
    this.tckVersion = tckVersion;
  }

  void run() {
    TestDescriptor engine = request.getRootTestDescriptor();
    listener.executionStarted(engine);
    if (engine.getChildren().isEmpty()) {
      listener.executionFinished(engine, TestExecutionResult.successful());
      return;
    }
    TestExecutionResult outcome = TestExecutionResult.successful();
    try {
      config = TckConfig.from(request.getConfigurationParameters());
      results = new ResultsFile();
      leaks = new LeakChecker();
      runner = new ScenarioRunner(config, leaks);
      for (TestDescriptor child : engine.getChildren()) {
        if (child instanceof ContributionDescriptor c) {
          reportProblems(c);
        } else {
          runLoop((LoopDescriptor) child);
        }
      }
      Catalog catalog = ((TckEngineDescriptor) engine).catalog();
      results.write(config.results(), config, tckVersion, catalog.scenarios().size());
      LOG.log(System.Logger.Level.INFO, "jloop-tck results " + results.counts() + " written to "
          + config.results().toAbsolutePath());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = TestExecutionResult.aborted(e);
    } catch (Exception e) {
      outcome = TestExecutionResult.failed(e);
    }
    listener.executionFinished(engine, outcome);
  }

  private void reportProblems(ContributionDescriptor c) {
    listener.executionStarted(c);
    for (TestDescriptor child : c.getChildren()) {
      Contributions.Problem p = ((ContributionDescriptor.Problem) child).problem();
      LOG.log(System.Logger.Level.WARNING, "jloop-tck: " + p.message());
      listener.executionStarted(child);
      listener.executionFinished(child, TestExecutionResult.failed(new ScenarioError(p.message(), p.cause())));
    }
    listener.executionFinished(c, TestExecutionResult.successful());
  }

  private void runLoop(LoopDescriptor loop) throws InterruptedException {
    LoopProvider p = loop.provider();
    results.loop(new ResultsFile.Loop(loop.loopId(), safe(p::displayName, p.getClass().getName()),
        safe(p::version, "unknown"), p.getClass().getName()));
    if (cancelled()) {
      skipAll(loop, "the run was cancelled");
      return;
    }
    listener.executionStarted(loop);
    if (!settingsLogged) {
      // logged inside the first loop, so that build tools file it with that loop's output
      LOG.log(System.Logger.Level.INFO, config.describe());
      settingsLogged = true;
    }
    LoopProbe.Result probe = LoopProbe.run(p, loop.loopId(), config, leaks);
    if (probe.creationError() != null) {
      String msg = "loop `" + loop.loopId() + "`: provider " + p.getClass().getName()
          + " could not create a loop: " + dev.jloop.tck.scenario.ScenarioContext.describe(probe.creationError());
      Verdict v = new Verdict(Outcome.ERROR, msg, Verdict.excerpt(probe.creationError()), null, 0);
      forEachScenario(loop, s -> results.add(loop.loopId(), s.spec(), v));
      listener.executionFinished(loop, TestExecutionResult.failed(new ScenarioError(msg, probe.creationError())));
      return;
    }
    if (probe.coroutineBackend() != null) {
      results.coroutineBackend(probe.coroutineBackend());
    }
    for (TestDescriptor area : loop.getChildren()) {
      listener.executionStarted(area);
      for (TestDescriptor s : area.getChildren()) {
        runScenario((ScenarioDescriptor) s);
      }
      listener.executionFinished(area, TestExecutionResult.successful());
    }
    listener.executionFinished(loop, TestExecutionResult.successful());
  }

  private void runScenario(ScenarioDescriptor s) throws InterruptedException {
    if (cancelled()) {
      String reason = "the run was cancelled";
      results.add(s.loopId(), s.spec(), new Verdict(Outcome.SKIPPED, reason, null, null, 0));
      listener.executionSkipped(s, reason);
      return;
    }
    listener.executionStarted(s);
    Verdict v = runner.run(s.spec(), ((LoopDescriptor) s.getParent().orElseThrow().getParent().orElseThrow())
        .provider(), s.loopId());
    results.add(s.loopId(), s.spec(), v);
    if (v.outcome() != Outcome.PASSED) {
      listener.reportingEntryPublished(s, ReportEntry.from(Map.of(
          "jloop.outcome", v.outcome().name(), "jloop.message", v.message())));
    } else if (v.message() != null) {
      listener.reportingEntryPublished(s, ReportEntry.from("jloop.note", v.message()));
    }
    listener.executionFinished(s, toJUnit(v));
  }

  private TestExecutionResult toJUnit(Verdict v) {
    return switch (v.outcome()) {
      case PASSED -> TestExecutionResult.successful();
      case NOT_IMPLEMENTED -> config.unimplementedFails()
          ? TestExecutionResult.failed(new AssertionFailedError(v.message() + " (" + "jloop.tck.unimplemented=fail)", v.error()))
          : TestExecutionResult.aborted(new TestAbortedException(v.message(), v.error()));
      case SKIPPED -> TestExecutionResult.aborted(new TestAbortedException(v.message()));
      default -> TestExecutionResult.failed(v.error());
    };
  }

  private void skipAll(LoopDescriptor loop, String reason) {
    forEachScenario(loop, s -> results.add(loop.loopId(), s.spec(), new Verdict(Outcome.SKIPPED, reason, null, null, 0)));
    listener.executionSkipped(loop, reason);
  }

  private static void forEachScenario(LoopDescriptor loop, java.util.function.Consumer<ScenarioDescriptor> action) {
    for (TestDescriptor area : loop.getChildren()) {
      for (TestDescriptor s : area.getChildren()) {
        action.accept((ScenarioDescriptor) s);
      }
    }
  }

  private boolean cancelled() {
    return request.getCancellationToken().isCancellationRequested();
  }

  private static String safe(java.util.function.Supplier<String> s, String fallback) {
    try {
      String v = s.get();
      return v != null ? v : fallback;
    } catch (RuntimeException e) {
      return fallback + " (" + e.getClass().getSimpleName() + ")";
    }
  }
}
