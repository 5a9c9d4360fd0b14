package dev.jloop.matrix.internal.cli;

/** Makes untrusted text safe to print on a terminal: control characters become {@code ?}. */
public final class Terminal {
  private Terminal() {}

  /** {@code s} with C0 and C1 control characters (escape sequences included) replaced. */
  public static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
      b.append(control ? '?' : c);
    }
    return b.toString();
  }
}
