package dev.jloop.io;

/** Argument checks shared by the option records. */
final class OptionChecks {
  private OptionChecks() {}

  /** A number of seconds: {@code null} passes; NaN, infinite and negative fail. */
  static void seconds(String name, Double value, boolean zeroAllowed) {
    if (value == null) {
      return;
    }
    if (value.isNaN() || value.isInfinite() || value < 0 || (!zeroAllowed && value == 0)) {
      throw new IllegalArgumentException(
          name + " must be a " + (zeroAllowed ? "non-negative" : "positive")
              + " finite number of seconds, not " + value);
    }
  }

  /** A listen backlog. */
  static void backlog(int backlog) {
    if (backlog < 0) {
      throw new IllegalArgumentException("backlog must not be negative, not " + backlog);
    }
  }
}
