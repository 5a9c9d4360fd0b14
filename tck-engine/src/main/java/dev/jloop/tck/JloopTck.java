package dev.jloop.tck;

import org.apiguardian.api.API;

/**
 * The jloop TCK's handle for build tools and IDEs, and the names of its settings.
 *
 * <p>The TCK is a JUnit Platform engine (id {@value #ENGINE_ID}). Build tools start an engine
 * only for the classes they scan, so a project that has no test class of its own pointing at
 * the TCK runs nothing. Two ways to point at it (see {@code docs/tck-usage.md}):
 * <ul>
 *   <li>a one-line test class, {@code public class MyLoopTckTest extends JloopTck {}}: selecting
 *       it (or any subclass) selects the whole catalog for every registered loop;
 *   <li>Surefire's {@code dependenciesToScan} on {@code dev.jloop:jloop-tck} with an include for
 *       {@code **}{@code /JloopTck.java}: Surefire then selects this class itself.
 * </ul>
 *
 * <p>Settings are JUnit Platform configuration parameters (Surefire's
 * {@code configurationParameters}, {@code junit-platform.properties}, or {@code -D} system
 * properties). The engine logs the values it uses once per run.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class JloopTck {
  /** The engine id, the first segment of every unique id: {@code [engine:jloop-tck]}. */
  public static final String ENGINE_ID = "jloop-tck";

  /** Comma-separated provider ids to run (default: every provider found). */
  public static final String LOOPS = "jloop.tck.loops";

  /** Comma-separated area ids to run, e.g. {@code timers,tasks} (default: all). */
  public static final String AREAS = "jloop.tck.areas";

  /**
   * Comma-separated scenario ids to run; {@code *} matches any characters, e.g.
   * {@code timers.*,tasks.cancel-*} (default: all).
   */
  public static final String SCENARIOS = "jloop.tck.scenarios";

  /** Multiplies every time budget and grace period; raise it on slow machines (default 1.0). */
  public static final String TIMEOUT_SCALE = "jloop.tck.timeoutScale";

  /**
   * What an {@link UnsupportedOperationException} from one of a scenario's apis means:
   * {@code skip} (default: reported as aborted, outcome {@code NOT_IMPLEMENTED}) or {@code fail}.
   */
  public static final String UNIMPLEMENTED = "jloop.tck.unimplemented";

  /** Where the results file goes (default {@code target/jloop-tck/results.json}). */
  public static final String RESULTS = "jloop.tck.results";

  /** {@code true} (default) checks for leaked file descriptors and threads after each scenario. */
  public static final String LEAK_CHECK = "jloop.tck.leakCheck";

  /** For subclasses that select the TCK from a project's own test sources. */
  protected JloopTck() {}
}
