package dev.jloop.tck.mutants;

import static dev.jloop.tck.Outcome.FAILED;
import static dev.jloop.tck.Outcome.LEAKED;
import static dev.jloop.tck.Outcome.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.jloop.tck.JloopTck;
import dev.jloop.tck.Outcome;
import dev.jloop.tck.TckRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * The TCK tests itself, as the Reactive Streams TCK does: each deliberately broken loop (a mutant
 * of the reference loop, see the providers in this package) must be caught by its named scenario,
 * with the expected outcome and a message that says what went wrong, while a control scenario
 * that does not touch the mutation still passes. Prints the mutation score and writes it to
 * {@code target/jloop-tck/mutation-score-<backend>.txt}.
 */
class MutantsTest {
  /** The control scenario: every working loop passes it. */
  static final String CONTROL = "lifecycle.run-until-complete-returns-result";

  /**
   * One mutant and how it must be caught.
   *
   * @param name the provider id without {@code mutant-}
   * @param scenario the scenario that must catch it
   * @param outcome the outcome that scenario must report
   * @param fragments text the JUnit failure message must contain
   * @param controlPasses whether the control scenario must still pass
   */
  record Mutant(String name, String scenario, Outcome outcome, List<String> fragments, boolean controlPasses) {
    @Override
    public String toString() {
      return name + " -> " + scenario + " " + outcome;
    }
  }

  private static final Map<String, Boolean> CAUGHT = new ConcurrentHashMap<>();

  static Stream<Mutant> mutants() {
    return Stream.of(
        m("lifo-timers", "timers.equal-deadline-fifo", FAILED,
            "timers sharing one deadline: expected order [A, B, C, D, E], observed [E, D, C, B, A]"),
        m("early-timers", "timers.never-early", FAILED, "after it was scheduled by the loop clock"),
        m("inline-call-soon", "callbacks.never-inline", FAILED,
            "expected order [after callSoon returned, inner], observed [inner, after callSoon returned]"),
        m("lifo-call-soon", "callbacks.fifo", FAILED, "first difference at position 0: expected 0, observed 999"),
        m("detached-handles", "callbacks.cancelled-handle-skipped", FAILED,
            "expected order [kept], observed [cancelled, kept]"),
        m("detached-timer-handles", "timers.cancel", FAILED, "the cancelled timer ran"),
        m("forgetful-stop", "lifecycle.stop-before-run", FAILED, "expected order [ready], observed [ready, guard]"),
        m("double-pass", "lifecycle.stop-defers-new-callbacks", FAILED,
            "a callback scheduled in the stopping pass ran before runForever returned"),
        m("nested-run-allowed", "lifecycle.nested-run-rejected", FAILED,
            "runForever() inside the running loop: expected IllegalStateException, observed \"no exception\""),
        m("millisecond-clock", "timers.time-in-seconds", FAILED, "time() advanced"),
        m("no-wakeup", "threads.threadsafe-wakes-blocked-loop", FAILED,
            "did not wake up for callSoonThreadsafe(stop) from another thread"),
        m("spinning", "timers.wait-without-spinning", FAILED, "of CPU while waiting"),
        m("inline-executor", "executors.job-off-loop-thread", FAILED, "the executor job ran on the loop thread"),
        m("result-on-worker", "executors.result-set-on-loop-thread", FAILED, "its result was set off the loop thread"),
        m("never-shutdown", "executors.shutdown-default-executor", TIMED_OUT, "did not finish within its budget"),
        m("threadsafe-on-caller", "threads.threadsafe-runs-on-loop-thread", FAILED, "thread that ran the callback"),
        m("no-debug-check", "bad-input.debug-wrong-thread", FAILED,
            "callSoon from another thread in debug mode: expected IllegalStateException"),
        m("swallowing-errors", "exceptions.handler-context-keys", FAILED, "number of reports: expected 1, observed 0"),
        m("sync-done-callbacks", "futures.callbacks-not-synchronous", FAILED,
            "expected order [setResult returned, callback], observed [callback, setResult returned]"),
        m("lost-cancel-message", "cancellation.at-await-with-message", FAILED,
            "message of the CancelledException at the await: expected \"stop now\", observed null"),
        m("sticky-cancelling", "cancellation.uncancel", FAILED, "expected [1, 0, 0], observed [1, 1, 1]"),
        m("null-accepting", "bad-input.null-callback", FAILED,
            "callSoon(null): expected NullPointerException, observed no exception"),
        m("closed-accepting", "bad-input.closed-loop-scheduling", FAILED,
            "callSoon on a closed loop: expected IllegalStateException, observed no exception"),
        m("drops-last-chunk", "tcp.integrity", FAILED, "bytes received: expected 1048576, observed"),
        m("no-flow-control", "tcp.flow-control", FAILED, "pause_writing never came"),
        m("lost-twice", "tcp.connection-lost-once-after-close", FAILED, "expected [false, 1, null, true], observed [false, 2,"),
        m("lost-never", "tcp.connection-lost-once-after-close", TIMED_OUT, "did not finish within its budget"),
        m("no-eof", "tcp.call-order", FAILED, "expected order [made, data, eof, lost], observed [made, data, lost]"),
        m("server-keeps-listening", "tcp.server-close", FAILED,
            "connecting to a closed server: expected ConnectException, observed \"connected\""),
        m("sock-recv-hangs", "sockets.sock-recv-eof", TIMED_OUT, "did not finish within its budget"),
        m("sticky-reader", "sockets.add-reader", FAILED, "bytes read after removeReader: expected \"abc\", observed \"abcd\""),
        m("no-hostname-check", "tls.hostname-verified", FAILED, "expected an SSLException, observed \"connected\""),
        broken("hang-in-close", "lifecycle.close-idempotent", TIMED_OUT, "did not finish within its budget"),
        broken("leaky-pipe", "lifecycle.close-idempotent", LEAKED, "open file descriptor", "pipe:"),
        broken("leaky-thread", "lifecycle.close-idempotent", LEAKED, "stray thread", "jloop-mutant-helper"));
  }

  private static Mutant m(String name, String scenario, Outcome outcome, String... fragments) {
    return new Mutant(name, scenario, outcome, List.of(fragments), true);
  }

  private static Mutant broken(String name, String scenario, Outcome outcome, String... fragments) {
    return new Mutant(name, scenario, outcome, List.of(fragments), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutants")
  void caughtByItsScenario(Mutant mutant) {
    String loop = "mutant-" + mutant.name();
    CAUGHT.put(loop, false);
    TckRun run = TckRun.loops(loop).param(JloopTck.TIMEOUT_SCALE, "0.3");
    List<UniqueId> ids = new ArrayList<>();
    ids.add(TckRun.scenarioId(loop, mutant.scenario()));
    if (mutant.controlPasses()) {
      ids.add(TckRun.scenarioId(loop, CONTROL));
    }
    EngineExecutionResults results = run.kit().selectors(ids.stream().map(id -> selectUniqueId(id)).toList()
        .toArray(new org.junit.platform.engine.DiscoverySelector[0])).execute();

    TestExecutionResult caught = finished(results, ids.get(0))
        .orElseThrow(() -> new AssertionError(mutant.scenario() + " did not run on " + loop));
    assertEquals(TestExecutionResult.Status.FAILED, caught.getStatus(), mutant + " was not caught: " + caught);
    String message = caught.getThrowable().orElseThrow().getMessage();
    assertTrue(message.startsWith("loop `" + loop + "`"), "the message must name the loop: " + message);
    for (String fragment : mutant.fragments()) {
      assertTrue(message.contains(fragment), "expected the message to contain \"" + fragment + "\": " + message);
    }
    assertEquals(mutant.outcome().name(), run.result(loop, mutant.scenario()).get("outcome").asText(),
        "outcome in results.json");
    if (mutant.outcome() == TIMED_OUT) {
      String dump = run.result(loop, mutant.scenario()).get("detail").asText();
      assertTrue(dump.contains("\"jloop-tck-" + loop + "-" + mutant.scenario() + "\""), "thread dump: " + dump);
    }
    if (mutant.controlPasses()) {
      assertEquals(TestExecutionResult.Status.SUCCESSFUL, finished(results, ids.get(1)).orElseThrow().getStatus(),
          "the control scenario " + CONTROL + " must pass on " + loop + ": the mutation must be the only defect");
    }
    CAUGHT.put(loop, true);
  }

  /** A provider whose newLoop() throws makes its loop an ERROR, and the run carries on. */
  @org.junit.jupiter.api.Test
  void throwingProviderIsAnErrorForItsLoop() {
    String loop = "mutant-throwing-provider";
    CAUGHT.put(loop, false);
    TckRun run = TckRun.loops(loop + ",reference");
    EngineExecutionResults results = run.kit()
        .selectors(selectUniqueId(TckRun.scenarioId(loop, CONTROL)), selectUniqueId(TckRun.scenarioId("reference", CONTROL)))
        .execute();
    TestExecutionResult loopResult = finished(results, TckRun.loopId(loop)).orElseThrow();
    assertEquals(TestExecutionResult.Status.FAILED, loopResult.getStatus());
    String message = loopResult.getThrowable().orElseThrow().getMessage();
    assertTrue(message.contains("loop `" + loop + "`") && message.contains("could not create a loop")
        && message.contains("IllegalStateException: no loop today"), message);
    assertEquals("ERROR", run.result(loop, CONTROL).get("outcome").asText());
    assertEquals(TestExecutionResult.Status.SUCCESSFUL,
        finished(results, TckRun.scenarioId("reference", CONTROL)).orElseThrow().getStatus(),
        "the next loop still runs");
    CAUGHT.put(loop, true);
  }

  static Optional<TestExecutionResult> finished(EngineExecutionResults results, UniqueId id) {
    return results.allEvents().stream()
        .filter(e -> e.getType() == EventType.FINISHED && e.getTestDescriptor().getUniqueId().equals(id))
        .findFirst()
        .map(Event::getPayload)
        .flatMap(p -> p.map(TestExecutionResult.class::cast));
  }

  @AfterAll
  static void mutationScore() throws IOException {
    Map<String, Boolean> sorted = new TreeMap<>(CAUGHT);
    long caught = sorted.values().stream().filter(b -> b).count();
    String backend = System.getProperty("jloop.coroutine.backend", "auto");
    StringBuilder sb = new StringBuilder("jloop-tck mutation score: " + caught + "/" + sorted.size()
        + " caught (coroutine backend " + backend + ")\n");
    sorted.forEach((k, v) -> sb.append("  ").append(v ? "caught   " : "MISSED   ").append(k).append('\n'));
    System.out.print(sb);
    Path out = Path.of("target", "jloop-tck", "mutation-score-" + backend + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, sb.toString());
  }
}
