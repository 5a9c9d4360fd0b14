package dev.jloop.matrix.internal.site;

/**
 * Escaping for every context the site puts untrusted text in. Loop names, versions, messages and
 * details come from the loop under test and may hold anything, markup included.
 */
public final class Escape {
  private Escape() {}

  /**
   * For HTML (and SVG/XML) text and double-quoted attribute values: {@code & < > " '} become
   * entities, and control characters other than tab, newline and carriage return (which XML
   * forbids and HTML replaces) become U+FFFD. Null becomes the empty string.
   */
  public static String html(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(isForbiddenControl(c) ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }

  /**
   * For JSON placed inside a {@code <script>} element: {@code <}, {@code >} and {@code &} become
   * {@code \u003c}-style escapes (so {@code </script>} and {@code <!--} cannot appear), and so do
   * U+2028 and U+2029 (line terminators to older JavaScript parsers). Valid only for JSON text,
   * where these characters can occur only inside strings.
   */
  public static String jsonInScript(String json) {
    StringBuilder b = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> b.append("\\u003c");
        case '>' -> b.append("\\u003e");
        case '&' -> b.append("\\u0026");
        case '\u2028' -> b.append("\\u2028");
        case '\u2029' -> b.append("\\u2029");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * For text inside a Markdown table cell or list item (GitHub-flavoured): HTML-significant
   * characters become entities, Markdown punctuation is backslash-escaped (brackets included, so
   * no link or image can form), line breaks become spaces. Null becomes the empty string.
   */
  public static String markdown(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\n', '\r' -> b.append(' ');
        case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~' -> b.append('\\').append(c);
        default -> b.append(isForbiddenControl(c) ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }

  /**
   * Quotes a word for a POSIX shell command line: words made only of letters, digits and
   * {@code . _ - / = , :} stay as they are; anything else is single-quoted.
   */
  public static String shell(String s) {
    if (!s.isEmpty() && s.chars().allMatch(c -> c < 128
        && (Character.isLetterOrDigit(c) || "._-/=,:".indexOf(c) >= 0))) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static boolean isForbiddenControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F
        || c == '\uFFFE' || c == '\uFFFF';
  }
}
