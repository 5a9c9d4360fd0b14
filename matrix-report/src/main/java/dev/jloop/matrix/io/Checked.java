package dev.jloop.matrix.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON node that knows its file and JSON path, with accessors that fail with a
 * {@link ResultsFormatException} naming both. Unknown fields are ignored (the format only grows
 * additively within a version).
 */
final class Checked {
  private final Path file;
  private final String path;
  private final JsonNode node;

  Checked(Path file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /**
   * Parses {@code file} with {@code mapper}; malformed JSON fails with a
   * {@link ResultsFormatException} naming the line and column. Null or missing for an empty file.
   */
  static JsonNode readTree(ObjectMapper mapper, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return mapper.readTree(in);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where = at == null ? "$" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ResultsFormatException(file, where, "malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  static Checked root(Path file, JsonNode node) throws ResultsFormatException {
    Checked root = new Checked(file, "$", node);
    if (!node.isObject()) {
      throw root.fail("expected a JSON object at the top level, found " + kind(node));
    }
    return root;
  }

  String path() {
    return path;
  }

  ResultsFormatException fail(String problem) {
    return new ResultsFormatException(file, path, problem);
  }

  /** A required object field. */
  Checked object(String field) throws ResultsFormatException {
    Checked c = required(field);
    if (!c.node.isObject()) {
      throw c.fail("expected an object, found " + kind(c.node));
    }
    return c;
  }

  /** An optional object field, or null when absent or null. */
  Checked optObject(String field) throws ResultsFormatException {
    return has(field) ? object(field) : null;
  }

  /** The elements of a required array field. */
  List<Checked> array(String field) throws ResultsFormatException {
    Checked c = required(field);
    if (!c.node.isArray()) {
      throw c.fail("expected an array, found " + kind(c.node));
    }
    List<Checked> out = new ArrayList<>(c.node.size());
    for (int i = 0; i < c.node.size(); i++) {
      out.add(new Checked(file, c.path + "[" + i + "]", c.node.get(i)));
    }
    return out;
  }

  /** A required, non-empty string field. */
  String string(String field) throws ResultsFormatException {
    Checked c = required(field);
    if (!c.node.isTextual()) {
      throw c.fail("expected a string, found " + kind(c.node));
    }
    if (c.node.textValue().isBlank()) {
      throw c.fail("must not be empty");
    }
    return c.node.textValue();
  }

  /** An optional string field (may be empty), or null when absent or null. */
  String optString(String field) throws ResultsFormatException {
    if (!has(field)) {
      return null;
    }
    Checked c = new Checked(file, path + "." + field, node.get(field));
    if (!c.node.isTextual()) {
      throw c.fail("expected a string or null, found " + kind(c.node));
    }
    return c.node.textValue();
  }

  /** This node as a string (for array elements). */
  String asString() throws ResultsFormatException {
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw fail("expected a non-empty string, found " + kind(node));
    }
    return node.textValue();
  }

  /** A required ISO-8601 instant such as {@code 2026-11-24T10:00:00Z}. */
  Instant instant(String field) throws ResultsFormatException {
    String text = string(field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ResultsFormatException(file, path + "." + field,
          "expected an ISO-8601 instant such as 2026-11-24T10:00:00Z, found \"" + text + "\"", e);
    }
  }

  /** A required whole number >= 0. */
  long count(String field) throws ResultsFormatException {
    Checked c = required(field);
    return c.nonNegative();
  }

  /** An optional whole number >= 0, or null when absent or null. */
  Long optCount(String field) throws ResultsFormatException {
    return has(field) ? new Checked(file, path + "." + field, node.get(field)).nonNegative() : null;
  }

  private long nonNegative() throws ResultsFormatException {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw fail("expected a whole number, found " + kind(node));
    }
    if (node.longValue() < 0) {
      throw fail("must not be negative, found " + node.longValue());
    }
    return node.longValue();
  }

  /** A required string field naming a constant of {@code type}. */
  <E extends Enum<E>> E constant(String field, Class<E> type) throws ResultsFormatException {
    String value = string(field);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) {
        return e;
      }
    }
    throw new Checked(file, path + "." + field, node.get(field)).fail("unknown value \"" + value
        + "\"; expected one of " + Arrays.toString(type.getEnumConstants()));
  }

  /**
   * An optional object of settings in file order, empty when absent: strings, numbers and booleans
   * keep their JSON type; anything nested is kept as its JSON text.
   */
  Map<String, Object> scalars(String field) throws ResultsFormatException {
    Map<String, Object> out = new LinkedHashMap<>();
    Checked c = optObject(field);
    if (c != null) {
      for (Map.Entry<String, JsonNode> e : c.node.properties()) {
        JsonNode v = e.getValue();
        Object value;
        if (v.isTextual()) {
          value = v.textValue();
        } else if (v.isNumber()) {
          value = v.numberValue();
        } else if (v.isBoolean()) {
          value = v.booleanValue();
        } else if (v.isNull()) {
          continue;
        } else {
          value = v.toString();
        }
        out.put(e.getKey(), value);
      }
    }
    return out;
  }

  private boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  private Checked required(String field) throws ResultsFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw fail("missing required field \"" + field + "\"");
    }
    return new Checked(file, path + "." + field, v);
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
