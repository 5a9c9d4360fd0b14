package dev.jloop.fuzz.prop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A seed fixes every draw; draws stay in their ranges; bad arguments are refused by name. */
class SourceAndGenTest {
  private static final Gen<List<Integer>> LISTS = Gen.lists(Gen.ints(-5, 5), 0, 20);

  @Test
  void sameSeedSameValueOtherSeedOtherValue() {
    assertEquals(LISTS.fromSeed(42), LISTS.fromSeed(42));
    List<List<Integer>> values = new ArrayList<>();
    for (long seed = 0; seed < 20; seed++) {
      values.add(LISTS.fromSeed(seed));
    }
    assertTrue(values.stream().distinct().count() > 15, "20 seeds gave " + values);
  }

  @Test
  void drawsStayInRange() {
    Source s = new Source(7);
    int[] counts = new int[3];
    for (int i = 0; i < 3000; i++) {
      int b = s.between(-2, 2);
      assertTrue(b >= -2 && b <= 2);
      assertTrue(s.below(3) < 3);
      double u = s.unit();
      assertTrue(u >= 0 && u < 1);
      counts[s.weighted(1, 0, 3)]++;
    }
    assertEquals(0, counts[1], "a zero weight is never drawn");
    assertTrue(counts[2] > counts[0] * 2, "weights 1:3 drew " + counts[0] + ":" + counts[2]);
    for (List<Integer> l : List.of(LISTS.fromSeed(1), LISTS.fromSeed(2))) {
      assertTrue(l.size() <= 20 && l.stream().allMatch(x -> x >= -5 && x <= 5), l.toString());
    }
  }

  @Test
  void mapTransformsValues() {
    assertEquals(Gen.ints(0, 9).fromSeed(3) * 10, Gen.ints(0, 9).map(x -> x * 10).fromSeed(3));
  }

  @Test
  void badArgumentsAreRefused() {
    Source s = new Source(1);
    assertThrows(IllegalArgumentException.class, () -> s.below(0));
    assertThrows(IllegalArgumentException.class, () -> s.between(3, 2));
    assertThrows(IllegalArgumentException.class, () -> s.weighted(0, 0));
    assertThrows(IllegalArgumentException.class, () -> s.weighted(1, -1));
    assertThrows(IllegalArgumentException.class, () -> s.pick(List.of()));
    assertThrows(NullPointerException.class, () -> s.pick(null));
    assertThrows(IllegalArgumentException.class, () -> Gen.ints(1, 0));
    assertThrows(IllegalArgumentException.class, () -> Gen.lists(Gen.ints(0, 1), 3, 2));
    assertThrows(NullPointerException.class, () -> Gen.lists(null, 0, 1));
    assertThrows(NullPointerException.class, () -> Gen.ints(0, 1).map(null));
  }

  @Test
  void nextSeedDiffersFromTheSeed() {
    Source s = new Source(99);
    assertEquals(99, s.seed());
    assertNotEquals(s.nextSeed(), s.nextSeed());
  }
}
