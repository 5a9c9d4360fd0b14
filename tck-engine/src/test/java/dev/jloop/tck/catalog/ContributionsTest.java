package dev.jloop.tck.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.tck.contrib.Contributed;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Areas contributed through AreaProvider: appended in a stable order, and every broken contribution left out with a reason. */
class ContributionsTest {
  @TempDir Path dir;

  private Contributions.Result load(String... providers) {
    return Contributions.load(Contributed.loader(dir, providers));
  }

  private static Contributions.Problem problem(Contributions.Result r, String text) {
    return r.problems().stream().filter(p -> p.message().contains(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no problem mentions \"" + text + "\": " + r.problems()));
  }

  @Test
  void withoutProvidersTheCatalogIsTheBuiltInOne() {
    Contributions.Result r = Contributions.load(getClass().getClassLoader());
    assertEquals(Catalog.builtIn().areas(), r.catalog().areas());
    assertFalse(r.catalog().hasContributedAreas());
    assertTrue(r.problems().isEmpty(), r.problems().toString());
  }

  @Test
  void aContributedAreaComesAfterTheBuiltInOnes() {
    Contributions.Result r = load(Contributed.P1Extra.class.getName());
    List<AreaSpec> areas = r.catalog().areas();
    assertEquals(Catalog.builtIn().areas().size() + 1, areas.size());
    assertEquals(Catalog.builtIn().areas(), areas.subList(0, areas.size() - 1));
    assertEquals("extra", areas.get(areas.size() - 1).id());
    assertEquals(Contributed.P1Extra.class.getName(), r.catalog().contributor("extra").orElseThrow());
    assertTrue(r.catalog().contributor("timers").isEmpty());
    assertTrue(r.catalog().scenario("extra.noted").isPresent());
    assertTrue(r.problems().isEmpty(), r.problems().toString());
  }

  @Test
  void providersAreOrderedByClassNameSoTheFirstKeepsAnIdTheyShare() {
    // listed in reverse: P2's area "extra" loses to P1's whatever the services file order
    Contributions.Result r = load(Contributed.P2Clashes.class.getName(), Contributed.P1Extra.class.getName());
    assertEquals(Contributed.P1Extra.class.getName(), r.catalog().contributor("extra").orElseThrow());
    Contributions.Problem p = problem(r, "SameIdScenarios");
    assertEquals("extra", p.area());
    assertEquals(Contributed.P2Clashes.class.getName(), p.provider());
    assertTrue(p.message().contains("reuses the area id 'extra'") && p.message().contains("P1Extra"), p.message());
    assertTrue(r.catalog().scenario("extra.other").isEmpty());
  }

  @Test
  void aBuiltInAreaIdCannotBeReused() {
    Contributions.Result r = load(Contributed.P2Clashes.class.getName());
    Contributions.Problem p = problem(r, "TimersAgain");
    assertEquals("timers", p.area());
    assertTrue(p.message().contains("the built-in area dev.jloop.tck.scenarios.TimerScenarios"), p.message());
    assertEquals(Catalog.builtIn().area("timers"), r.catalog().area("timers"));
    assertTrue(r.catalog().scenario("timers.again").isEmpty());
  }

  @Test
  void aMalformedAreaIsLeftOutWithTheCatalogsReasons() {
    Contributions.Result r = load(Contributed.P2Clashes.class.getName());
    Contributions.Problem p = problem(r, "MalformedScenarios");
    assertEquals("malformed", p.area());
    assertTrue(p.message().contains("one sentence"), p.message());
    assertTrue(r.catalog().area("malformed").isEmpty());
    assertEquals(2, r.problems().size(), "without P1Extra, P2Clashes' area extra is usable: " + r.problems());
  }

  @Test
  void providersThatCannotBeLoadedOrThrowAreReportedAndTheOthersStillCount() {
    Contributions.Result r = load("dev.jloop.tck.contrib.NoSuchProvider", Contributed.P3Throws.class.getName(),
        Contributed.P4AreasThrow.class.getName(), Contributed.P5Null.class.getName(),
        Contributed.P1Extra.class.getName());
    assertTrue(r.catalog().area("extra").isPresent(), "the good provider's area survives the broken ones");
    Contributions.Problem missing = problem(r, "NoSuchProvider");
    assertEquals("dev.jloop.tck.contrib.NoSuchProvider", missing.provider());
    assertTrue(missing.message().contains("cannot be loaded"), missing.message());
    Contributions.Problem ctor = problem(r, "P3Throws");
    assertTrue(ctor.message().contains("provider broken on purpose"), ctor.message());
    assertEquals(Contributed.P3Throws.class.getName(), ctor.provider());
    assertTrue(problem(r, "P4AreasThrow").message().contains("areas() threw"));
    assertTrue(problem(r, "P5Null").message().contains("returned null"));
    assertNull(problem(r, "P5Null").area());
    assertEquals(4, r.problems().size(), r.problems().toString());
  }

  @Area(value = "twice", description = "Listed twice.")
  static final class Twice {
    @Scenario(id = "twice.one", rule = "One.", apis = "call_soon", reference = "x")
    void one(ScenarioContext s) {}
  }

  @Area(value = "needs-args", description = "No constructor without parameters.")
  static final class NeedsArgs {
    NeedsArgs(int unused) {}

    @Scenario(id = "needs-args.one", rule = "One.", apis = "call_soon", reference = "x")
    void one(ScenarioContext s) {}
  }

  @Test
  void theCatalogChecksAreaIdsAndConstructorsToo() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Catalog.load(List.of(Twice.class, Twice.class, NeedsArgs.class)));
    assertTrue(e.getMessage().contains("duplicate area id 'twice'"), e.getMessage());
    assertTrue(e.getMessage().contains("constructor without parameters"), e.getMessage());
  }

  @Test
  void aNullLoaderMeansTheSystemLoaderAndANullBaseIsRejected() {
    assertEquals(Catalog.builtIn().areas(), Contributions.load(null).catalog().areas());
    assertThrows(NullPointerException.class, () -> Contributions.load(null, getClass().getClassLoader()));
  }

  @Test
  void theRenderedCatalogSaysWhetherItHasContributedAreas() {
    assertTrue(RuleCatalog.render(Catalog.builtIn()).contains("These are the TCK's built-in areas only."));
    String with = RuleCatalog.render(load(Contributed.P1Extra.class.getName()).catalog());
    assertTrue(with.contains("includes areas contributed through `dev.jloop.tck.spi.AreaProvider`: `extra`"), with);
    assertTrue(with.contains("contributed by `" + Contributed.P1Extra.class.getName() + "`"), with);
  }
}
