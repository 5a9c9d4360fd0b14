package dev.jloop.fuzz;

import static dev.jloop.fuzz.program.Ops.cancel;
import static dev.jloop.fuzz.program.Ops.executor;
import static dev.jloop.fuzz.program.Ops.later;
import static dev.jloop.fuzz.program.Ops.sleep;
import static dev.jloop.fuzz.program.Ops.soon;
import static dev.jloop.fuzz.program.Ops.threadsafe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.fuzz.model.Rule;
import dev.jloop.fuzz.model.Violation;
import dev.jloop.fuzz.program.GenSettings;
import dev.jloop.fuzz.program.Program;
import dev.jloop.fuzz.program.ProgramGenerator;
import dev.jloop.fuzz.prop.Minimizer;
import dev.jloop.fuzz.trace.Kind;
import dev.jloop.fuzz.trace.Trace;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.spi.LoopProvider;
import dev.jloop.spi.LoopProviders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The public entry points: arguments, seeds, replay, unsupported methods, hung loops. */
class FuzzApiTest {
  private static final LoopProvider REFERENCE = LoopProviders.find("reference");

  private static FuzzOptions quick() {
    return FuzzOptions.fromSystemProperties().withMasterSeed(1).withBudget(20, Duration.ofSeconds(10));
  }

  @Test
  void nullArgumentsAreNamed() {
    assertEquals("provider", assertThrows(NullPointerException.class, () -> Fuzz.check((LoopProvider) null)).getMessage());
    assertEquals("loopId", assertThrows(NullPointerException.class,
        () -> Fuzz.check(null, REFERENCE::newLoop, quick(), t -> List.of())).getMessage());
    assertEquals("loops", assertThrows(NullPointerException.class,
        () -> Fuzz.check("x", null, quick(), t -> List.of())).getMessage());
    assertEquals("model", assertThrows(NullPointerException.class,
        () -> Fuzz.check("x", REFERENCE::newLoop, quick(), null)).getMessage());
    assertEquals("options", assertThrows(NullPointerException.class,
        () -> Fuzz.check(REFERENCE, null)).getMessage());
  }

  @Test
  void malformedPropertiesNameTheProperty() {
    for (String[] bad : new String[][] {{"jloop.fuzz.seconds", "-1"}, {"jloop.fuzz.seconds", "NaN"},
        {"jloop.fuzz.programs", "many"}, {"jloop.fuzz.seed", "0xZZ"}, {"jloop.fuzz.masterSeed", "x"}}) {
      String before = System.getProperty(bad[0]);
      System.setProperty(bad[0], bad[1]);
      try {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, FuzzOptions::fromSystemProperties);
        assertTrue(e.getMessage().startsWith(bad[0]), e.getMessage());
      } finally {
        if (before == null) {
          System.clearProperty(bad[0]);
        } else {
          System.setProperty(bad[0], before);
        }
      }
    }
  }

  @Test
  void seedsPrintAndParse() {
    for (long seed : new long[] {0, 1, -1, Long.MIN_VALUE, 0x5EEDL}) {
      assertEquals(seed, FuzzOptions.parseSeed("s", FuzzOptions.formatSeed(seed)));
    }
    assertEquals(42, FuzzOptions.parseSeed("s", " 42 "));
    assertThrows(IllegalArgumentException.class,
        () -> quick().withBudget(-1, Duration.ZERO));
  }

  @Test
  void aSeedReplaysExactlyItsProgram() {
    long seed = 0x1234_5678L;
    FuzzReport r = Fuzz.check(REFERENCE, quick().withReplay(seed));
    assertTrue(r.passed(), r::summary);
    assertEquals(1, r.programs());
    Program p = new ProgramGenerator(GenSettings.DEFAULT).fromSeed(seed);
    assertTrue(Fuzz.replay(REFERENCE, p).isEmpty());
  }

  @Test
  void aTraceRecordsWhatRan() {
    Trace t = Fuzz.run("reference", REFERENCE::newLoop, Program.of(soon(1, later(2, 0.001)), cancel(2)));
    List<Kind> kinds = t.events().stream().map(e -> e.kind()).toList();
    assertTrue(kinds.containsAll(List.of(Kind.SOON, Kind.RUN, Kind.LATER, Kind.WHEN, Kind.MARK, Kind.FINISH)), t.dump());
    assertEquals(Kind.SEGMENT, kinds.get(kinds.size() - 1));
    assertThrows(IllegalArgumentException.class,
        () -> Fuzz.run("reference", REFERENCE::newLoop, Program.of(sleep(0))), "await outside a task");
  }

  /** A loop that lacks run_in_executor: fuzzing says so, as the TCK's NOT_IMPLEMENTED expects. */
  @Test
  void anUnsupportedMethodSurfaces() {
    FuzzOptions o = quick().withGenerator(GenSettings.DEFAULT.withFeatures(EnumSet.of(GenSettings.Feature.EXECUTOR)));
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> Fuzz.check("no-executor", NoExecutor::new, o));
    assertTrue(e.getMessage().contains("run_in_executor"), e.getMessage());
    assertThrows(UnsupportedOperationException.class,
        () -> Fuzz.run("no-executor", NoExecutor::new, Program.of(executor(1))));
  }

  static final class NoExecutor extends SelectorEventLoop {
    @Override
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
      throw new UnsupportedOperationException("run_in_executor");
    }
  }

  /**
   * A loop that ignores call_soon_threadsafe from other threads (asyncio: it must wake the
   * selector) hangs: the watchdog's probe goes unanswered, the run is cut, and the report says so.
   */
  @Test
  void aHungLoopIsReportedNotWaitedFor() {
    List<DeafLoop> made = Collections.synchronizedList(new ArrayList<>());
    try {
      FuzzOptions o = quick().withReplay(0).withLimits(Duration.ofMillis(300), new Minimizer.Limits(0, Duration.ZERO));
      Trace t = Fuzz.run("deaf", () -> {
        DeafLoop l = new DeafLoop();
        made.add(l);
        return l;
      }, Program.of(threadsafe(1)), o);
      assertFalse(t.events().stream().anyMatch(e -> e.kind() == Kind.FINISH), t.dump());
      List<Violation> vs = new dev.jloop.fuzz.model.AsyncioModel(dev.jloop.fuzz.model.Level.STRICT).check(t);
      assertTrue(vs.stream().anyMatch(v -> v.rule() == Rule.RESPONSIVE), vs.toString());
      assertTrue(vs.stream().anyMatch(v -> v.rule() == Rule.EXACTLY_ONCE), vs.toString());
      assertEquals(o.hangTimeout(), Duration.ofMillis(300));
    } finally {
      made.forEach(DeafLoop::release);
    }
  }

  /** Drops call_soon_threadsafe callbacks from other threads; {@link #release} stops the loop. */
  static final class DeafLoop extends SelectorEventLoop {
    @Override
    public Handle callSoonThreadsafe(Runnable callback) {
      return dev.jloop.spi.RunningLoop.get() == this ? super.callSoonThreadsafe(callback) : new Handle(this, callback);
    }

    void release() {
      if (isRunning()) {
        super.callSoonThreadsafe(this::stop);
      }
    }
  }
}
