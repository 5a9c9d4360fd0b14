package dev.jloop.matrix.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * When, where and how one TCK run happened: the {@code run} object of {@code results.json}.
 *
 * @param startedAt when the run started; never null
 * @param durationMs wall-clock length of the run in milliseconds, never negative
 * @param host the machine; never null
 * @param config the TCK configuration in file order: values are String, Number or Boolean;
 *     never null, may be empty
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RunInfo(Instant startedAt, long durationMs, Host host, Map<String, Object> config) {
  public RunInfo {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(host, "host");
    config = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(config,
        "config")));
    if (durationMs < 0) {
      throw new IllegalArgumentException("durationMs must not be negative: " + durationMs);
    }
  }
}
