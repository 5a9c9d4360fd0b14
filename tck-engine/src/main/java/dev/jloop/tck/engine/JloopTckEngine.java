package dev.jloop.tck.engine;

import dev.jloop.tck.JloopTck;
import dev.jloop.tck.catalog.Contributions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import org.apiguardian.api.API;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;

/**
 * The jloop TCK as a JUnit Platform {@link TestEngine}, id {@value JloopTck#ENGINE_ID}:
 * runs every scenario of the catalog against every registered {@link dev.jloop.spi.LoopProvider}.
 * The catalog is the TCK's own areas followed by those of every {@link dev.jloop.tck.spi.AreaProvider}
 * on the thread context class loader, read again at each discovery. Registered in {@code META-INF/services/org.junit.platform.engine.TestEngine}; see
 * {@code docs/tck-usage.md}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class JloopTckEngine implements TestEngine {
  private static final String VERSION = readVersion();

  /** Created by the JUnit Platform through {@link java.util.ServiceLoader}. */
  public JloopTckEngine() {}

  @Override
  public String getId() {
    return JloopTck.ENGINE_ID;
  }

  @Override
  public Optional<String> getGroupId() {
    return Optional.of("dev.jloop");
  }

  @Override
  public Optional<String> getArtifactId() {
    return Optional.of("jloop-tck");
  }

  @Override
  public Optional<String> getVersion() {
    return Optional.of(VERSION);
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    return new Discovery(request, uniqueId,
        Contributions.load(Thread.currentThread().getContextClassLoader())).discover();
  }

  @Override
  public void execute(ExecutionRequest request) {
    new TckExecution(request, VERSION).run();
  }

  private static String readVersion() {
    try (InputStream in = JloopTck.class.getResourceAsStream("jloop-tck.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
