package dev.jloop.matrix.model;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A loop under test, as its provider described itself. Every string here is untrusted.
 *
 * @param id the provider's stable id, e.g. {@code "reference"}; never null
 * @param name display name; never null
 * @param version the loop's version; never null
 * @param provider the provider class name; never null
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LoopInfo(String id, String name, String version, String provider) {
  public LoopInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(provider, "provider");
  }
}
