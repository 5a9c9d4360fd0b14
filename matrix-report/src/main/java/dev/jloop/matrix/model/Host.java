package dev.jloop.matrix.model;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The machine a TCK run happened on: {@code run.host} in {@code results.json}.
 *
 * @param os operating system as the TCK describes it, e.g. {@code "Linux 6.18 amd64"}; never null
 * @param cpus available processors, or null when the file does not say
 * @param jdk the Java runtime, e.g. {@code "Temurin 25.0.3"}; never null
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Host(String os, Integer cpus, String jdk) {
  public Host {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(jdk, "jdk");
  }
}
