package dev.jloop.fuzz.prop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The list and number shrinkers propose what the Javadoc says, in that order. */
class ShrinkersTest {
  @Test
  void removalsTryHalvesThenQuartersThenSingles() {
    List<List<Integer>> c = Shrinkers.<Integer>removals().candidates(List.of(1, 2, 3, 4)).toList();
    assertEquals(List.of(
        List.of(3, 4), List.of(1, 2),
        List.of(2, 3, 4), List.of(1, 3, 4), List.of(1, 2, 4), List.of(1, 2, 3)), c);
  }

  @Test
  void removalsOfOddLengthCoverEveryElement() {
    List<List<Integer>> c = Shrinkers.<Integer>removals().candidates(List.of(1, 2, 3, 4, 5)).toList();
    assertEquals(List.of(4, 5), c.get(0), "first chunk: the first three");
    for (int i = 1; i <= 5; i++) {
      int x = i;
      assertTrue(c.stream().anyMatch(l -> l.size() == 4 && !l.contains(x)), "single removal of " + x);
    }
    assertEquals(List.of(), Shrinkers.<Integer>removals().candidates(List.of()).toList());
    assertEquals(List.of(List.of()), Shrinkers.<Integer>removals().candidates(List.of(9)).toList());
  }

  @Test
  void elementsReplaceOneAtATime() {
    List<List<Integer>> c = Shrinkers.elements(Shrinkers.towardZero()).candidates(List.of(4, 0)).toList();
    assertEquals(List.of(List.of(0, 0), List.of(2, 0), List.of(3, 0)), c);
  }

  @Test
  void splicesFlattenAnElementIntoSeveral() {
    Shrinker<List<Integer>> s = Shrinkers.splices(x -> x > 9 ? Stream.of(List.of(x / 10, x % 10)) : Stream.empty());
    assertEquals(List.of(List.of(1, 2, 3, 4)), s.candidates(List.of(12, 3, 4)).toList());
  }

  @Test
  void towardMovesDelaysToSimplerValues() {
    Shrinker<Double> s = Shrinkers.toward(0.0, 0.001, 0.005);
    assertEquals(List.of(0.0, 0.001, 0.005, 0.007), s.candidates(0.00734).toList());
    assertEquals(List.of(0.0), s.candidates(-0.001).toList());
    assertEquals(List.of(), s.candidates(0.0).toList());
  }

  @Test
  void thenConcatenatesAndNoneProposesNothing() {
    Shrinker<Integer> a = x -> Stream.of(x - 1);
    Shrinker<Integer> b = x -> Stream.of(x - 2);
    assertEquals(List.of(9, 8), a.then(b).candidates(10).collect(Collectors.toList()));
    assertEquals(List.of(), Shrinker.<Integer>none().candidates(10).toList());
  }
}
