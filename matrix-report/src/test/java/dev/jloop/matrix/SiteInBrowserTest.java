package dev.jloop.matrix;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SiteInBrowserTest {
  @Test
  void screenshot() throws Exception {
    assumeTrue(Chromium.available(), "needs Debian's chromium at /usr/bin/chromium");
    Path site = SiteFixture.generateInTarget();
    Chromium.screenshot(site.resolve("index.html").toUri(), Path.of("target/matrix.png"), 1400, 1000);
  }
}
