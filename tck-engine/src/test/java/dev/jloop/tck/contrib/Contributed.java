package dev.jloop.tck.contrib;

import dev.jloop.EventLoop;
import dev.jloop.tck.Level;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import dev.jloop.tck.spi.AreaProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AreaProvider}s for the tests of contributed areas: one that adds a good area, and others
 * broken in each way the engine must survive. They live outside the TCK's scenario packages, as
 * a library's would, and are registered only through {@link #loader}, never on the test class
 * path, so the rest of the TCK's tests see the built-in catalog.
 */
public final class Contributed {
  private Contributed() {}

  /** A well-formed contributed area. */
  @Area(value = "extra", description = "A contributed area for the engine's tests.")
  static final class ExtraScenarios {
    @Scenario(id = "extra.noted", rule = "Three call_soon callbacks run in the order they were queued.",
        apis = "call_soon", reference = "tck-engine test fixture")
    void noted(ScenarioContext s) {
      EventLoop loop = s.loop();
      List<Integer> ran = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int n = i;
        loop.callSoon(() -> ran.add(n));
      }
      loop.callSoon(loop::stop);
      loop.runForever();
      s.expectOrder("call_soon callbacks", List.of(0, 1, 2), ran);
      s.note(ran.size() + " callbacks ran in order");
    }

    @Scenario(id = "extra.timer", level = Level.OPTIONAL, rule = "A call_later callback runs.",
        apis = "call_later", reference = "tck-engine test fixture")
    void timer(ScenarioContext s) {
      EventLoop loop = s.loop();
      loop.callLater(0.001, loop::stop);
      loop.runForever();
    }
  }

  /** Reuses the id of {@link ExtraScenarios}. */
  @Area(value = "extra", description = "Reuses a contributed area's id.")
  static final class SameIdScenarios {
    @Scenario(id = "extra.other", rule = "Nothing.", apis = "call_soon", reference = "fixture")
    void other(ScenarioContext s) {}
  }

  /** Reuses a built-in area's id. */
  @Area(value = "timers", description = "Reuses a built-in area's id.")
  static final class TimersAgain {
    @Scenario(id = "timers.again", rule = "Nothing.", apis = "call_later", reference = "fixture")
    void again(ScenarioContext s) {}
  }

  /** Breaks the catalog's rules: a rule that is not a sentence. */
  @Area(value = "malformed", description = "Breaks the catalog's rules.")
  static final class MalformedScenarios {
    @Scenario(id = "malformed.rule", rule = "no period", apis = "call_soon", reference = "fixture")
    void rule(ScenarioContext s) {}
  }

  /** Adds the good area. */
  public static final class P1Extra implements AreaProvider {
    @Override
    public List<Class<?>> areas() {
      return List.of(ExtraScenarios.class);
    }
  }

  /** Adds three areas that cannot be used. */
  public static final class P2Clashes implements AreaProvider {
    @Override
    public List<Class<?>> areas() {
      return List.of(SameIdScenarios.class, TimersAgain.class, MalformedScenarios.class);
    }
  }

  /** Cannot be created. */
  public static final class P3Throws implements AreaProvider {
    public P3Throws() {
      throw new IllegalStateException("provider broken on purpose");
    }

    @Override
    public List<Class<?>> areas() {
      return List.of();
    }
  }

  /** areas() throws. */
  public static final class P4AreasThrow implements AreaProvider {
    @Override
    public List<Class<?>> areas() {
      throw new IllegalStateException("areas() broken on purpose");
    }
  }

  /** areas() returns null. */
  public static final class P5Null implements AreaProvider {
    @Override
    public List<Class<?>> areas() {
      return null;
    }
  }

  /**
   * A class loader over the test class path that also sees
   * {@code META-INF/services/dev.jloop.tck.spi.AreaProvider} listing {@code providers} (class
   * names, which need not exist), written under {@code dir}.
   */
  public static ClassLoader loader(Path dir, String... providers) {
    try {
      Path services = Files.createDirectories(dir.resolve("META-INF").resolve("services"));
      Files.writeString(services.resolve(AreaProvider.class.getName()),
          String.join("\n", providers) + "\n", StandardCharsets.UTF_8);
      return new URLClassLoader(new URL[] {dir.toUri().toURL()}, Contributed.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
