package dev.jloop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jloop.matrix.fixture.BenchFixture;
import dev.jloop.matrix.fixture.Fixtures;
import dev.jloop.matrix.internal.site.SiteWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixReportCliTest {
  @TempDir
  Path tmp;

  record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = MatrixReportCli.commandLine().setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private Path linux() throws IOException {
    return Fixtures.write(tmp, "linux.json", Fixtures.linuxRun());
  }

  /** Nothing but the given names in the temp dir: no site, no temporary or old directories. */
  private void assertOnly(String... names) throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(names).stream().sorted().toList(),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void helpDescribesUsageAndExitCodes() {
    Outcome r = run("--help");
    assertEquals(MatrixReportCli.OK, r.code());
    for (String s : List.of("matrix-report", "--out", "--bench", "--quiet", "RESULTS.json",
        "Exit codes", "unknown format")) {
      assertTrue(r.out().contains(s), s + " in\n" + r.out());
    }
  }

  @Test
  void usageErrorsExitWithTwo() throws IOException {
    assertEquals(MatrixReportCli.USAGE, run().code());
    assertEquals(MatrixReportCli.USAGE, run("--out", tmp.resolve("s").toString()).code());
    assertEquals(MatrixReportCli.USAGE, run(linux().toString()).code(), "--out is required");
    Path in = linux();
    Outcome twice = run("--out", tmp.resolve("s").toString(), in.toString(), in.toString());
    assertEquals(MatrixReportCli.USAGE, twice.code());
    assertTrue(twice.err().contains("given twice"), twice.err());
  }

  @Test
  void writesTheSiteAndPrintsASummary() throws IOException {
    Path mac = Fixtures.write(tmp, "mac.json", Fixtures.macRun());
    Path bench = Fixtures.write(tmp, "bench.json", BenchFixture.document());
    Path site = tmp.resolve("site");
    Outcome r = run("--out", site.toString(), "--bench", bench.toString(), linux().toString(),
        mac.toString());
    assertEquals(MatrixReportCli.OK, r.code(), r.err());
    assertTrue(Files.isRegularFile(site.resolve("index.html")));
    assertTrue(Files.isRegularFile(site.resolve("bench.html")));
    assertTrue(r.out().contains(site.resolve("index.html").toString()), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("minimal +run1 +62/96 +15/22 +3/36 .*")),
        r.out());
    assertTrue(r.err().contains("read 1/2 "), "progress per input: " + r.err());
    assertTrue(r.err().contains("read 2/2 "), r.err());
    assertOnly("linux.json", "mac.json", "bench.json", "site");
  }

  @Test
  void everyBenchFileBecomesASectionOfTheBenchmarkPage() throws IOException {
    Path micro = Fixtures.write(tmp, "micro.json", BenchFixture.micro());
    Path echo = Fixtures.write(tmp, "echo.json", BenchFixture.echo());
    Path site = tmp.resolve("site");
    Outcome r = run("--out", site.toString(), "--bench", micro.toString(), "--bench",
        echo.toString(), linux().toString());
    assertEquals(MatrixReportCli.OK, r.code(), r.err());
    assertTrue(r.err().contains("read " + micro + ": 7 benchmark scores, 2 targets"), r.err());
    assertTrue(r.err().contains("read " + echo + ": 27 benchmark scores, 10 targets"), r.err());
    String page = Files.readString(site.resolve("bench.html"));
    int microAt = page.indexOf("data-suite=\"micro\"");
    int echoAt = page.indexOf("data-suite=\"echo\"");
    assertTrue(microAt > 0 && echoAt > microAt, "in the order given");
    assertTrue(page.contains("<code class=\"command\">bench/run-micro.sh -f 1</code>"));
    assertTrue(page.contains("<code class=\"command\">" + BenchFixture.ECHO_COMMAND));
  }

  @Test
  void aBenchFileGivenTwiceIsAUsageError() throws IOException {
    Path bench = Fixtures.write(tmp, "bench.json", BenchFixture.document());
    Path in = linux();
    Outcome r = run("--out", tmp.resolve("site").toString(), "--bench", bench.toString(),
        "--bench", bench.toString(), in.toString());
    assertEquals(MatrixReportCli.USAGE, r.code());
    assertTrue(r.err().contains("given twice"), r.err());
    Outcome asBoth = run("--out", tmp.resolve("site").toString(), "--bench", in.toString(),
        in.toString());
    assertEquals(MatrixReportCli.USAGE, asBoth.code(), asBoth.err());
    assertOnly("bench.json", "linux.json");
  }

  @Test
  void quietPrintsNoProgress() throws IOException {
    Outcome r = run("-q", "--out", tmp.resolve("site").toString(), linux().toString());
    assertEquals(MatrixReportCli.OK, r.code());
    assertEquals("", r.err());
  }

  @Test
  void largeInputsReportProgressWhileWriting() throws IOException {
    ObjectNode doc = Fixtures.skeleton("2026-11-24T10:00:00Z", 1, "Linux", 2, "JDK 25", "virtual");
    Fixtures.loop(doc, "reference", "reference", "0.1.0", "p");
    for (int i = 0; i < 700; i++) {
      Fixtures.scenario(doc, "area" + i % 20 + ".s" + i, "area" + i % 20, "REQUIRED", "Rule " + i,
          List.of("call_soon"), null);
      Fixtures.result(doc, "reference", "area" + i % 20 + ".s" + i, "PASSED", 1, null, null);
    }
    Outcome r = run("--out", tmp.resolve("site").toString(),
        Fixtures.write(tmp, "big.json", doc).toString());
    assertEquals(MatrixReportCli.OK, r.code(), r.err());
    assertTrue(r.err().contains("writing 708 files"), r.err());
    assertTrue(r.err().contains("wrote 500/708 files"), r.err());
  }

  @Test
  void missingInputExitsWithOneAndWritesNothing() throws IOException {
    Path in = linux();
    Outcome r = run("--out", tmp.resolve("site").toString(), in.toString(),
        tmp.resolve("nope.json").toString());
    assertEquals(MatrixReportCli.BAD_INPUT, r.code());
    assertTrue(r.err().contains("no such file: " + tmp.resolve("nope.json")), r.err());
    assertOnly("linux.json");
  }

  @Test
  void malformedJsonExitsWithOneNamingFileAndLine() throws IOException {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"format\": \"jloop-tck-results/1\",\n \"tck\": [}");
    Outcome r = run("--out", tmp.resolve("site").toString(), bad.toString());
    assertEquals(MatrixReportCli.BAD_INPUT, r.code());
    assertTrue(r.err().contains(bad + ": line 2"), r.err());
    assertTrue(r.err().contains("malformed JSON"), r.err());
    assertOnly("bad.json");
  }

  @Test
  void unknownFormatVersionExitsWithOne() throws IOException {
    ObjectNode doc = Fixtures.linuxRun().put("format", "jloop-tck-results/9");
    Path in = Fixtures.write(tmp, "future.json", doc);
    Outcome r = run("--out", tmp.resolve("site").toString(), in.toString());
    assertEquals(MatrixReportCli.BAD_INPUT, r.code());
    assertTrue(r.err().contains("unknown format version \"jloop-tck-results/9\""), r.err());
    assertOnly("future.json");
  }

  @Test
  void invalidBenchFileExitsWithOne() throws IOException {
    Path bench = tmp.resolve("bench.json");
    Files.writeString(bench, "{\"results\": [{\"loop\": \"x\"}]}");
    Outcome r = run("--out", tmp.resolve("site").toString(), "--bench", bench.toString(),
        linux().toString());
    assertEquals(MatrixReportCli.BAD_INPUT, r.code());
    assertTrue(r.err().contains("no usable benchmark results"), r.err());
    assertOnly("bench.json", "linux.json");
  }

  @Test
  void aFailedRunLeavesThePreviousSiteIntact() throws IOException {
    Path site = tmp.resolve("site");
    assertEquals(MatrixReportCli.OK, run("-q", "--out", site.toString(), linux().toString())
        .code());
    String before = Files.readString(site.resolve("index.html"));
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "not json");
    assertEquals(MatrixReportCli.BAD_INPUT, run("--out", site.toString(), bad.toString()).code());
    assertEquals(before, Files.readString(site.resolve("index.html")));
    assertOnly("linux.json", "bad.json", "site");
  }

  @Test
  void anEarlierSiteIsReplacedAsAWhole() throws IOException {
    Path site = tmp.resolve("site");
    Path mac = Fixtures.write(tmp, "mac.json", Fixtures.macRun());
    assertEquals(MatrixReportCli.OK, run("-q", "--out", site.toString(), linux().toString())
        .code());
    assertTrue(Files.exists(site.resolve("loop/minimal.html")));
    assertEquals(MatrixReportCli.OK, run("-q", "--out", site.toString(), mac.toString()).code());
    assertFalse(Files.exists(site.resolve("loop/minimal.html")), "no stale page from before");
    assertTrue(Files.exists(site.resolve("loop/reference.html")));
    assertTrue(Files.exists(site.resolve(SiteWriter.MARKER)));
    assertOnly("linux.json", "mac.json", "site");
  }

  @Test
  void refusesToReplaceADirectoryItDidNotWrite() throws IOException {
    Path precious = Files.createDirectories(tmp.resolve("precious"));
    Files.writeString(precious.resolve("notes.txt"), "keep me");
    Outcome r = run("--out", precious.toString(), linux().toString());
    assertEquals(MatrixReportCli.CANNOT_WRITE, r.code());
    assertTrue(r.err().contains("not written by matrix-report"), r.err());
    assertEquals("keep me", Files.readString(precious.resolve("notes.txt")));
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertEquals(MatrixReportCli.CANNOT_WRITE, run("--out", file.toString(), linux().toString())
        .code());
  }

  @Test
  void untrustedStringsCannotDriveTheTerminal() throws IOException {
    ObjectNode doc = Fixtures.skeleton("2026-11-24T10:00:00Z", 1, "Linux\u001b[2J", 2,
        "JDK\u009b31m\u202e", "virtual");
    Fixtures.loop(doc, "evil\u001b]0;title\u0007", "n", "1", "p");
    Fixtures.scenario(doc, "a.b", "a", "REQUIRED", "r", List.of("call_soon"), null);
    Fixtures.result(doc, "evil\u001b]0;title\u0007", "a.b", "PASSED", 1, null, null);
    Outcome r = run("--out", tmp.resolve("site").toString(),
        Fixtures.write(tmp, "evil.json", doc).toString());
    assertEquals(MatrixReportCli.OK, r.code(), r.err());
    for (String s : List.of(r.out(), r.err())) {
      assertFalse(s.chars().anyMatch(c -> c == 0x1b || c == 0x9b || c == 0x07 || c == 0x202e),
          "control characters reached the terminal: " + s);
    }
  }
}
