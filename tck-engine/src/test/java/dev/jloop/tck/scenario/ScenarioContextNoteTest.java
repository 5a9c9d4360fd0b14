package dev.jloop.tck.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jloop.reference.SelectorEventLoop;
import org.junit.jupiter.api.Test;

/** ScenarioContext.note: one line of text, the last one wins, bad input is rejected. */
class ScenarioContextNoteTest {
  private final ScenarioContext s = new ScenarioContext("reference", SelectorEventLoop::new, "x.y", "A rule.", 1.0);

  @Test
  void theLastNoteWins() {
    assertNull(s.note());
    s.note("1 program passed");
    s.note("2 programs passed");
    assertEquals("2 programs passed", s.note());
  }

  @Test
  void badNotesAreRejected() {
    assertThrows(NullPointerException.class, () -> s.note(null));
    assertThrows(IllegalArgumentException.class, () -> s.note(" "));
    assertThrows(IllegalArgumentException.class, () -> s.note("two\nlines"));
    assertThrows(IllegalArgumentException.class, () -> s.note("two\rlines"));
    assertNull(s.note(), "a rejected note leaves none");
  }
}
