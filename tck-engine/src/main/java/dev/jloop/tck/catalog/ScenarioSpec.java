package dev.jloop.tck.catalog;

import dev.jloop.tck.Level;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One scenario of the catalog, as read from its {@link dev.jloop.tck.scenario.Scenario}
 * annotation.
 *
 * @param id {@code area.slug}
 * @param area the area id
 * @param level the level
 * @param rule the rule, one sentence
 * @param apis the asyncio methods exercised, snake_case
 * @param reference the asyncio documentation section or CPython test it mirrors
 * @param budgetSeconds the time budget before scaling
 * @param method the scenario method
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ScenarioSpec(
    String id, String area, Level level, String rule, List<String> apis, String reference,
    double budgetSeconds, Method method) {

  /**
   * asyncio names (qualified or not) whose jloop method is not the plain lowerCamelCase of the
   * name: Java has {@code await} for asyncio's {@code wait} on primitives, and {@code Object}
   * owns {@code notifyAll}.
   */
  private static final Map<String, List<String>> ALIASES = Map.of(
      "get_debug", List.of("isDebug"),
      "slow_callback_duration", List.of("getSlowCallbackDuration", "setSlowCallbackDuration"),
      "Event.wait", List.of("await"),
      "Condition.wait", List.of("await"),
      "Barrier.wait", List.of("await"),
      "Condition.notify_all", List.of("notifyAllWaiters"),
      "Process.wait", List.of("waitFor"));

  /** The Java method names the {@link #apis} map to: {@code Future.add_done_callback} -> {@code addDoneCallback}. */
  public Set<String> javaMethodNames() {
    Set<String> out = new LinkedHashSet<>();
    for (String api : apis) {
      String name = api.substring(api.lastIndexOf('.') + 1);
      List<String> alias = ALIASES.getOrDefault(api, ALIASES.get(name));
      if (alias != null) {
        out.addAll(alias);
      } else {
        out.add(camel(name));
      }
    }
    return out;
  }

  /** The asyncio name among {@link #apis} that maps to the Java method {@code javaName}, if any. */
  public java.util.Optional<String> apiFor(String javaName) {
    return apis.stream()
        .filter(a -> new ScenarioSpec(id, area, level, rule, List.of(a), reference, budgetSeconds, method)
            .javaMethodNames().contains(javaName))
        .findFirst();
  }

  /** {@code run_in_executor} -> {@code runInExecutor}. */
  static String camel(String snake) {
    StringBuilder sb = new StringBuilder(snake.length());
    boolean upper = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }
}
