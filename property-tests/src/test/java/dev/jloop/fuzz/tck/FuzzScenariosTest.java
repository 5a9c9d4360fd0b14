package dev.jloop.fuzz.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.spi.LoopProviders;
import dev.jloop.tck.Level;
import dev.jloop.tck.catalog.AreaSpec;
import dev.jloop.tck.catalog.Catalog;
import dev.jloop.tck.catalog.ScenarioSpec;
import dev.jloop.tck.scenario.ScenarioContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code fuzz} area meets the TCK catalog's rules and its scenarios judge loops: the
 * reference loop passes, a broken loop fails with the shrunk program, a loop without
 * run_in_executor is fuzzed without it. (The engine finds areas only in its own catalog; see
 * docs/fuzzing.md for the extension point the area waits for.)
 */
class FuzzScenariosTest {
  private static final AreaSpec AREA = Catalog.load(List.of(FuzzScenarios.class)).areas().get(0);
  private static String seconds;

  @BeforeAll
  static void shortBudget() {
    seconds = System.getProperty("jloop.fuzz.seconds");
    if (seconds == null) {
      System.setProperty("jloop.fuzz.seconds", "1");
    }
  }

  @AfterAll
  static void restore() {
    if (seconds == null) {
      System.clearProperty("jloop.fuzz.seconds");
    }
  }

  private static ScenarioSpec spec(String id) {
    return AREA.scenarios().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  /** Runs scenario {@code id} as the engine would and returns what it printed. */
  private static String run(String id, String loopId, Supplier<EventLoop> loops) throws Throwable {
    ScenarioSpec spec = spec(id);
    ScenarioContext ctx = new ScenarioContext(loopId, loops, id, spec.rule(), 1.0);
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      spec.method().invoke(new FuzzScenarios(), ctx);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      System.setOut(out);
      ctx.loops().forEach(EventLoop::close);
    }
    return printed.toString(StandardCharsets.UTF_8);
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
      String printed = run(id, "reference", LoopProviders.find("reference")::newLoop);
      assertTrue(printed.contains("programs passed"), printed);
    }
  }

  @Test
  void aBrokenLoopFailsWithTheShrunkProgram() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> run("fuzz.required-rules", "lifo", LifoLoop::new));
    assertTrue(e.getMessage().startsWith("loop `lifo`: rule callbacks."), e.getMessage());
    assertTrue(e.getMessage().contains("Program.of("), e.getMessage());
    assertTrue(e.getMessage().contains("import asyncio"), e.getMessage());
  }

  @Test
  void aMissingMethodIsLeftOutNotFailed() throws Throwable {
    String printed = run("fuzz.required-rules", "no-executor", NoExecutor::new);
    assertTrue(printed.contains("programs passed") && printed.contains("EXECUTOR"), printed);
  }

  /** call_soon callbacks run newest first. */
  static final class LifoLoop extends SelectorEventLoop {
    private final java.util.ArrayDeque<Runnable> pending = new java.util.ArrayDeque<>();

    @Override
    public dev.jloop.Handle callSoon(Runnable callback) {
      pending.push(callback);
      return super.callSoon(() -> pending.pop().run());
    }
  }

  /** Lacks run_in_executor. */
  static final class NoExecutor extends SelectorEventLoop {
    @Override
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
      throw new UnsupportedOperationException("run_in_executor is not implemented");
    }
  }
}
