package dev.jloop.fuzz.mutants;

import dev.jloop.EventLoop;
import dev.jloop.fuzz.model.Rule;
import dev.jloop.fuzz.program.GenSettings;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A deliberately broken variant of the reference loop, the rules it breaks, and the program
 * features it needs to show (others are left out so the bug is the first thing found).
 *
 * @param name a short id
 * @param loops makes the broken loops
 * @param breaks the rules a counterexample may name
 * @param features the generator features to fuzz it with
 */
public record Mutant(String name, Supplier<EventLoop> loops, Set<Rule> breaks,
    Set<GenSettings.Feature> features) {
  @Override
  public String toString() {
    return name;
  }
}
