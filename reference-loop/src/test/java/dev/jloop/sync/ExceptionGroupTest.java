package dev.jloop.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.ExceptionGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ExceptionGroup}: Python's ExceptionGroup constructor rules and accessors. */
class ExceptionGroupTest {

  @Test
  void holdsExceptionsInOrder() {
    IOException a = new IOException("a");
    ArithmeticException b = new ArithmeticException("b");
    List<Throwable> given = new ArrayList<>(List.of(a, b));
    ExceptionGroup eg = new ExceptionGroup("two failures", given);
    given.clear();
    assertEquals(List.of(a, b), eg.exceptions(), "a copy, in the given order");
    assertThrows(UnsupportedOperationException.class, () -> eg.exceptions().add(a));
    assertEquals("two failures", eg.message());
    assertTrue(eg.getMessage().startsWith("two failures") && eg.getMessage().contains("2"),
        "str() of a Python group shows the count: " + eg.getMessage());
    assertEquals(List.of(a, b), Arrays.asList(eg.getSuppressed()));
  }

  @Test
  void nests() {
    ExceptionGroup inner = new ExceptionGroup("inner", List.of(new IOException()));
    ExceptionGroup outer = new ExceptionGroup("outer", List.of(inner));
    assertEquals(inner, outer.exceptions().get(0));
  }

  @Test
  void badInput() {
    // Python: "second argument (exceptions) must be a non-empty sequence"
    assertThrows(IllegalArgumentException.class, () -> new ExceptionGroup("m", List.of()));
    assertThrows(NullPointerException.class, () -> new ExceptionGroup("m", null));
    assertThrows(NullPointerException.class, () -> new ExceptionGroup(null, List.of(new IOException())));
    List<Throwable> withNull = new ArrayList<>();
    withNull.add(new IOException());
    withNull.add(null);
    assertThrows(NullPointerException.class, () -> new ExceptionGroup("m", withNull));
  }
}
