package dev.jloop.matrix.model;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One TCK rule.
 *
 * @param id {@code area.slug}, unique in a run; never null
 * @param area the area the scenario belongs to, e.g. {@code "timers"}; never null
 * @param level how binding the rule is; never null
 * @param rule the rule in one sentence; never null
 * @param apis the asyncio methods the scenario exercises, snake_case as in asyncio; never null
 * @param reference where the rule comes from (asyncio docs or source), or null
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Scenario(String id, String area, Level level, String rule, List<String> apis,
    String reference) {
  public Scenario {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(rule, "rule");
    apis = List.copyOf(Objects.requireNonNull(apis, "apis"));
  }
}
