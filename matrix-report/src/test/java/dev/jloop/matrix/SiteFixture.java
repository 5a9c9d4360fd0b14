package dev.jloop.matrix;

import dev.jloop.matrix.fixture.BenchFixture;
import dev.jloop.matrix.fixture.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generates the fixture site through the real command line, as a user would. */
final class SiteFixture {
  private SiteFixture() {}

  /** Writes the inputs into {@code inputs} and the site into {@code site}; returns stdout. */
  static String generate(Path inputs, Path site) throws IOException {
    Files.createDirectories(inputs);
    Path linux = Fixtures.write(inputs, "linux-results.json", Fixtures.linuxRun());
    Path mac = Fixtures.write(inputs, "mac-results.json", Fixtures.macRun());
    Path micro = Fixtures.write(inputs, "bench-results.json", BenchFixture.micro());
    Path echo = Fixtures.write(inputs, "echo-results.json", BenchFixture.echo());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = MatrixReportCli.commandLine().setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err)).execute("--out", site.toString(), "--bench",
            micro.toString(), "--bench", echo.toString(), linux.toString(), mac.toString());
    if (code != 0) {
      throw new AssertionError("matrix-report exited with " + code + ": " + err);
    }
    return out.toString();
  }

  /** Generates into target/fixture-site (kept for people to open) and returns its path. */
  static Path generateInTarget() throws IOException {
    Path target = Path.of("target").toAbsolutePath();
    Path site = target.resolve("fixture-site");
    generate(target.resolve("fixture-inputs"), site);
    return site;
  }
}
