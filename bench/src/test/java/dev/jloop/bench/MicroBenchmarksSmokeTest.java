package dev.jloop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;

/**
 * Runs every loop-level benchmark once, briefly, in this JVM (the await-switch ones are
 * {@link AwaitSwitchSmokeTest}'s), and checks that the Python side and the merge script agree
 * with them. Never asserts timings.
 */
class MicroBenchmarksSmokeTest {
  private static final Path DIR = Path.of("target", "smoke");
  private static final Set<String> LOOP_LEVEL = Set.of(
      "callSoon", "callLater", "timerCancel", "futureDoneCallbacks", "threadsafeRoundTrip");

  private static List<RunResult> results;

  @BeforeAll
  static void runBenchmarks() throws Exception {
    Files.createDirectories(DIR);
    results = SmokeRuns.run("dev\\.jloop\\.bench\\.(Scheduling|Future|Threadsafe)Benchmark\\.",
        DIR.resolve("jmh-result.json"));
  }

  @Test
  void everyLoopLevelBenchmarkRanOnTheReferenceLoopAndScored() {
    Set<String> ran = results.stream().map(SmokeRuns::method).collect(Collectors.toSet());
    assertEquals(LOOP_LEVEL, ran);
    for (RunResult r : results) {
      assertEquals("reference", r.getParams().getParam("loop"), SmokeRuns.method(r));
      double score = r.getPrimaryResult().getScore();
      assertTrue(score > 0 && Double.isFinite(score), SmokeRuns.method(r) + " scored " + score);
      double cpu = r.getSecondaryResults().get("cpu").getScore();
      assertTrue(cpu > 0 && Double.isFinite(cpu), SmokeRuns.method(r) + " cpu score " + cpu);
    }
  }

  @Test
  void loopIdsListsTheReferenceProvider() {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      LoopIds.main(new String[0]);
    } finally {
      System.setOut(saved);
    }
    List<String> ids = Arrays.asList(buf.toString(StandardCharsets.UTF_8).trim().split(","));
    assertTrue(ids.contains("reference"), "LoopIds printed " + ids);
  }

  /** Each JMH benchmark method has a micro.py twin of the same (snake_case) name, and back. */
  @Test
  void pythonBaselinesMirrorTheJmhBenchmarks() throws Exception {
    assumeTrue(Python.available(), "python3 is not on PATH");
    Python.Outcome listed = Python.run(List.of(Python.script("micro.py"), "--list"));
    assertEquals(0, listed.exitCode(), listed.stderr());
    Set<String> python = new TreeSet<>(listed.stdout().lines().toList());
    Set<String> jmh = new TreeSet<>();
    for (String m : LOOP_LEVEL) {
      jmh.add(SmokeRuns.snake(m));
    }
    for (java.lang.reflect.Method m : AwaitSwitchBenchmark.class.getDeclaredMethods()) {
      if (m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)) {
        jmh.add(SmokeRuns.snake(m.getName()));
      }
    }
    assertEquals(jmh, python);
  }

  /** micro.py's JSON and JMH's merge into bench-results.json with ratios against asyncio. */
  @Test
  void combineMergesJmhAndPythonIntoRatios() throws Exception {
    assumeTrue(Python.available(), "python3 is not on PATH");
    Path py = DIR.resolve("python-asyncio.json");
    Python.Outcome micro = Python.run(List.of(Python.script("micro.py"), "--loop", "asyncio",
        "--batch", "100", "--warmup", "0", "--rounds", "2", "--time", "0.02",
        "--filter", "^(call_soon|threadsafe_round_trip)$", "--out", py.toString()));
    assertEquals(0, micro.exitCode(), micro.stderr());
    Path out = DIR.resolve("bench-results.json");
    Python.Outcome combined = Python.run(List.of(Python.script("combine.py"),
        "--jmh", DIR.resolve("jmh-result.json").toString(), "--python", py.toString(),
        "--meta", "command=smoke", "--out", out.toString()));
    assertEquals(0, combined.exitCode(), combined.stderr());
    String json = Files.readString(out);
    assertTrue(json.contains("\"format\": \"jloop-bench-results/1\""), json);
    // One ratio per JVM result that has an asyncio twin: call_soon and threadsafe_round_trip.
    Python.Outcome check = Python.run(List.of("-c", String.join("\n",
        "import json, sys",
        "d = json.load(open(sys.argv[1]))",
        "r = sorted(q['benchmark'] for q in d['ratios'] if q['vs'] == 'asyncio')",
        "assert r == ['call_soon', 'threadsafe_round_trip'], r",
        "assert all(q['ratio'] > 0 and q['cpuRatio'] > 0 for q in d['ratios']), d['ratios']",
        "assert {t['benchmark'] for t in d['targets']} == {'call_soon'}, d['targets']"),
        out.toString()));
    assertEquals(0, check.exitCode(), check.stderr());
    assertTrue(combined.stdout().contains("target call_soon reference"), combined.stdout());
  }
}
