package dev.jloop.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.spi.LoopProviders;
import org.junit.jupiter.api.Test;

/**
 * The reference loop passes every generated program at STRICT level, within the default budget
 * ({@code -Djloop.fuzz.seconds=}, {@code -Djloop.fuzz.programs=}; {@code -Djloop.fuzz.seed=}
 * replays one program). The summary line gives programs per second.
 */
class ReferenceLoopFuzzTest {
  @Test
  void referenceLoopSatisfiesTheModel() {
    FuzzReport r = Fuzz.check(LoopProviders.find("reference"));
    System.out.println(r.summary() + " [backend " + System.getProperty("jloop.coroutine.backend") + "]");
    assertTrue(r.passed(), r::summary);
    assertTrue(r.programs() > 0, "no program ran: " + r.summary());
  }
}
