package dev.jloop.tck.catalog;

import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import dev.jloop.tck.scenarios.Areas;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The scenario catalog: the built-in areas listed in {@link Areas} ({@link #builtIn()}), and
 * optionally areas contributed through {@link dev.jloop.tck.spi.AreaProvider} appended after
 * them ({@link Contributions}). Each area is checked: ids are unique and well formed, each rule
 * is one sentence, each scenario lists its apis and reference, each method takes one
 * {@link ScenarioContext}. A malformed built-in catalog fails loudly, naming every problem.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Catalog {
  private static final Pattern AREA_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern API_NAME = Pattern.compile("([A-Z][A-Za-z]*\\.)?[a-z_]+");
  private static final Pattern SECOND_SENTENCE = Pattern.compile("[.!?]\\s+[A-Z]");
  private static final Catalog BUILT_IN = load(Areas.ALL);

  private final List<AreaSpec> areas;
  private final Map<String, String> contributedBy;
  private final Map<String, ScenarioSpec> byId = new LinkedHashMap<>();

  private Catalog(List<AreaSpec> areas, Map<String, String> contributedBy) {
    this.areas = List.copyOf(areas);
    this.contributedBy = Map.copyOf(contributedBy);
    for (AreaSpec a : areas) {
      for (ScenarioSpec s : a.scenarios()) {
        byId.put(s.id(), s);
      }
    }
  }

  /** The TCK's own areas ({@link Areas#ALL}), without contributed ones: what docs/tck-rules.md lists. */
  public static Catalog builtIn() {
    return BUILT_IN;
  }

  /**
   * This catalog with {@code more} appended, each area mapped to the class name of the provider
   * that contributed it. The caller has checked that no id repeats.
   */
  Catalog plus(List<AreaSpec> more, Map<String, String> providers) {
    List<AreaSpec> all = new ArrayList<>(areas);
    all.addAll(more);
    Map<String, String> by = new LinkedHashMap<>(contributedBy);
    by.putAll(providers);
    return new Catalog(all, by);
  }

  /** Whether any area of this catalog was contributed by an {@link dev.jloop.tck.spi.AreaProvider}. */
  public boolean hasContributedAreas() {
    return !contributedBy.isEmpty();
  }

  /** The class name of the provider that contributed area {@code id}; empty for a built-in area. */
  public Optional<String> contributor(String id) {
    return Optional.ofNullable(contributedBy.get(id));
  }

  /** The areas in catalog order. */
  public List<AreaSpec> areas() {
    return areas;
  }

  /** Every scenario, area by area, each area's sorted by id. */
  public List<ScenarioSpec> scenarios() {
    return List.copyOf(byId.values());
  }

  /** The scenario with {@code id}. */
  public Optional<ScenarioSpec> scenario(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The area with {@code id}. */
  public Optional<AreaSpec> area(String id) {
    return areas.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  /** The area whose class is {@code type}. */
  public Optional<AreaSpec> area(Class<?> type) {
    return areas.stream().filter(a -> a.type() == type).findFirst();
  }

  /**
   * Reads and checks the catalog of {@code areaClasses}.
   *
   * @throws IllegalStateException listing every problem found
   */
  public static Catalog load(List<Class<?>> areaClasses) {
    List<String> problems = new ArrayList<>();
    List<AreaSpec> areas = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> areaIds = new HashSet<>();
    for (Class<?> type : areaClasses) {
      Area area = type.getAnnotation(Area.class);
      if (area == null || !AREA_ID.matcher(area.value()).matches()) {
        problems.add(type.getName() + ": needs @Area with an id of lowercase words joined by dashes");
        continue;
      }
      if (!areaIds.add(area.value())) {
        problems.add(type.getName() + ": duplicate area id '" + area.value() + "'");
      }
      try {
        type.getDeclaredConstructor();
      } catch (NoSuchMethodException e) {
        problems.add(type.getName() + ": needs a constructor without parameters (the engine creates one per scenario)");
      }
      List<ScenarioSpec> specs = new ArrayList<>();
      for (Method m : type.getDeclaredMethods()) {
        Scenario s = m.getAnnotation(Scenario.class);
        if (s != null) {
          check(type, area.value(), m, s, ids, problems);
          m.setAccessible(true);
          specs.add(new ScenarioSpec(s.id(), area.value(), s.level(), s.rule(), List.of(s.apis()),
              s.reference(), s.budget(), m));
        }
      }
      specs.sort(Comparator.comparing(ScenarioSpec::id));
      areas.add(new AreaSpec(area.value(), area.description(), type, List.copyOf(specs)));
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the TCK catalog is malformed:\n  " + String.join("\n  ", problems));
    }
    return new Catalog(areas, Map.of());
  }

  private static void check(Class<?> type, String area, Method m, Scenario s, Set<String> ids,
      List<String> problems) {
    String where = type.getSimpleName() + "." + m.getName() + " (" + s.id() + ")";
    if (!s.id().startsWith(area + ".") || !SLUG.matcher(s.id().substring(area.length() + 1)).matches()) {
      problems.add(where + ": id must be '" + area + ".' followed by lowercase words joined by dashes");
    }
    if (!ids.add(s.id())) {
      problems.add(where + ": duplicate id");
    }
    String rule = s.rule();
    if (rule.isBlank() || !rule.endsWith(".") || rule.contains("\n") || SECOND_SENTENCE.matcher(rule).find()) {
      problems.add(where + ": the rule must be one sentence ending with a period");
    }
    if (s.apis().length == 0 || Arrays.stream(s.apis()).anyMatch(a -> !API_NAME.matcher(a).matches())) {
      problems.add(where + ": apis must list asyncio method names in snake_case, e.g. call_soon or Future.cancel");
    }
    if (s.reference().isBlank()) {
      problems.add(where + ": reference is empty");
    }
    if (!(s.budget() > 0)) {
      problems.add(where + ": budget must be positive");
    }
    if (m.getParameterCount() != 1 || m.getParameterTypes()[0] != ScenarioContext.class
        || Modifier.isStatic(m.getModifiers()) || m.getReturnType() != void.class) {
      problems.add(where + ": must be an instance method `void name(ScenarioContext s)`");
    }
  }
}
