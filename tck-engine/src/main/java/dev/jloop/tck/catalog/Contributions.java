package dev.jloop.tck.catalog;

import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.spi.AreaProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Appends the areas of every {@link AreaProvider} registered on a class path to a catalog.
 * Providers are sorted by class name; each area is checked on its own, and one that cannot be
 * used (its provider failed, it is malformed, or its id is taken) is left out and described as a
 * {@link Problem}: the rest of the catalog stays usable.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Contributions {
  /** ServiceLoader keeps going after an error "on a best effort basis"; this bounds it. */
  private static final int MAX_LOAD_ERRORS = 100;
  private static final Pattern PROVIDER_NAME = Pattern.compile("Provider (\\S+)");

  /**
   * A contribution that was left out.
   *
   * @param provider the provider's class name ({@link AreaProvider}'s own when it is unknown)
   * @param area the area's id, or {@code null} when the provider's areas were not read at all
   * @param message what is wrong, naming the provider and the area class
   * @param cause the exception behind it, or {@code null}
   */
  public record Problem(String provider, String area, String message, Throwable cause) {}

  /**
   * The catalog with the usable contributed areas appended, and what was left out.
   *
   * @param catalog the base catalog plus the contributed areas
   * @param problems the contributions left out, in provider order
   */
  public record Result(Catalog catalog, List<Problem> problems) {
    /** @throws NullPointerException if an argument is {@code null} */
    public Result {
      Objects.requireNonNull(catalog, "catalog");
      problems = List.copyOf(problems);
    }
  }

  private Contributions() {}

  /** {@link Catalog#builtIn()} plus the areas of the providers {@code loader} finds. */
  public static Result load(ClassLoader loader) {
    return load(Catalog.builtIn(), loader);
  }

  /** {@code base} plus the areas of the providers {@code loader} finds ({@code null}: the system loader). */
  public static Result load(Catalog base, ClassLoader loader) {
    Objects.requireNonNull(base, "base");
    List<Problem> problems = new ArrayList<>();
    List<AreaProvider> providers = providers(loader, problems);
    List<AreaSpec> added = new ArrayList<>();
    Map<String, String> addedBy = new LinkedHashMap<>();
    for (AreaProvider p : providers) {
      String name = p.getClass().getName();
      List<Class<?>> classes;
      try {
        classes = p.areas();
      } catch (RuntimeException | LinkageError e) {
        problems.add(new Problem(name, null, "area provider " + name + ": areas() threw " + e
            + "; none of its areas run", e));
        continue;
      }
      if (classes == null) {
        problems.add(new Problem(name, null, "area provider " + name + ": areas() returned null; none of its areas run", null));
        continue;
      }
      for (Class<?> type : classes) {
        AreaSpec area = check(base, name, type, addedBy, problems);
        if (area != null) {
          added.add(area);
          addedBy.put(area.id(), name);
        }
      }
    }
    return new Result(base.plus(added, addedBy), problems);
  }

  /** The area of {@code type}, or {@code null} after adding the reason it cannot be used. */
  private static AreaSpec check(Catalog base, String provider, Class<?> type, Map<String, String> addedBy,
      List<Problem> problems) {
    if (type == null) {
      problems.add(new Problem(provider, null, "area provider " + provider + ": areas() lists null", null));
      return null;
    }
    Area a = type.getAnnotation(Area.class);
    String id = a == null ? null : a.value();
    AreaSpec area;
    try {
      area = Catalog.load(List.of(type)).areas().get(0);
    } catch (IllegalStateException | LinkageError e) {
      problems.add(new Problem(provider, id, "area " + type.getName() + " from provider " + provider
          + " is malformed and does not run: "
          + String.valueOf(e.getMessage()).replaceFirst("^the TCK catalog is malformed:\\s*", "").replace("\n  ", "; "), e));
      return null;
    }
    String taken = null;
    if (base.area(area.id()).isPresent()) {
      taken = base.contributor(area.id()).map(p -> "an area of provider " + p)
          .orElse("the built-in area " + base.area(area.id()).get().type().getName());
    } else if (addedBy.containsKey(area.id())) {
      taken = "an area of provider " + addedBy.get(area.id());
    }
    if (taken != null) {
      problems.add(new Problem(provider, area.id(), "area " + type.getName() + " from provider " + provider
          + " reuses the area id '" + area.id() + "' of " + taken + "; it does not run", null));
      return null;
    }
    return area;
  }

  private static List<AreaProvider> providers(ClassLoader loader, List<Problem> problems) {
    List<AreaProvider> found = new ArrayList<>();
    Iterator<AreaProvider> it = ServiceLoader.load(AreaProvider.class, loader).iterator();
    int errors = 0;
    while (errors < MAX_LOAD_ERRORS) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        errors++;
        String name = providerName(e);
        problems.add(new Problem(name, null, "area provider " + name + " listed in META-INF/services/"
            + AreaProvider.class.getName() + " cannot be loaded: " + describe(e) + "; none of its areas run", e));
      }
    }
    found.sort(Comparator.comparing(p -> p.getClass().getName()));
    return found;
  }

  private static String providerName(Throwable e) {
    Matcher m = PROVIDER_NAME.matcher(String.valueOf(e.getMessage()));
    return m.find() ? m.group(1) : AreaProvider.class.getName();
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      sb.append(" (caused by ").append(c).append(')');
    }
    return sb.toString();
  }
}
