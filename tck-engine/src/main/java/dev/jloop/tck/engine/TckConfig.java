package dev.jloop.tck.engine;

import dev.jloop.tck.JloopTck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine's settings, read from the JUnit Platform configuration parameters named in
 * {@link JloopTck}. A bad value fails loudly, naming the key and what it accepts.
 */
record TckConfig(
    Set<String> loops,
    Set<String> areas,
    List<Pattern> scenarios,
    double timeoutScale,
    boolean unimplementedFails,
    Path results,
    boolean leakCheck) {

  static final Path DEFAULT_RESULTS = Path.of("target", "jloop-tck", "results.json");

  static TckConfig from(ConfigurationParameters p) {
    double scale = p.get(JloopTck.TIMEOUT_SCALE).map(String::trim).map(v -> {
      try {
        double d = Double.parseDouble(v);
        if (d > 0 && Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(JloopTck.TIMEOUT_SCALE + " must be a positive number, not '" + v + "'");
    }).orElse(1.0);
    boolean unimplementedFails = p.get(JloopTck.UNIMPLEMENTED).map(v -> v.trim().toLowerCase(Locale.ROOT)).map(v -> {
      if (!v.equals("skip") && !v.equals("fail")) {
        throw new IllegalArgumentException(JloopTck.UNIMPLEMENTED + " must be skip or fail, not '" + v + "'");
      }
      return v.equals("fail");
    }).orElse(false);
    boolean leakCheck = p.get(JloopTck.LEAK_CHECK).map(v -> v.trim().toLowerCase(Locale.ROOT)).map(v -> {
      if (!v.equals("true") && !v.equals("false")) {
        throw new IllegalArgumentException(JloopTck.LEAK_CHECK + " must be true or false, not '" + v + "'");
      }
      return v.equals("true");
    }).orElse(true);
    Path results = p.get(JloopTck.RESULTS).map(String::trim).filter(v -> !v.isEmpty())
        .map(Path::of).orElse(DEFAULT_RESULTS);
    List<Pattern> scenarios = new ArrayList<>();
    for (String glob : list(p, JloopTck.SCENARIOS)) {
      scenarios.add(glob(glob));
    }
    return new TckConfig(list(p, JloopTck.LOOPS), list(p, JloopTck.AREAS), List.copyOf(scenarios),
        scale, unimplementedFails, results, leakCheck);
  }

  private static Set<String> list(ConfigurationParameters p, String key) {
    Set<String> out = new LinkedHashSet<>();
    p.get(key).ifPresent(v -> Arrays.stream(v.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add));
    return Set.copyOf(out);
  }

  /** {@code timers.*} -> a regex where {@code *} matches anything and the rest is literal. */
  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (!re.isEmpty()) {
        re.append(".*");
      }
      re.append(Pattern.quote(part));
    }
    return Pattern.compile(re.toString());
  }

  boolean areaSelected(String area) {
    return areas.isEmpty() || areas.contains(area);
  }

  boolean scenarioSelected(String id) {
    return scenarios.isEmpty() || scenarios.stream().anyMatch(p -> p.matcher(id).matches());
  }

  /** Milliseconds of {@code seconds} after scaling. */
  long millis(double seconds) {
    return Math.max(1, (long) (seconds * timeoutScale * 1000));
  }

  String describe() {
    return "jloop-tck settings: " + JloopTck.LOOPS + "=" + (loops.isEmpty() ? "(all)" : String.join(",", loops))
        + ", " + JloopTck.AREAS + "=" + (areas.isEmpty() ? "(all)" : String.join(",", areas))
        + ", " + JloopTck.SCENARIOS + "=" + (scenarios.isEmpty() ? "(all)" : scenarios)
        + ", " + JloopTck.TIMEOUT_SCALE + "=" + timeoutScale
        + ", " + JloopTck.UNIMPLEMENTED + "=" + (unimplementedFails ? "fail" : "skip")
        + ", " + JloopTck.LEAK_CHECK + "=" + leakCheck
        + ", " + JloopTck.RESULTS + "=" + results;
  }
}
