package dev.jloop.reference.internal.signals;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import sun.misc.Signal;

/**
 * POSIX signal names and numbers as the JVM knows them ({@link Signal} takes names; asyncio
 * takes numbers). The table is built once from the names the JVM accepts, so the numbers are
 * the platform's. Thread-safe.
 */
final class SignalNames {
  private static final String[] CANDIDATES = {
      "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
      "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
      "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS", "EMT", "INFO", "LOST"};
  private static final Map<Integer, String> BY_NUMBER = build();

  private SignalNames() {}

  private static Map<Integer, String> build() {
    Map<Integer, String> m = new TreeMap<>();
    for (String n : CANDIDATES) {
      try {
        m.putIfAbsent(new Signal(n).getNumber(), n);
      } catch (IllegalArgumentException unknownHere) {
        // not a signal of this platform
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * The JVM's name (without {@code SIG}) of signal {@code number}.
   *
   * @throws IllegalArgumentException if the platform has no such signal (or the JVM does not
   *     know it, as with real-time signals)
   */
  static String name(int number) {
    String n = BY_NUMBER.get(number);
    if (n == null) {
      throw new IllegalArgumentException("invalid signal number " + number);
    }
    return n;
  }

  /**
   * The canonical name (without {@code SIG}, upper case) of {@code name}, which may carry the
   * {@code SIG} prefix.
   *
   * @throws IllegalArgumentException if the platform has no such signal
   */
  static String canonical(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    if (n.startsWith("SIG")) {
      n = n.substring(3);
    }
    try {
      return name(new Signal(n).getNumber());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown signal name: " + name, e);
    }
  }

  /** The number of signal {@code name} (canonical). */
  static int number(String canonical) {
    return new Signal(canonical).getNumber();
  }
}
