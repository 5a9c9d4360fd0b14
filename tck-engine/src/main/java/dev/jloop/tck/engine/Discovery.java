package dev.jloop.tck.engine;

import dev.jloop.spi.LoopProvider;
import dev.jloop.spi.LoopProviders;
import dev.jloop.tck.JloopTck;
import dev.jloop.tck.catalog.AreaSpec;
import dev.jloop.tck.catalog.Catalog;
import dev.jloop.tck.catalog.Contributions;
import dev.jloop.tck.catalog.ScenarioSpec;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;

/**
 * Builds the tree engine -> loop -> area -> scenario from the request's selectors and the
 * {@code jloop.tck.*} settings.
 *
 * <p>Selectors: {@link JloopTck} or a subclass (everything), an area class (that area), a
 * scenario method (that scenario), a unique id at any depth, or the package
 * {@code dev.jloop.tck} or one of its parents. Selectors for anything else are left to other
 * engines. Loops come from {@link LoopProviders}; the settings then narrow loops, areas and
 * scenarios. Misconfiguration (no provider, an unknown loop id, a bad setting) is reported as a
 * discovery issue that names what was found. A contributed area that could not be used becomes a
 * failing test under a {@link ContributionDescriptor} when the whole catalog (or that area) is selected.
 */
final class Discovery {
  /** What a selector picked; {@code null} fields match anything. */
  private record Pick(String loop, String area, String scenario) {
    boolean matches(String loopId, ScenarioSpec s) {
      return (loop == null || loop.equals(loopId))
          && (area == null || area.equals(s.area()))
          && (scenario == null || scenario.equals(s.id()));
    }
  }

  private final EngineDiscoveryRequest request;
  private final UniqueId engineId;
  private final Catalog catalog;
  private final List<Contributions.Problem> problems;
  private final List<Pick> picks = new ArrayList<>();
  private boolean problemsPicked;

  Discovery(EngineDiscoveryRequest request, UniqueId engineId, Contributions.Result catalog) {
    this.request = request;
    this.engineId = engineId;
    this.catalog = catalog.catalog();
    this.problems = catalog.problems();
  }

  TestDescriptor discover() {
    TckEngineDescriptor engine = new TckEngineDescriptor(engineId, catalog);
    collectPicks();
    if (picks.isEmpty() && !problemsPicked) {
      return engine;
    }
    TckConfig config;
    try {
      config = TckConfig.from(request.getConfigurationParameters());
    } catch (IllegalArgumentException e) {
      issue(Severity.ERROR, e.getMessage(), null);
      return engine;
    }
    addProblems(engine, config);
    for (Map.Entry<String, LoopProvider> e : providers(config).entrySet()) {
      LoopDescriptor loop = new LoopDescriptor(
          engineId.append(LoopDescriptor.SEGMENT, e.getKey()), e.getKey(), e.getValue());
      for (AreaSpec area : catalog.areas()) {
        if (!config.areaSelected(area.id())) {
          continue;
        }
        AreaDescriptor ad = new AreaDescriptor(
            loop.getUniqueId().append(AreaDescriptor.SEGMENT, area.id()), area, e.getKey());
        for (ScenarioSpec s : area.scenarios()) {
          if (config.scenarioSelected(s.id()) && picks.stream().anyMatch(p -> p.matches(e.getKey(), s))) {
            ad.addChild(new ScenarioDescriptor(
                ad.getUniqueId().append(ScenarioDescriptor.SEGMENT, s.id()), s, e.getKey()));
          }
        }
        if (!ad.getChildren().isEmpty()) {
          loop.addChild(ad);
        }
      }
      if (!loop.getChildren().isEmpty()) {
        engine.addChild(loop);
      }
    }
    return engine;
  }

  /** The contributions left out, as failing tests, if the whole catalog or their area is selected. */
  private void addProblems(TckEngineDescriptor engine, TckConfig config) {
    boolean wholeCatalog = problemsPicked || picks.stream().anyMatch(p -> p.area() == null && p.scenario() == null);
    Map<String, ContributionDescriptor> byProvider = new LinkedHashMap<>();
    for (Contributions.Problem p : problems) {
      boolean areaPicked = p.area() != null && picks.stream().anyMatch(k -> p.area().equals(k.area()));
      if ((wholeCatalog || areaPicked) && (p.area() == null || config.areaSelected(p.area()))) {
        byProvider.computeIfAbsent(p.provider(), name -> {
          ContributionDescriptor d = new ContributionDescriptor(engineId, name);
          engine.addChild(d);
          return d;
        }).add(p);
      }
    }
  }

  private void collectPicks() {
    for (ClassSelector sel : request.getSelectorsByType(ClassSelector.class)) {
      pickClass(sel.getJavaClass());
    }
    for (MethodSelector sel : request.getSelectorsByType(MethodSelector.class)) {
      pickMethod(sel.getJavaClass(), sel.getJavaMethod());
    }
    for (PackageSelector sel : request.getSelectorsByType(PackageSelector.class)) {
      String pkg = sel.getPackageName();
      if (JloopTck.class.getPackageName().equals(pkg) || JloopTck.class.getPackageName().startsWith(pkg + ".")) {
        picks.add(new Pick(null, null, null));
      }
    }
    for (UniqueIdSelector sel : request.getSelectorsByType(UniqueIdSelector.class)) {
      pickUniqueId(sel.getUniqueId());
    }
  }

  private void pickClass(Class<?> type) {
    if (JloopTck.class.isAssignableFrom(type)) {
      picks.add(new Pick(null, null, null));
    } else {
      catalog.area(type).ifPresent(a -> picks.add(new Pick(null, a.id(), null)));
    }
  }

  private void pickMethod(Class<?> type, Method method) {
    catalog.area(type).ifPresent(a -> a.scenarios().stream()
        .filter(s -> s.method().equals(method))
        .forEach(s -> picks.add(new Pick(null, a.id(), s.id()))));
  }

  private void pickUniqueId(UniqueId id) {
    List<UniqueId.Segment> segs = id.getSegments();
    if (segs.isEmpty() || !segs.get(0).equals(engineId.getSegments().get(0))) {
      return;
    }
    String loop = null;
    String area = null;
    String scenario = null;
    for (UniqueId.Segment seg : segs.subList(1, segs.size())) {
      switch (seg.getType()) {
        case LoopDescriptor.SEGMENT -> loop = seg.getValue();
        case AreaDescriptor.SEGMENT -> area = seg.getValue();
        case ScenarioDescriptor.SEGMENT -> scenario = seg.getValue();
        case ContributionDescriptor.SEGMENT -> {
          problemsPicked = true;
          return;
        }
        default -> {
          issue(Severity.WARNING, "unique id " + id + " has an unknown segment type '" + seg.getType()
              + "'; expected loop, area, scenario or contribution", null);
          return;
        }
      }
    }
    if (area != null && catalog.area(area).isEmpty()) {
      issue(Severity.WARNING, "unique id " + id + " names an unknown area; the areas are "
          + catalog.areas().stream().map(AreaSpec::id).toList(), null);
      return;
    }
    if (scenario != null && catalog.scenario(scenario).isEmpty()) {
      issue(Severity.WARNING, "unique id " + id + " names an unknown scenario", null);
      return;
    }
    picks.add(new Pick(loop, area, scenario));
  }

  /** The providers to run, by id (sorted), after {@code jloop.tck.loops}. */
  private Map<String, LoopProvider> providers(TckConfig config) {
    List<LoopProvider> found;
    try {
      found = LoopProviders.all(null);
    } catch (RuntimeException | java.util.ServiceConfigurationError e) {
      issue(Severity.ERROR, "cannot load the LoopProviders registered in "
          + "META-INF/services/dev.jloop.spi.LoopProvider: " + e, e);
      return Map.of();
    }
    Map<String, LoopProvider> byId = new LinkedHashMap<>();
    for (LoopProvider p : found) {
      String id;
      try {
        id = p.id();
      } catch (RuntimeException e) {
        issue(Severity.ERROR, "LoopProvider " + p.getClass().getName() + ".id() threw " + e, e);
        continue;
      }
      if (id == null || id.isBlank()) {
        issue(Severity.ERROR, "LoopProvider " + p.getClass().getName() + " has no id", null);
      } else if (byId.containsKey(id)) {
        issue(Severity.ERROR, "two LoopProviders share the id '" + id + "': "
            + byId.get(id).getClass().getName() + " and " + p.getClass().getName() + "; the second is ignored", null);
      } else {
        byId.put(id, p);
      }
    }
    if (byId.isEmpty()) {
      issue(Severity.ERROR, "no LoopProvider found: register your provider's class name in "
          + "src/test/resources/META-INF/services/dev.jloop.spi.LoopProvider", null);
      return Map.of();
    }
    if (config.loops().isEmpty()) {
      return byId;
    }
    Set<String> unknown = new TreeSet<>(config.loops());
    unknown.removeAll(byId.keySet());
    if (!unknown.isEmpty()) {
      issue(Severity.ERROR, JloopTck.LOOPS + " names " + unknown + ", but the providers found are "
          + byId.keySet(), null);
    }
    byId.keySet().retainAll(config.loops());
    return byId;
  }

  private void issue(Severity severity, String message, Throwable cause) {
    DiscoveryIssue.Builder b = DiscoveryIssue.builder(severity, "jloop-tck: " + message);
    if (cause != null) {
      b.cause(cause);
    }
    request.getDiscoveryListener().issueEncountered(engineId, b.build());
  }
}
