package dev.jloop.fuzz.program;

import static dev.jloop.fuzz.program.Ops.at;
import static dev.jloop.fuzz.program.Ops.awaitFuture;
import static dev.jloop.fuzz.program.Ops.cancel;
import static dev.jloop.fuzz.program.Ops.future;
import static dev.jloop.fuzz.program.Ops.later;
import static dev.jloop.fuzz.program.Ops.setException;
import static dev.jloop.fuzz.program.Ops.sleep;
import static dev.jloop.fuzz.program.Ops.soon;
import static dev.jloop.fuzz.program.Ops.task;
import static dev.jloop.fuzz.program.Ops.threadsafe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.fuzz.prop.Failure;
import dev.jloop.fuzz.prop.Minimizer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Program shrinking drops ops first, then simplifies kinds, delays and nesting; never invalid. */
class ProgramShrinkerTest {
  private static final Minimizer.Limits LIMITS = new Minimizer.Limits(5000, Duration.ofSeconds(20));

  private static List<Program> candidates(Program p, int phase) {
    return ProgramShrinker.phases().get(phase).candidates(p).toList();
  }

  @Test
  void dropsComeFirstAndReachNestedOps() {
    Program p = Program.of(soon(1, later(2, 0.005), cancel(2)), soon(3));
    List<Program> drops = candidates(p, 0);
    assertEquals(Program.of(soon(3)), drops.get(0), "first the first half");
    assertTrue(drops.contains(Program.of(soon(1, cancel(2)), soon(3))), "a nested op alone");
    assertTrue(drops.stream().allMatch(c -> c.size() < p.size()));
  }

  @Test
  void simplificationsFlattenNestingAndSimplifyKindsAndDelays() {
    Program p = Program.of(later(1, 0.0073, threadsafe(2)), setException(1));
    List<Program> simpler = candidates(p, 1);
    assertTrue(simpler.contains(Program.of(threadsafe(2), setException(1))), "flattened");
    assertTrue(simpler.contains(Program.of(soon(1, threadsafe(2)), setException(1))), "timer to call_soon");
    assertTrue(simpler.contains(Program.of(later(1, 0.0, threadsafe(2)), setException(1))), "delay to 0");
    assertTrue(simpler.contains(Program.of(later(1, 0.0073, soon(2)), setException(1))), "thread to call_soon");
    assertTrue(simpler.contains(Program.of(later(1, 0.0073, threadsafe(2)), Ops.setResult(1))), "result");
  }

  @Test
  void neverProposesAwaitsOutsideTasks() {
    Program p = Program.of(task(1, awaitFuture(1), sleep(0.002)), future(1));
    for (int phase = 0; phase < 2; phase++) {
      for (Program c : candidates(p, phase)) {
        assertTrue(c.valid(), AstPrinter.print(c));
      }
    }
  }

  /** A stand-in for a loop bug: fails while a call_at runs at or after a call_soon it nests under. */
  @Test
  void minimizesToTheOpsThatMatter() {
    Program p = Program.of(soon(1, soon(2), at(3, 0.004, soon(4)), later(5, 0.003)),
        threadsafe(6, later(7, 0.008)), future(1), task(1, sleep(0.001)));
    Optional<Failure> f = bug(p);
    Minimizer.Result<Program> r = Minimizer.minimize(p, f.orElseThrow(), ProgramShrinker.phases(),
        ProgramShrinkerTest::bug, LIMITS);
    assertEquals(Program.of(at(3, 0.0)), r.value());
  }

  private static Optional<Failure> bug(Program p) {
    return p.flatten().stream().anyMatch(op -> op instanceof Op.CallAt)
        ? Optional.of(new Failure("call_at", "")) : Optional.empty();
  }

  @Test
  void opsRefuseBadValues() {
    assertThrows(IllegalArgumentException.class, () -> later(1, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> at(1, Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> sleep(-1));
    assertThrows(IllegalArgumentException.class, () -> soon(-1));
    assertThrows(NullPointerException.class, () -> new Op.CallSoon(1, null));
    assertThrows(NullPointerException.class, () -> new Op.Complete(1, null));
    assertThrows(NullPointerException.class, () -> new Program(null));
  }

  @Test
  void validityRules() {
    assertTrue(Program.of(task(1, sleep(0))).valid());
    assertTrue(!Program.of(sleep(0)).valid(), "await outside a task");
    assertTrue(!Program.of(task(1, soon(1, sleep(0)))).valid(), "await in a callback inside a task");
    assertTrue(!Program.of(soon(1), soon(1)).valid(), "duplicate callback id");
    assertTrue(!Program.of(soon(0)).valid(), "id 0 is the root callback");
  }
}
