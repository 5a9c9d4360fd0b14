package dev.jloop.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.fuzz.model.Rule;
import dev.jloop.fuzz.model.TraceModel;
import dev.jloop.fuzz.model.Violation;
import dev.jloop.fuzz.program.AstPrinter;
import dev.jloop.fuzz.program.GenSettings;
import dev.jloop.fuzz.trace.Event;
import dev.jloop.fuzz.trace.Kind;
import dev.jloop.spi.LoopProviders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Models that are wrong on purpose are caught: fuzzing the (correct) reference loop against
 * them finds a counterexample at once and shrinks it to the two callbacks that disprove them.
 */
class WrongModelTest {
  /** Claims call_soon callbacks run last-queued first. */
  static final TraceModel LIFO_CALL_SOON = trace -> {
    List<Event> evs = trace.events();
    Map<Integer, Integer> queued = new HashMap<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < evs.size(); i++) {
      Event e = evs.get(i);
      if (e.kind() == Kind.SOON && e.id() > 0) {
        queued.put(e.id(), i);
      } else if (e.kind() == Kind.RUN && queued.containsKey(e.id())) {
        order.add(e.id());
      }
    }
    for (int i = 1; i < order.size(); i++) {
      if (queued.get(order.get(i)) > queued.get(order.get(i - 1))) {
        return List.of(new Violation(Rule.CALLBACK_FIFO, "cb" + order.get(i) + " ran after cb"
            + order.get(i - 1) + ", which was queued before it (this model expects LIFO)", -1));
      }
    }
    return List.of();
  };

  /** Claims timers run in the order they were scheduled, whatever their deadlines. */
  static final TraceModel TIMERS_IN_CALL_ORDER = trace -> {
    List<Event> evs = trace.events();
    Map<Integer, Integer> scheduled = new HashMap<>();
    int lastScheduleIndexRun = -1;
    for (int i = 0; i < evs.size(); i++) {
      Event e = evs.get(i);
      if (e.kind() == Kind.LATER || e.kind() == Kind.AT) {
        scheduled.put(e.id(), i);
      } else if (e.kind() == Kind.RUN && scheduled.containsKey(e.id())) {
        int s = scheduled.get(e.id());
        if (s < lastScheduleIndexRun) {
          return List.of(new Violation(Rule.TIMER_ORDER, "cb" + e.id()
              + " ran after a timer scheduled later (this model ignores deadlines)", i));
        }
        lastScheduleIndexRun = s;
      }
    }
    return List.of();
  };

  private static FuzzReport fuzz(TraceModel wrong, EnumSet<GenSettings.Feature> features) {
    FuzzOptions o = FuzzOptions.fromSystemProperties().withMasterSeed(0xBAD)
        .withBudget(500, Duration.ofSeconds(20)).withGenerator(GenSettings.DEFAULT.withFeatures(features));
    return Fuzz.check("reference", LoopProviders.find("reference")::newLoop, o, wrong);
  }

  @Test
  void aModelExpectingLifoCallbacksIsCaught() {
    FuzzReport r = fuzz(LIFO_CALL_SOON, EnumSet.noneOf(GenSettings.Feature.class));
    assertFalse(r.passed(), "the wrong model was not caught");
    FuzzCounterexample cx = r.counterexample().orElseThrow();
    assertEquals(2, cx.shrunk().size(), AstPrinter.print(cx.shrunk()));
  }

  @Test
  void aModelIgnoringDeadlinesIsCaught() {
    FuzzReport r = fuzz(TIMERS_IN_CALL_ORDER, EnumSet.of(GenSettings.Feature.TIMERS));
    assertFalse(r.passed(), "the wrong model was not caught");
    FuzzCounterexample cx = r.counterexample().orElseThrow();
    assertTrue(cx.shrunk().size() <= 3, AstPrinter.print(cx.shrunk()));
    assertTrue(cx.shrunk().flatten().stream().filter(op -> op.getClass().getSimpleName().startsWith("Call")
        && !op.getClass().getSimpleName().equals("CallSoon")).count() >= 2, AstPrinter.print(cx.shrunk()));
  }
}
