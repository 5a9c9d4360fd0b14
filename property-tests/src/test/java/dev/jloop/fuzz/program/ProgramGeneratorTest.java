package dev.jloop.fuzz.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generated programs are reproducible, valid, within their settings, and cover every op. */
class ProgramGeneratorTest {
  private static final ProgramGenerator GEN = new ProgramGenerator(GenSettings.DEFAULT);

  @Test
  void sameSeedSameProgram() {
    for (long seed = 0; seed < 50; seed++) {
      assertEquals(GEN.fromSeed(seed), GEN.fromSeed(seed));
    }
  }

  @Test
  void programsAreValidAndWithinLimits() {
    for (long seed = 0; seed < 2000; seed++) {
      Program p = GEN.fromSeed(seed);
      assertTrue(p.valid(), "seed " + seed + ": " + AstPrinter.print(p));
      assertTrue(p.size() >= 1 && p.size() <= 24, "seed " + seed + " has " + p.size() + " ops");
      assertTrue(p.depth() <= 3, "seed " + seed + " nests " + p.depth() + " deep");
    }
  }

  @Test
  void everyOpKindAppears() {
    Set<Class<?>> seen = new HashSet<>();
    for (long seed = 0; seed < 2000; seed++) {
      for (Op op : GEN.fromSeed(seed).flatten()) {
        seen.add(op.getClass());
      }
    }
    assertEquals(Set.of(Op.class.getPermittedSubclasses()), seen);
  }

  @Test
  void equalDeadlinesAreCommon() {
    int withTies = 0;
    for (long seed = 0; seed < 500; seed++) {
      Set<Double> offsets = new HashSet<>();
      int ats = 0;
      for (Op op : GEN.fromSeed(seed).flatten()) {
        if (op instanceof Op.CallAt at) {
          ats++;
          offsets.add(at.offset());
        }
      }
      withTies += offsets.size() < ats ? 1 : 0;
    }
    assertTrue(withTies > 50, "programs with two call_at for the same deadline: " + withTies + " of 500");
  }

  @Test
  void featuresNarrowThePrograms() {
    ProgramGenerator onlySoon = new ProgramGenerator(GenSettings.DEFAULT.withFeatures(EnumSet.noneOf(GenSettings.Feature.class)));
    for (long seed = 0; seed < 300; seed++) {
      for (Op op : onlySoon.fromSeed(seed).flatten()) {
        assertTrue(op instanceof Op.CallSoon, "seed " + seed + " made " + op);
      }
    }
    ProgramGenerator small = new ProgramGenerator(new GenSettings(3, 1, EnumSet.allOf(GenSettings.Feature.class)));
    for (long seed = 0; seed < 300; seed++) {
      Program p = small.fromSeed(seed);
      assertTrue(p.size() <= 3 && p.depth() <= 1, AstPrinter.print(p));
    }
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new GenSettings(0, 1, Set.of()));
    assertThrows(IllegalArgumentException.class, () -> new GenSettings(1, 0, Set.of()));
    assertThrows(NullPointerException.class, () -> new GenSettings(1, 1, null));
    assertThrows(NullPointerException.class, () -> new ProgramGenerator(null));
  }
}
