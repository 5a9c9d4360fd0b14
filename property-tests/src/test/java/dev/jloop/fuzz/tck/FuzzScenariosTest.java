package dev.jloop.fuzz.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.fuzz.FuzzOptions;
import dev.jloop.fuzz.FuzzReport;
import dev.jloop.fuzz.mutants.Mutants;
import dev.jloop.fuzz.program.GenSettings;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.spi.LoopProviders;
import dev.jloop.tck.Level;
import dev.jloop.tck.catalog.AreaSpec;
import dev.jloop.tck.catalog.Catalog;
import dev.jloop.tck.catalog.ScenarioSpec;
import dev.jloop.tck.scenario.ScenarioContext;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code fuzz} area meets the TCK catalog's rules and its scenarios judge loops: the
 * reference loop passes with a note of how many programs passed, a broken loop fails with the
 * shrunk program, a loop without run_in_executor is fuzzed without it. The scenarios are called
 * here as the engine calls them; {@link FuzzAreaEngineTest} runs them through the engine.
 */
@ExtendWith(ShortFuzzBudget.class)
class FuzzScenariosTest {
  private static final AreaSpec AREA = Catalog.load(List.of(FuzzScenarios.class)).areas().get(0);

  private static ScenarioSpec spec(String id) {
    return AREA.scenarios().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  /** Runs scenario {@code id} as the engine would and returns its note. */
  private static String run(String id, String loopId, Supplier<EventLoop> loops) throws Throwable {
    ScenarioSpec spec = spec(id);
    ScenarioContext ctx = new ScenarioContext(loopId, loops, id, spec.rule(), 1.0);
    try {
      spec.method().invoke(new FuzzScenarios(), ctx);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      ctx.loops().forEach(EventLoop::close);
    }
    return ctx.note();
  }

  @Test
  void theAreaMeetsTheCatalogRules() {
    assertEquals("fuzz", AREA.id());
    assertEquals(List.of("fuzz.required-rules", "fuzz.strict-rules"),
        AREA.scenarios().stream().map(ScenarioSpec::id).toList());
    assertEquals(Level.REQUIRED, spec("fuzz.required-rules").level());
    assertEquals(Level.STRICT, spec("fuzz.strict-rules").level());
  }

  @Test
  void theReferenceLoopPassesBothScenarios() throws Throwable {
    for (String id : List.of("fuzz.required-rules", "fuzz.strict-rules")) {
      String note = run(id, "reference", LoopProviders.find("reference")::newLoop);
      assertTrue(note.matches("\\d+ programs? passed \\(" + spec(id).level() + " rules\\) in .*"), note);
    }
  }

  @Test
  void aBrokenLoopFailsWithTheShrunkProgram() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> run("fuzz.required-rules", "lifo", Mutants.LifoCallSoon::new));
    assertTrue(e.getMessage().startsWith("loop `lifo`: rule callbacks."), e.getMessage());
    assertTrue(e.getMessage().contains("Program.of("), e.getMessage());
    assertTrue(e.getMessage().contains("import asyncio"), e.getMessage());
  }

  @Test
  void aMissingMethodIsLeftOutNotFailed() throws Throwable {
    String note = run("fuzz.required-rules", "no-executor", NoExecutor::new);
    assertTrue(note.contains("programs passed") && note.endsWith("left out as not implemented: [EXECUTOR]"), note);
  }

  @Test
  void theFuzzTimeIsCappedToLeaveRoomForShrinkingInTheBudget() {
    ScenarioContext normal = new ScenarioContext("reference", SelectorEventLoop::new, "fuzz.required-rules", "R.", 1.0);
    assertEquals(Duration.ofSeconds(FuzzScenarios.BUDGET_SECONDS - 90), FuzzScenarios.cap(normal));
    ScenarioContext slow = new ScenarioContext("reference", SelectorEventLoop::new, "fuzz.required-rules", "R.", 2.0);
    assertEquals(Duration.ofSeconds(2 * FuzzScenarios.BUDGET_SECONDS - 90), FuzzScenarios.cap(slow));
    ScenarioContext tiny = new ScenarioContext("reference", SelectorEventLoop::new, "fuzz.required-rules", "R.", 0.01);
    assertEquals(Duration.ofSeconds(1), FuzzScenarios.cap(tiny));
    assertTrue(FuzzOptions.DEFAULT_SECONDS * 2 <= 60, "the default stays within the CI budget of 60 s per loop");
  }

  @Test
  void theNoteSaysWhatWasLeftOutAndWhetherTheTimeWasCapped() {
    FuzzReport r = new FuzzReport("x", dev.jloop.fuzz.model.Level.REQUIRED, 120, Duration.ofMillis(2000),
        Duration.ofMillis(1500), 0x2aL, Optional.empty(), 0,
        Map.of(GenSettings.Feature.THREADS, "no", GenSettings.Feature.EXECUTOR, "no"));
    assertEquals("120 programs passed (REQUIRED rules) in 2.0 s, 80 programs/s, master seed 0x000000000000002a"
        + "; left out as not implemented: [THREADS, EXECUTOR]; jloop.fuzz.seconds capped at 210 s by the scenario's budget",
        FuzzScenarios.note(r, Duration.ofSeconds(210)));
    assertFalse(FuzzScenarios.note(r.withLeftOut(Map.of()), null).contains(";"));
  }

  @Test
  void aReplayOfOneSeedSaysOneProgram() {
    FuzzReport one = new FuzzReport("x", dev.jloop.fuzz.model.Level.REQUIRED, 1, Duration.ofMillis(100),
        Duration.ofMillis(100), 0x2aL, Optional.empty(), 0, Map.of());
    assertTrue(FuzzScenarios.note(one, null).startsWith("1 program passed (REQUIRED rules)"), FuzzScenarios.note(one, null));
    assertTrue(one.summary().startsWith("loop `x`: 1 program passed"), one.summary());
  }

  /** Lacks run_in_executor. */
  static final class NoExecutor extends SelectorEventLoop {
    @Override
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
      throw new UnsupportedOperationException("run_in_executor is not implemented");
    }
  }
}
