package dev.jloop.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Runs {@code bench/run-echo.sh --smoke} for three servers (jloop protocol mode, the raw NIO
 * ceiling, CPython asyncio if python3 is there), each a real child process loaded by the real
 * load generator, and checks the results file: well-formed, every request verified, every figure
 * present. It never looks at how fast anything was.
 */
@EnabledOnOs(OS.LINUX)
class EchoSmokeTest {
  @Test
  void smokeRunWritesVerifiedResults() throws Exception {
    Path out = Path.of("target", "echo-smoke", "echo-results.json");
    Files.createDirectories(out.getParent());
    Files.deleteIfExists(out);
    HarnessOptions options = HarnessOptions.parse("--smoke", "--servers",
        "jloop-protocol,raw-nio,asyncio-protocol", "--memory", "jloop-protocol",
        "--memory-connections", "100", "--out", out.toString());
    int status = new EchoHarness(options).run();
    assertEquals(0, status, "harness exit status (failures are in the table above)");

    JsonNode root = new ObjectMapper().readTree(out.toFile());
    assertEquals("jloop-bench-results/1", root.get("format").asText());
    assertEquals("echo", root.get("suite").asText());
    JsonNode run = root.get("run");
    assertTrue(run.get("config").get("smoke").asBoolean());
    assertEquals(0, run.get("failures").size());
    boolean asyncioSkipped = run.get("skipped").has("asyncio-protocol");

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
    for (String loop : asyncioSkipped ? new String[] {"jloop-protocol", "raw-nio"}
        : new String[] {"jloop-protocol", "raw-nio", "asyncio-protocol"}) {
      for (String bench : new String[] {"echo_1k_c4", "echo_100k_c4", "echo_1k_c4_cpu"}) {
        assertTrue(seen.contains(bench + "/" + loop), "missing " + bench + " for " + loop + ": " + seen);
      }
    }
    assertTrue(seen.contains("idle_heap_per_connection/jloop-protocol"), seen.toString());
    assertTrue(seen.contains("idle_rss_per_connection/jloop-protocol"), seen.toString());

    boolean ratio = false;
    for (JsonNode x : root.get("ratios")) {
      if (x.get("loop").asText().equals("jloop-protocol") && x.get("vs").asText().equals("raw-nio")) {
        ratio = x.get("ratio").asDouble() > 0;
      }
    }
    assertTrue(ratio, "a jloop-protocol vs raw-nio ratio: " + root.get("ratios"));
    JsonNode targets = root.get("targets");
    assertFalse(targets.isEmpty());
    for (JsonNode t : targets) {
      boolean measured = t.get("value").isNumber();
      assertEquals(measured, t.get("met").isBoolean(), t.toString());
    }
  }
}
