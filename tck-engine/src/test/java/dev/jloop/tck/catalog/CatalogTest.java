package dev.jloop.tck.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jloop.AsCompleted;
import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.Runner;
import dev.jloop.Task;
import dev.jloop.TaskGroup;
import dev.jloop.Timeout;
import dev.jloop.TimerHandle;
import dev.jloop.sync.Barrier;
import dev.jloop.sync.BoundedSemaphore;
import dev.jloop.sync.Condition;
import dev.jloop.sync.Event;
import dev.jloop.sync.Lock;
import dev.jloop.sync.Queue;
import dev.jloop.sync.Semaphore;
import dev.jloop.tck.Level;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalog is well formed, names real APIs and real CPython tests, and its docs are current. */
class CatalogTest {
  private static final Path RULES = Path.of("..", "docs", "tck-rules.md");

  @Test
  void theCatalogIsLargeAndEveryAreaHasScenarios() {
    Catalog c = Catalog.builtIn();
    assertTrue(c.scenarios().size() >= 100, "scenarios: " + c.scenarios().size());
    c.areas().forEach(a -> assertTrue(!a.scenarios().isEmpty(), a.id()));
    assertTrue(c.scenarios().stream().anyMatch(s -> s.level() == Level.STRICT));
  }

  @Test
  void everyApiNamesAPublicMethodOfTheLoopApi() {
    Set<String> methods = Stream.of(EventLoop.class, Future.class, Task.class, Handle.class, TimerHandle.class,
            Async.class, TaskGroup.class, Timeout.class, Runner.class, AsCompleted.class, Lock.class, Event.class,
            Semaphore.class, BoundedSemaphore.class, Condition.class, Queue.class, Barrier.class,
            dev.jloop.io.Protocol.class, dev.jloop.io.Transport.class, dev.jloop.io.Server.class,
            dev.jloop.streams.Streams.class, dev.jloop.streams.StreamReader.class, dev.jloop.streams.StreamWriter.class,
            dev.jloop.io.DatagramTransport.class, dev.jloop.io.SubprocessProtocol.class,
            dev.jloop.process.Process.class, dev.jloop.process.Subprocesses.class)
        .flatMap(t -> Arrays.stream(t.getMethods())).map(Method::getName).collect(Collectors.toSet());
    for (ScenarioSpec s : Catalog.builtIn().scenarios()) {
      for (String name : s.javaMethodNames()) {
        assertTrue(methods.contains(name), s.id() + " lists an api that maps to " + name + ", which no jloop type has");
      }
    }
  }

  @Test
  void everyCpythonTestAReferenceNamesExists() {
    Set<String> known = RuleCatalog.cpythonTests().stream().map(RuleCatalog.CpythonTest::id).collect(Collectors.toSet());
    Pattern p = Pattern.compile("test_\\w+\\.\\w+\\.test_\\w+");
    for (ScenarioSpec s : Catalog.builtIn().scenarios()) {
      Matcher m = p.matcher(s.reference());
      while (m.find()) {
        String id = m.group();
        boolean listed = known.contains(id) || id.startsWith("test_base_events.") || id.startsWith("test_events.HandleTests")
            || id.startsWith("test_events.TimerTests");
        assertTrue(listed, s.id() + " cites " + id + ", which is not a known CPython test");
      }
    }
  }

  @Area(value = "broken", description = "Malformed on purpose.")
  static final class MalformedArea {
    @Scenario(id = "other.Bad_Slug", rule = "two sentences. Like this.", apis = "callSoon", reference = "")
    void bad(ScenarioContext s) {}

    @Scenario(id = "broken.fine", rule = "Fine.", apis = "call_soon", reference = "x")
    static void wrongSignature() {}
  }

  @Test
  void aMalformedCatalogIsRejectedNamingEveryProblem() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Catalog.load(List.of(MalformedArea.class)));
    for (String problem : List.of("id must be 'broken.'", "one sentence", "apis must list", "reference is empty",
        "must be an instance method")) {
      assertTrue(e.getMessage().contains(problem), "expected \"" + problem + "\" in: " + e.getMessage());
    }
  }

  @Test
  void theCommittedRuleCatalogIsCurrent() throws IOException {
    String expected = RuleCatalog.render(Catalog.builtIn());
    String committed = Files.exists(RULES) ? Files.readString(RULES, StandardCharsets.UTF_8) : "";
    if (!expected.equals(committed)) {
      Path fresh = Path.of("target", "tck-rules.md");
      Files.createDirectories(fresh.getParent());
      Files.writeString(fresh, expected, StandardCharsets.UTF_8);
      fail("docs/tck-rules.md is stale: the scenarios changed. Regenerate it with\n"
          + "  cp tck-engine/target/tck-rules.md docs/tck-rules.md\n(written by this test), or run "
          + "dev.jloop.tck.catalog.RuleCatalog with the path as argument.");
    }
    assertEquals(expected, committed);
  }
}
