package dev.jloop.fuzz;

import dev.jloop.fuzz.model.Level;
import dev.jloop.fuzz.program.GenSettings;
import dev.jloop.fuzz.prop.Minimizer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * How a {@link Fuzz#check} run goes. {@link #fromSystemProperties()} reads the documented
 * {@code jloop.fuzz.*} properties (docs/properties.md); the {@code with...} methods change one
 * setting.
 *
 * @param level the rules checked: REQUIRED, or REQUIRED and STRICT
 * @param maxPrograms programs at most
 * @param time stop starting programs after this long (shrinking comes on top)
 * @param masterSeed the seed each program's seed is drawn from
 * @param replay if present, run only the program of this seed ({@code -Djloop.fuzz.seed=})
 * @param generator what programs may contain
 * @param clockResolution deadlines closer than this count as equal (asyncio's clock resolution)
 * @param hangTimeout how long a loop may ignore a call_soon_threadsafe probe before it counts as hung
 * @param programTimeout how long one program may run in all
 * @param shrink how much shrinking a failure may cost
 */
@API(status = API.Status.STABLE, since = "0.1")
public record FuzzOptions(Level level, int maxPrograms, Duration time, long masterSeed,
    OptionalLong replay, GenSettings generator, double clockResolution, Duration hangTimeout,
    Duration programTimeout, Minimizer.Limits shrink) {
  /** The default time budget per loop and level, in seconds ({@code jloop.fuzz.seconds}). */
  public static final double DEFAULT_SECONDS = 5;

  /** @throws IllegalArgumentException for a negative count, time or resolution */
  public FuzzOptions {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(replay, "replay");
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(hangTimeout, "hangTimeout");
    Objects.requireNonNull(programTimeout, "programTimeout");
    Objects.requireNonNull(shrink, "shrink");
    if (maxPrograms < 0 || time.isNegative() || hangTimeout.isNegative() || programTimeout.isNegative()) {
      throw new IllegalArgumentException("counts and times must not be negative");
    }
    if (!(clockResolution >= 0) || Double.isInfinite(clockResolution)) {
      throw new IllegalArgumentException("clockResolution must be finite and >= 0, not " + clockResolution);
    }
  }

  /**
   * The defaults, overridden by system properties: {@code jloop.fuzz.seconds} (5),
   * {@code jloop.fuzz.programs} (no limit), {@code jloop.fuzz.seed} (replay one program),
   * {@code jloop.fuzz.masterSeed} (random). Level STRICT, clock resolution 1 ns, hang timeout
   * 2 s, program timeout 30 s, shrinking at most 500 runs or 60 s.
   *
   * @throws IllegalArgumentException naming the property whose value is malformed
   */
  public static FuzzOptions fromSystemProperties() {
    double seconds = doubleProperty("jloop.fuzz.seconds", DEFAULT_SECONDS);
    long programs = longProperty("jloop.fuzz.programs", Integer.MAX_VALUE);
    String replay = System.getProperty("jloop.fuzz.seed");
    String master = System.getProperty("jloop.fuzz.masterSeed");
    return new FuzzOptions(Level.STRICT, (int) Math.min(Integer.MAX_VALUE, programs),
        Duration.ofMillis((long) (seconds * 1000)),
        master == null ? System.nanoTime() ^ 0x9E3779B97F4A7C15L : parseSeed("jloop.fuzz.masterSeed", master),
        replay == null ? OptionalLong.empty() : OptionalLong.of(parseSeed("jloop.fuzz.seed", replay)),
        GenSettings.DEFAULT, 1e-9, Duration.ofSeconds(2), Duration.ofSeconds(30),
        new Minimizer.Limits(500, Duration.ofSeconds(60)));
  }

  /** These options at {@code level}. */
  public FuzzOptions withLevel(Level level) {
    return new FuzzOptions(level, maxPrograms, time, masterSeed, replay, generator, clockResolution,
        hangTimeout, programTimeout, shrink);
  }

  /** These options with at most {@code programs} programs in at most {@code time}. */
  public FuzzOptions withBudget(int programs, Duration time) {
    return new FuzzOptions(level, programs, time, masterSeed, replay, generator, clockResolution,
        hangTimeout, programTimeout, shrink);
  }

  /** These options drawing program seeds from {@code masterSeed}, replaying none. */
  public FuzzOptions withMasterSeed(long masterSeed) {
    return new FuzzOptions(level, maxPrograms, time, masterSeed, OptionalLong.empty(), generator,
        clockResolution, hangTimeout, programTimeout, shrink);
  }

  /** These options replaying only the program of {@code seed}. */
  public FuzzOptions withReplay(long seed) {
    return new FuzzOptions(level, maxPrograms, time, masterSeed, OptionalLong.of(seed), generator,
        clockResolution, hangTimeout, programTimeout, shrink);
  }

  /** These options generating with {@code generator}. */
  public FuzzOptions withGenerator(GenSettings generator) {
    return new FuzzOptions(level, maxPrograms, time, masterSeed, replay, generator, clockResolution,
        hangTimeout, programTimeout, shrink);
  }

  /** These options with {@code hangTimeout} and shrinking limited by {@code shrink}. */
  public FuzzOptions withLimits(Duration hangTimeout, Minimizer.Limits shrink) {
    return new FuzzOptions(level, maxPrograms, time, masterSeed, replay, generator, clockResolution,
        hangTimeout, programTimeout, shrink);
  }

  /** A seed as the reports print it: {@code 0x} and 16 hex digits. */
  public static String formatSeed(long seed) {
    return String.format(Locale.ROOT, "0x%016x", seed);
  }

  /**
   * Parses a seed, hex with {@code 0x} or decimal.
   *
   * @throws IllegalArgumentException naming {@code what} if malformed
   */
  public static long parseSeed(String what, String text) {
    String s = text.trim();
    try {
      return s.startsWith("0x") || s.startsWith("0X")
          ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": not a seed (0x-hex or decimal): '" + text + "'", e);
    }
  }

  private static double doubleProperty(String name, double dflt) {
    String v = System.getProperty(name);
    if (v == null) {
      return dflt;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new NumberFormatException("negative or not finite");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected a non-negative number of seconds, not '" + v + "'", e);
    }
  }

  private static long longProperty(String name, long dflt) {
    String v = System.getProperty(name);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < 0) {
        throw new NumberFormatException("negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected a non-negative integer, not '" + v + "'", e);
    }
  }
}
