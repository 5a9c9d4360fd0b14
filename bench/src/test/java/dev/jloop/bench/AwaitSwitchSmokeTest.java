package dev.jloop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.EventLoop;
import dev.jloop.Task;
import dev.jloop.spi.LoopProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;

/**
 * The await-switch benchmarks on the backend this JVM chose: surefire runs this class twice,
 * on the Continuation backend (default execution) and on virtual threads (execution
 * {@code virtual-backend}).
 */
class AwaitSwitchSmokeTest {
  private static String jvmBackend() {
    try (EventLoop loop = LoopProviders.find("reference").newLoop()) {
      Task<String> probe = loop.createTask(() -> Task.current().backendName());
      return loop.runUntilComplete(probe);
    }
  }

  private static AwaitSwitchBenchmark benchmarkFor(String backend) {
    return backend.equals("continuation")
        ? new AwaitSwitchContinuationBenchmark() : new AwaitSwitchVirtualBenchmark();
  }

  @Test
  void bothAwaitBenchmarksRunOnThisJvmsBackend() throws Exception {
    String backend = jvmBackend();
    String cls = benchmarkFor(backend).getClass().getSimpleName();
    Path dir = Files.createDirectories(Path.of("target", "smoke"));
    List<RunResult> results = SmokeRuns.run("dev\\.jloop\\.bench\\." + cls + "\\.",
        dir.resolve("jmh-await-" + backend + ".json"));
    Set<String> ran = results.stream().map(SmokeRuns::method).collect(Collectors.toSet());
    assertEquals(Set.of("awaitFuture", "sleepZeroPingPong"), ran);
    Set<String> readers = results.stream().map(r -> r.getParams().getParam("idleReaders"))
        .collect(Collectors.toSet());
    assertEquals(Set.of("0", "1"), readers, "with and without an idle reader");
    for (RunResult r : results) {
      double score = r.getPrimaryResult().getScore();
      assertTrue(score > 0 && Double.isFinite(score), SmokeRuns.method(r) + " scored " + score);
    }
  }

  /** A number must never be filed under the wrong backend: the trial refuses to start. */
  @Test
  void theOtherBackendsBenchmarkRefusesToStart() {
    String other = jvmBackend().equals("continuation") ? "virtual" : "continuation";
    AwaitSwitchBenchmark wrong = benchmarkFor(other);
    wrong.loop = "reference";
    IllegalStateException e = assertThrows(IllegalStateException.class, wrong::openLoop);
    assertTrue(e.getMessage().contains("-Djloop.coroutine.backend=" + other), e.getMessage());
  }

  @Test
  void anUnknownLoopIdFailsLoudly() {
    AwaitSwitchBenchmark b = new AwaitSwitchContinuationBenchmark();
    b.loop = "no-such-loop";
    assertThrows(java.util.NoSuchElementException.class, b::openLoop);
  }
}
