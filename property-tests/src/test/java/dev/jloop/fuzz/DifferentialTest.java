package dev.jloop.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jloop.fuzz.model.AsyncioModel;
import dev.jloop.fuzz.model.Level;
import dev.jloop.fuzz.program.GenSettings;
import dev.jloop.fuzz.python.Differential;
import dev.jloop.fuzz.python.PythonDriver;
import dev.jloop.fuzz.python.PythonLoop;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model is checked against the loops that define asyncio: the generated programs run on
 * CPython's asyncio and on uvloop, and their traces satisfy every REQUIRED rule. Their STRICT
 * breaches are counted (CPython's heap reorders equal deadlines; uvloop runs one more batch after
 * stop()). A missing Python or uvloop skips with the reason. Programs:
 * {@code -Djloop.fuzz.pythonPrograms=} (300).
 */
class DifferentialTest {
  private static final int PROGRAMS = Integer.getInteger("jloop.fuzz.pythonPrograms", 300);
  private static final long SEED = 0xD1FFL;

  static Stream<PythonLoop> loops() {
    return Stream.of(PythonLoop.asyncio(), PythonLoop.uvloop());
  }

  private static PythonDriver driver(PythonLoop loop) throws Exception {
    assumeFalse("virtual".equals(System.getProperty("jloop.coroutine.backend")),
        "Python loops do not depend on the JVM's coroutine backend: checked in the continuation run only");
    Optional<String> missing = PythonDriver.unavailable(loop);
    assumeTrue(missing.isEmpty(), () -> loop.id() + " (" + loop.executable() + ") is not available: "
        + missing.orElse("") + (loop.driverArg().equals("uvloop") ? "; apt-get install python3-uvloop" : ""));
    return PythonDriver.start(loop);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loops")
  void pythonLoopsSatisfyTheRequiredRules(PythonLoop loop) throws Exception {
    try (PythonDriver d = driver(loop)) {
      Differential.Report required = Differential.run(d, SEED, PROGRAMS, GenSettings.DEFAULT,
          new AsyncioModel(Level.REQUIRED), 3);
      Differential.Report strict = Differential.run(d, SEED, PROGRAMS, GenSettings.DEFAULT,
          new AsyncioModel(Level.STRICT), 0);
      System.out.println("REQUIRED rules: " + required.summary());
      System.out.println("STRICT rules broken by " + strict.loop() + ": " + strict.byRule() + " in "
          + strict.failed() + " of " + strict.programs() + " programs");
      assertEquals(PROGRAMS, required.agreed(), required::summary);
      assertTrue(strict.byRule().keySet().stream().allMatch(r -> r.level() == Level.STRICT), strict::summary);
    }
  }

  /** The wrong model of WrongModelTest is refuted by CPython too, not only by jloop's loop. */
  @Test
  void cpythonRefutesAWrongModel() throws Exception {
    try (PythonDriver d = driver(PythonLoop.asyncio())) {
      Differential.Report r = Differential.run(d, SEED, 50, GenSettings.DEFAULT, WrongModelTest.LIFO_CALL_SOON, 1);
      assertTrue(r.failed() > 0, r::summary);
      assertFalse(r.failures().isEmpty());
      assertTrue(r.failures().get(0).shrunk().size() <= 2, r::summary);
    }
  }
}
