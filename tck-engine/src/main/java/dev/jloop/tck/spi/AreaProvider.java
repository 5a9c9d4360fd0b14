package dev.jloop.tck.spi;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Adds areas of scenarios to the TCK's catalog from outside the TCK jar: a library that has a
 * provider on the test class path gets its areas run against every loop the TCK runs on, exactly
 * like the TCK's own. jloop's scheduler fuzzer ({@code dev.jloop:jloop-fuzz}) adds its
 * {@code fuzz} area this way.
 *
 * <p>Registration: list the implementing class in
 * {@code META-INF/services/dev.jloop.tck.spi.AreaProvider}. The engine finds providers with
 * {@link java.util.ServiceLoader} through the thread context class loader when it discovers
 * tests, so a provider needs a public no-argument constructor, and {@link #areas()} is called on
 * the discovering thread, once per discovery.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #areas()} returns a non-null list of non-null classes, each annotated with
 *       {@link dev.jloop.tck.scenario.Area} and holding {@link dev.jloop.tck.scenario.Scenario}
 *       methods that pass the same checks as the TCK's own areas (docs/tck-writing-scenarios.md):
 *       ids {@code area.slug}, one-sentence rules, asyncio api names, a reference, and an
 *       instance method {@code void name(ScenarioContext s)} in a class with a no-argument
 *       constructor.
 *   <li>An area id is unique in the whole catalog: it may not reuse a built-in area's id, nor
 *       one contributed earlier.
 *   <li>Order: contributed areas come after the built-in ones, providers sorted by class name,
 *       each provider's areas in the order it lists them.
 * </ul>
 *
 * <p>A provider that cannot be loaded or throws, and an area that is malformed or reuses an id,
 * never stops the run: the engine leaves that area (or that provider's areas) out and reports a
 * failing test named after the provider that says what is wrong; every other area runs.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface AreaProvider {
  /**
   * The area classes this provider adds to the catalog, in the order they are to be listed.
   *
   * @return a non-null list; an empty one adds nothing
   */
  List<Class<?>> areas();
}
