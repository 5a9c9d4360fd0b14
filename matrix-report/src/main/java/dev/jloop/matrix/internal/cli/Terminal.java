package dev.jloop.matrix.internal.cli;

/**
 * Makes untrusted text safe to print on a terminal: control characters (escape sequences
 * included), line and paragraph separators and invisible format characters (bidirectional
 * overrides) become {@code ?}.
 */
public final class Terminal {
  private Terminal() {}

  /** {@code s} with the characters named in the class comment replaced; null becomes "". */
  public static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int type = Character.getType(c);
      boolean control = type == Character.CONTROL || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
      b.append(control ? '?' : c);
    }
    return b.toString();
  }
}
