package dev.jloop.reference;

import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A {@link System.LoggerFinder} for the tests (registered in test resources): records what the
 * {@code dev.jloop} loggers log, so tests can check what the loop reports. Other loggers are
 * dropped.
 */
public final class CapturingLoggerFinder extends System.LoggerFinder {
  /** One logged record. */
  public record Entry(String logger, System.Logger.Level level, String message, Throwable thrown) {}

  private static final List<Entry> ENTRIES = new CopyOnWriteArrayList<>();

  /** Everything recorded so far. */
  public static List<Entry> entries() {
    return List.copyOf(ENTRIES);
  }

  /** The records matching {@code filter}. */
  public static List<Entry> matching(Predicate<Entry> filter) {
    return entries().stream().filter(filter).toList();
  }

  /** Forgets what was recorded. */
  public static void clear() {
    ENTRIES.clear();
  }

  @Override
  public System.Logger getLogger(String name, Module module) {
    return new Recorder(name);
  }

  private record Recorder(String name) implements System.Logger {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return name.startsWith("dev.jloop");
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        ENTRIES.add(new Entry(name, level, msg, thrown));
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        String msg = params == null || params.length == 0
            ? format : java.text.MessageFormat.format(format, params);
        ENTRIES.add(new Entry(name, level, msg, null));
      }
    }
  }
}
