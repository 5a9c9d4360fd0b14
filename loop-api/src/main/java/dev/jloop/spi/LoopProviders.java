package dev.jloop.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceLoader;
import org.apiguardian.api.API;

/** Finds {@link LoopProvider}s on the class path. Fails loudly, listing what it found. */
@API(status = API.Status.STABLE, since = "0.1")
public final class LoopProviders {
  private LoopProviders() {}

  /** Every provider visible to {@code loader} (the context class loader if {@code null}), sorted by id. */
  public static List<LoopProvider> all(ClassLoader loader) {
    ClassLoader cl = loader != null ? loader : Thread.currentThread().getContextClassLoader();
    List<LoopProvider> found = new ArrayList<>();
    for (LoopProvider p : ServiceLoader.load(LoopProvider.class, cl)) {
      found.add(p);
    }
    found.sort((a, b) -> a.id().compareTo(b.id()));
    return Collections.unmodifiableList(found);
  }

  /** Every provider visible to the context class loader, sorted by id. */
  public static List<LoopProvider> all() {
    return all(null);
  }

  /**
   * The provider with {@code id}.
   *
   * @throws NoSuchElementException naming the id and listing the ids that were found
   */
  public static LoopProvider find(String id) {
    List<LoopProvider> all = all();
    for (LoopProvider p : all) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    List<String> ids = all.stream().map(LoopProvider::id).toList();
    throw new NoSuchElementException("no LoopProvider with id '" + id + "'; found "
        + (ids.isEmpty() ? "none (is META-INF/services/dev.jloop.spi.LoopProvider on the class path?)" : ids));
  }
}
