package dev.jloop.fuzz.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Traces as JSON, the form the Python driver writes: {@code {"loop": ..., "resolution": ...,
 * "events": [[kind, id, ref, pass, time, value, loopThread, depth, note, flag], ...]}}, kinds as
 * {@link Kind#code()}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class TraceJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private TraceJson() {}

  /** {@code t} as JSON. */
  public static ObjectNode write(Trace t) {
    ObjectNode o = F.objectNode().put("loop", t.loop()).put("resolution", t.clockResolution());
    ArrayNode events = o.putArray("events");
    for (Event e : t.events()) {
      events.addArray().add(e.kind().code()).add(e.id()).add(e.ref()).add(e.pass()).add(e.time())
          .add(e.value()).add(e.loopThread()).add(e.depth()).add(e.note()).add(e.flag());
    }
    return o;
  }

  /**
   * Reads a trace.
   *
   * @throws IllegalArgumentException naming the malformed event
   */
  public static Trace read(JsonNode json) {
    JsonNode events = json.get("events");
    if (events == null || !events.isArray()) {
      throw new IllegalArgumentException("a trace needs an \"events\" array");
    }
    List<Event> out = new ArrayList<>(events.size());
    for (JsonNode e : events) {
      if (!e.isArray() || e.size() != 10) {
        throw new IllegalArgumentException("an event is an array of 10 fields: " + e);
      }
      try {
        out.add(new Event(Kind.ofCode(e.get(0).asText()), e.get(1).asInt(), e.get(2).asInt(),
            e.get(3).asInt(), e.get(4).asDouble(), e.get(5).asDouble(), e.get(6).asBoolean(),
            e.get(7).asInt(), e.get(8).asText(), e.get(9).asBoolean()));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException("malformed event " + e + ": " + bad.getMessage(), bad);
      }
    }
    return new Trace(json.path("loop").asText("python"), json.path("resolution").asDouble(1e-9), out);
  }
}
