package dev.jloop.tck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.jloop.tck.JloopTck;
import dev.jloop.tck.Level;
import dev.jloop.tck.ReferenceLoopTckTest;
import dev.jloop.tck.TckRun;
import dev.jloop.tck.catalog.Catalog;
import dev.jloop.tck.catalog.ScenarioSpec;
import dev.jloop.tck.scenarios.TimerScenarios;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;

/** The engine's tree: unique ids, sources, tags, and every way to select part of the catalog. */
class DiscoveryTest {
  private static final Catalog CATALOG = Catalog.builtIn();

  private static EngineDiscoveryResults discover(String loops, DiscoverySelector... selectors) {
    return TckRun.loops(loops).kit().selectors(selectors).discover();
  }

  private static List<TestDescriptor> scenarios(EngineDiscoveryResults r) {
    return r.getEngineDescriptor().getDescendants().stream().filter(TestDescriptor::isTest)
        .map(TestDescriptor.class::cast).toList();
  }

  @Test
  void theMarkerClassSelectsTheWholeCatalogWithStableIds() {
    EngineDiscoveryResults r = discover("reference", selectClass(JloopTck.class));
    List<TestDescriptor> tests = scenarios(r);
    assertEquals(CATALOG.scenarios().size(), tests.size());
    UniqueId expected = UniqueId.parse(
        "[engine:jloop-tck]/[loop:reference]/[area:timers]/[scenario:timers.equal-deadline-fifo]");
    assertTrue(r.getEngineDescriptor().findByUniqueId(expected).isPresent(), "missing " + expected);
    assertTrue(r.getDiscoveryIssues().isEmpty(), r.getDiscoveryIssues().toString());
  }

  @Test
  void everyDescriptorHasAClassOrMethodSource() {
    EngineDiscoveryResults r = discover("reference", selectClass(ReferenceLoopTckTest.class));
    for (TestDescriptor d : r.getEngineDescriptor().getDescendants()) {
      Object source = d.getSource().orElseThrow(() -> new AssertionError(d.getUniqueId() + " has no source"));
      if (d.isTest()) {
        MethodSource m = (MethodSource) source;
        assertEquals(((ScenarioDescriptor) d).spec().method().getName(), m.getMethodName());
      } else {
        assertTrue(source instanceof ClassSource, d.getUniqueId() + ": " + source);
        assertFalse(d.mayRegisterTests(), "static containers only");
      }
    }
  }

  @Test
  void scenariosAreTaggedWithLevelAndArea() {
    TestDescriptor d = discover("reference", selectMethod(TimerScenarios.class, "equalDeadlineFifo",
        "dev.jloop.tck.scenario.ScenarioContext")).getEngineDescriptor().getDescendants().stream()
        .filter(TestDescriptor::isTest).findFirst().orElseThrow();
    assertEquals(Set.of(TestTag.create("level:strict"), TestTag.create("area:timers")), d.getTags());
    assertEquals("timers.equal-deadline-fifo [reference]", d.getLegacyReportingName());
  }

  @Test
  void anAreaClassSelectsItsArea() {
    List<TestDescriptor> tests = scenarios(discover("reference", selectClass(TimerScenarios.class)));
    assertEquals(CATALOG.area("timers").orElseThrow().scenarios().size(), tests.size());
    assertTrue(tests.stream().allMatch(t -> ((ScenarioDescriptor) t).spec().area().equals("timers")));
  }

  @Test
  void uniqueIdsSelectALoopAnAreaOrOneScenario() {
    UniqueId loop = TckRun.loopId("reference");
    assertEquals(CATALOG.scenarios().size(), scenarios(discover(null, selectUniqueId(loop))).size(),
        "a loop's unique id selects that loop only, even with every provider registered");
    assertEquals(CATALOG.area("tasks").orElseThrow().scenarios().size(),
        scenarios(discover("reference", selectUniqueId(loop.append("area", "tasks")))).size());
    List<TestDescriptor> one = scenarios(discover("reference",
        selectUniqueId(TckRun.scenarioId("reference", "callbacks.fifo"))));
    assertEquals(List.of("callbacks.fifo"), one.stream().map(TestDescriptor::getDisplayName).toList());
  }

  @Test
  void thePackageSelectsEverything() {
    assertEquals(CATALOG.scenarios().size(), scenarios(discover("reference", selectPackage("dev.jloop.tck"))).size());
  }

  @Test
  void configurationNarrowsAreasAndScenarios() {
    List<TestDescriptor> tests = scenarios(TckRun.loops("reference")
        .param(JloopTck.AREAS, "timers, tasks").param(JloopTck.SCENARIOS, "timers.*,tasks.name")
        .kit().selectors(selectClass(JloopTck.class)).discover());
    Set<String> ids = tests.stream().map(TestDescriptor::getDisplayName).collect(Collectors.toSet());
    long timers = CATALOG.scenarios().stream().filter(s -> s.area().equals("timers")).count();
    assertEquals(timers + 1, ids.size(), ids.toString());
    assertTrue(ids.contains("tasks.name"));
  }

  @Test
  void tagFiltersPickALevel() {
    EngineDiscoveryResults r = TckRun.loops("reference").kit().selectors(selectClass(JloopTck.class))
        .filters(TagFilter.includeTags(Level.STRICT.tag())).discover();
    long strict = CATALOG.scenarios().stream().filter(s -> s.level() == Level.STRICT).count();
    assertTrue(strict > 0);
    assertEquals(strict, scenarios(r).size());
  }

  @Test
  void everyRegisteredProviderIsALoopUnlessNarrowed() {
    Set<String> loops = discover(null, selectClass(JloopTck.class)).getEngineDescriptor().getChildren().stream()
        .map(TestDescriptor::getDisplayName).collect(Collectors.toSet());
    assertTrue(loops.contains("reference") && loops.contains("mutant-lifo-timers"), loops.toString());
  }

  @Test
  void otherEnginesSelectorsAreIgnored() {
    EngineDiscoveryResults r = discover("reference", selectClass(String.class), selectPackage("org.example"));
    assertTrue(r.getEngineDescriptor().getChildren().isEmpty());
    assertTrue(r.getDiscoveryIssues().isEmpty());
  }

  @Test
  void anUnknownLoopIdIsReportedWithTheIdsFound() {
    EngineDiscoveryResults r = discover("reference,nosuchloop", selectClass(JloopTck.class));
    DiscoveryIssue issue = r.getDiscoveryIssues().get(0);
    assertEquals(DiscoveryIssue.Severity.ERROR, issue.severity());
    assertTrue(issue.message().contains("[nosuchloop]") && issue.message().contains("reference"), issue.message());
  }

  @Test
  void aBadSettingIsReportedNamingTheKey() {
    EngineDiscoveryResults r = TckRun.loops("reference").param(JloopTck.TIMEOUT_SCALE, "fast")
        .kit().selectors(selectClass(JloopTck.class)).discover();
    assertTrue(r.getDiscoveryIssues().get(0).message().contains(JloopTck.TIMEOUT_SCALE));
    assertTrue(r.getEngineDescriptor().getChildren().isEmpty());
  }

  @Test
  void scenarioMethodsMapToTheirSpecs() {
    ScenarioSpec spec = CATALOG.scenario("timers.equal-deadline-fifo").orElseThrow();
    assertEquals(Level.STRICT, spec.level());
    assertEquals(Set.of("callAt"), spec.javaMethodNames());
  }
}
