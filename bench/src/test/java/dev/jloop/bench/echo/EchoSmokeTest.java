package dev.jloop.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Runs the harness in {@code --smoke} mode ({@code bench/run-echo.sh --smoke}) for a few servers,
 * each a real child process loaded by the real load generator, and checks the results file:
 * well-formed, every request verified, every figure and the expected ratios present. The JVM
 * servers always run; CPython's TLS server only where {@code python3} runs (the plain CPython
 * servers are the same script without the certificate). It never looks at how fast anything was.
 */
@EnabledOnOs(OS.LINUX)
class EchoSmokeTest {
  private static final List<String> CONFIGS = List.of("echo_1k_c4", "echo_100k_c4");

  @Test
  void jvmServersWriteVerifiedResultsAndMemory() throws Exception {
    JsonNode root = smoke("jvm", "--servers", "jloop-protocol,raw-nio", "--memory",
        "jloop-protocol", "--memory-connections", "100");
    Set<String> seen = checkResults(root);
    expect(seen, List.of("jloop-protocol", "raw-nio"));
    assertTrue(seen.contains("idle_heap_per_connection/jloop-protocol"), seen.toString());
    assertTrue(seen.contains("idle_rss_per_connection/jloop-protocol"), seen.toString());
    assertTrue(hasRatio(root, "jloop-protocol", "raw-nio"), root.get("ratios").toString());
    JsonNode targets = root.get("targets");
    assertFalse(targets.isEmpty());
    for (JsonNode t : targets) {
      boolean measured = t.get("value").isNumber();
      assertEquals(measured, t.get("met").isBoolean(), t.toString());
    }
  }

  /** CPython asyncio's TLS server (echo_server.py with the PEM pair) beside jloop's. */
  @Test
  void pythonServersIncludingTlsWriteVerifiedResults() throws Exception {
    PythonInfo python = PythonInfo.probe("python3", false);
    assumeTrue(python.skip() == null, "skipped: " + python.skip());
    JsonNode root = smoke("python", "--servers", "jloop-tls,asyncio-tls",
        "--memory", "none");
    assertEquals(0, root.get("run").get("skipped").size(), root.get("run").get("skipped").toString());
    expect(checkResults(root), List.of("jloop-tls", "asyncio-tls"));
    assertTrue(hasRatio(root, "jloop-tls", "asyncio-tls"), "jloop TLS against asyncio TLS: "
        + root.get("ratios"));
    assertFalse(hasRatio(root, "asyncio-tls", "jloop-tls"),
        "jloop is compared with the yardsticks, not the other way round");
  }

  private static JsonNode smoke(String name, String... args) throws Exception {
    Path out = Path.of("target", "echo-smoke", name + "-results.json");
    Files.createDirectories(out.getParent());
    Files.deleteIfExists(out);
    String[] all = new String[args.length + 3];
    all[0] = "--smoke";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--out";
    all[args.length + 2] = out.toString();
    int status = new EchoHarness(HarnessOptions.parse(all)).run();
    assertEquals(0, status, "harness exit status (failures are in the table above)");
    JsonNode root = new ObjectMapper().readTree(out.toFile());
    assertEquals("jloop-bench-results/1", root.get("format").asText());
    assertEquals("echo", root.get("suite").asText());
    JsonNode run = root.get("run");
    assertTrue(run.get("config").get("smoke").asBoolean());
    assertEquals(0, run.get("failures").size(), run.get("failures").toString());
    assertTrue(run.get("meta").get("command").asText().startsWith("bench/run-echo.sh --smoke"));
    return root;
  }

  /** Checks every result's figures; returns "benchmark/server" for each. */
  private static Set<String> checkResults(JsonNode root) {
    Set<String> seen = new HashSet<>();
    for (JsonNode r : root.get("results")) {
      String bench = r.get("benchmark").asText();
      String loop = r.get("loop").asText();
      assertNotNull(r.get("label").textValue());
      assertTrue(r.get("score").isNumber(), bench + " " + loop);
      seen.add(bench + "/" + loop);
      if (r.get("unit").asText().equals("req/s")) {
        assertTrue(r.get("score").asDouble() > 0, bench + " " + loop);
        assertTrue(r.get("higherIsBetter").asBoolean());
        long requests = r.get("requests").asLong();
        assertTrue(requests > 0, bench + " " + loop);
        assertTrue(r.get("verified").asLong() >= requests, "every echo verified: " + r);
        assertTrue(r.get("p99Us").asDouble() >= r.get("p50Us").asDouble(), r.toString());
        assertTrue(r.get("cpuPerRequestUs").asDouble() > 0, "CPU time from /proc: " + r);
        assertEquals(1, r.get("samples").size());
      }
    }
    return seen;
  }

  private static void expect(Set<String> seen, List<String> servers) {
    for (String server : servers) {
      for (String bench : CONFIGS) {
        for (String b : List.of(bench, bench + "_cpu")) {
          assertTrue(seen.contains(b + "/" + server), "missing " + b + " for " + server + ": " + seen);
        }
      }
    }
  }

  private static boolean hasRatio(JsonNode root, String server, String base) {
    for (JsonNode x : root.get("ratios")) {
      if (x.get("loop").asText().equals(server) && x.get("vs").asText().equals(base)
          && x.get("ratio").asDouble() > 0) {
        return true;
      }
    }
    return false;
  }
}
