package dev.jloop.matrix.internal.site;

/**
 * Turns ids from results files (loop ids, scenario ids, method names: untrusted) into file names
 * and HTML ids that are safe everywhere, including case-insensitive file systems. The mapping is
 * injective: lowercase letters, digits, {@code _}, {@code -} and (except in first place)
 * {@code .} stay; every other UTF-16 unit becomes {@code ~xxxx} (hex), {@code ~} being URL-safe.
 */
public final class Names {
  private Names() {}

  /** A safe file-name stem for {@code id}. */
  public static String file(String id) {
    StringBuilder b = new StringBuilder(id.length() + 8);
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || (c == '.' && i > 0);
      if (keep) {
        b.append(c);
      } else {
        b.append('~').append(String.format("%04x", (int) c));
      }
    }
    return b.toString();
  }

  /** The path of a scenario page, relative to the site root. */
  public static String scenarioPage(String scenarioId) {
    return "scenario/" + file(scenarioId) + ".html";
  }

  /** The path of a loop page, relative to the site root. */
  public static String loopPage(String loopId) {
    return "loop/" + file(loopId) + ".html";
  }

  /** The path of a loop's badge, relative to the site root. */
  public static String badge(String loopId) {
    return "badge/" + file(loopId) + ".svg";
  }

  /** The HTML id of an asyncio method's row on the methods page. */
  public static String methodAnchor(String method) {
    return "m-" + file(method);
  }
}
