package dev.jloop.fuzz.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jloop.fuzz.trace.Event;
import dev.jloop.fuzz.trace.Kind;
import dev.jloop.fuzz.trace.Trace;
import dev.jloop.fuzz.trace.TraceJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Programs and traces survive the JSON the Python driver speaks. */
class ProgramJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void generatedProgramsRoundTrip() throws Exception {
    ProgramGenerator gen = new ProgramGenerator(GenSettings.DEFAULT);
    for (long seed = 0; seed < 500; seed++) {
      Program p = gen.fromSeed(seed);
      String text = JSON.writeValueAsString(ProgramJson.write(p));
      assertEquals(p, ProgramJson.read(JSON.readTree(text)), text);
    }
  }

  @Test
  void tracesRoundTrip() throws Exception {
    Trace t = new Trace("x", 0.001, List.of(
        new Event(Kind.RUN, 3, -1, 2, 1.25, 0, true, 0, "", false),
        new Event(Kind.COMPLETE, -1, 4, 2, 1.5, 0, false, -1, "cancelled", true)));
    Trace back = TraceJson.read(JSON.readTree(JSON.writeValueAsString(TraceJson.write(t))));
    assertEquals(t, back);
  }

  @Test
  void malformedInputIsNamed() {
    assertThrows(IllegalArgumentException.class, () -> ProgramJson.read(JSON.readTree("{}")));
    assertThrows(IllegalArgumentException.class,
        () -> ProgramJson.read(JSON.readTree("{\"ops\":[{\"op\":\"teleport\"}]}")));
    assertThrows(IllegalArgumentException.class,
        () -> ProgramJson.read(JSON.readTree("{\"ops\":[{\"op\":\"later\",\"id\":1}]}")));
    assertThrows(IllegalArgumentException.class, () -> TraceJson.read(JSON.readTree("{\"events\":[[1,2]]}")));
    assertThrows(IllegalArgumentException.class,
        () -> TraceJson.read(JSON.readTree("{\"events\":[[\"nope\",1,1,1,1,1,true,1,\"\",false]]}")));
  }
}
