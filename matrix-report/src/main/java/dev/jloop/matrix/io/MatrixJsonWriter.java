package dev.jloop.matrix.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import dev.jloop.matrix.model.Column;
import dev.jloop.matrix.model.LoopInfo;
import dev.jloop.matrix.model.Matrix;
import dev.jloop.matrix.model.Result;
import dev.jloop.matrix.model.Run;
import dev.jloop.matrix.model.Scenario;
import org.apiguardian.api.API;

/**
 * Writes a merged {@link Matrix} as {@code matrix.json} ({@value ResultsReader#MATRIX_FORMAT}):
 * the shape of a results file, with {@code runs} in place of {@code tck}, {@code run} and
 * {@code loops}, and a {@code run} field on every result. {@link ResultsReader} reads it back.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class MatrixJsonWriter {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .build();

  private MatrixJsonWriter() {}

  /** Writes {@code matrix} to {@code file}, replacing it. */
  public static void write(Matrix matrix, Path file) throws IOException {
    Objects.requireNonNull(matrix, "matrix");
    try (OutputStream out = Files.newOutputStream(Objects.requireNonNull(file, "file"));
         JsonGenerator g = MAPPER.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", ResultsReader.MATRIX_FORMAT);
      g.writeArrayFieldStart("runs");
      for (Run run : matrix.runs()) {
        writeRun(g, run);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("scenarios");
      for (Scenario s : matrix.scenarios()) {
        writeScenario(g, s);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("results");
      for (Column c : matrix.columns()) {
        for (Scenario s : matrix.scenarios()) {
          Result r = matrix.result(s, c);
          if (r != null) {
            writeResult(g, c.run().id(), r);
          }
        }
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void writeRun(JsonGenerator g, Run run) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", run.id());
    g.writeStringField("source", run.source());
    g.writeObjectFieldStart("tck");
    g.writeStringField("version", run.tckVersion());
    if (run.scenarioCount() != null) {
      g.writeNumberField("scenarioCount", run.scenarioCount());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("run");
    g.writeStringField("startedAt", run.info().startedAt().toString());
    g.writeNumberField("durationMs", run.info().durationMs());
    g.writeObjectFieldStart("host");
    g.writeStringField("os", run.info().host().os());
    if (run.info().host().cpus() != null) {
      g.writeNumberField("cpus", run.info().host().cpus());
    }
    g.writeStringField("jdk", run.info().host().jdk());
    g.writeEndObject();
    g.writeObjectFieldStart("config");
    for (Map.Entry<String, Object> e : run.info().config().entrySet()) {
      g.writeFieldName(e.getKey());
      g.writeObject(e.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeArrayFieldStart("loops");
    for (LoopInfo l : run.loops()) {
      g.writeStartObject();
      g.writeStringField("id", l.id());
      g.writeStringField("name", l.name());
      g.writeStringField("version", l.version());
      g.writeStringField("provider", l.provider());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeScenario(JsonGenerator g, Scenario s) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", s.id());
    g.writeStringField("area", s.area());
    g.writeStringField("level", s.level().name());
    g.writeStringField("rule", s.rule());
    g.writeArrayFieldStart("apis");
    for (String api : s.apis()) {
      g.writeString(api);
    }
    g.writeEndArray();
    g.writeStringField("reference", s.reference());
    g.writeEndObject();
  }

  private static void writeResult(JsonGenerator g, String runId, Result r) throws IOException {
    g.writeStartObject();
    g.writeStringField("run", runId);
    g.writeStringField("loop", r.loop());
    g.writeStringField("scenario", r.scenario());
    g.writeStringField("outcome", r.outcome().name());
    if (r.durationMs() == null) {
      g.writeNullField("durationMs");
    } else {
      g.writeNumberField("durationMs", r.durationMs());
    }
    g.writeStringField("message", r.message());
    g.writeStringField("detail", r.detail());
    g.writeEndObject();
  }
}
