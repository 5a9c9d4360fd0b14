package dev.jloop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The context of an error report: asyncio's {@code context} dict, with its well-known keys as
 * typed accessors and any other key through {@link #get(String)}.
 *
 * <p>Keys follow asyncio: {@code message} (always present), {@code exception}, {@code future},
 * {@code task}, {@code handle}, {@code protocol}, {@code transport}, {@code socket}. Immutable and
 * safe to share between threads.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ExceptionContext {
  /** Key of the human-readable message. */
  public static final String MESSAGE = "message";
  /** Key of the exception, if any. */
  public static final String EXCEPTION = "exception";
  /** Key of the future whose exception was never retrieved. */
  public static final String FUTURE = "future";
  /** Key of the task concerned. */
  public static final String TASK = "task";
  /** Key of the callback handle that failed. */
  public static final String HANDLE = "handle";
  /** Key of the protocol concerned. */
  public static final String PROTOCOL = "protocol";
  /** Key of the transport concerned. */
  public static final String TRANSPORT = "transport";
  /** Key of the socket concerned. */
  public static final String SOCKET = "socket";

  private final Map<String, Object> values;

  private ExceptionContext(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** Starts a context with its message. */
  public static Builder builder(String message) {
    return new Builder(message);
  }

  /** A context with a message and an exception (which may be {@code null}). */
  public static ExceptionContext of(String message, Throwable exception) {
    return builder(message).exception(exception).build();
  }

  /** The message; never {@code null}. */
  public String message() {
    return (String) values.get(MESSAGE);
  }

  /** The exception, or {@code null}. */
  public Throwable exception() {
    return (Throwable) values.get(EXCEPTION);
  }

  /** The value of any key, or {@code null}. */
  public Object get(String key) {
    return values.get(key);
  }

  /** All keys and values, in insertion order, unmodifiable. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** A copy with another message and this context's other keys. */
  public Builder toBuilder() {
    Builder b = new Builder(message());
    b.values.putAll(values);
    return b;
  }

  /**
   * Formats the context as asyncio's default handler does: the message, then one
   * {@code key: value} line per other key except the exception.
   */
  public String format() {
    StringBuilder sb = new StringBuilder(message());
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (e.getKey().equals(MESSAGE) || e.getKey().equals(EXCEPTION)) {
        continue;
      }
      sb.append('\n').append(e.getKey()).append(": ").append(e.getValue());
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "ExceptionContext" + values;
  }

  /** Builds an {@link ExceptionContext}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder(String message) {
      values.put(MESSAGE, Objects.requireNonNull(message, "message"));
    }

    /** Replaces the message. */
    public Builder message(String message) {
      values.put(MESSAGE, Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Sets the exception; {@code null} removes it. */
    public Builder exception(Throwable exception) {
      return put(EXCEPTION, exception);
    }

    /** Sets any key; a {@code null} value removes it. */
    public Builder put(String key, Object value) {
      Objects.requireNonNull(key, "key");
      if (key.equals(MESSAGE)) {
        return message((String) value);
      }
      if (value == null) {
        values.remove(key);
      } else {
        values.put(key, value);
      }
      return this;
    }

    /** The context. */
    public ExceptionContext build() {
      return new ExceptionContext(new LinkedHashMap<>(values));
    }
  }
}
