package dev.jloop.matrix.internal.site;

/**
 * A small HTML builder. Tag and attribute names are code constants; every attribute value and
 * every piece of {@link #text} is escaped with {@link Escape#html}. Only {@link #raw} bypasses
 * escaping, and it is used for markup this module produced itself.
 */
public final class Html {
  private final StringBuilder b = new StringBuilder(4096);

  /** Opens {@code tag}; {@code attrs} are name/value pairs, a null value omits the attribute. */
  public Html open(String tag, String... attrs) {
    b.append('<').append(tag);
    attributes(attrs);
    b.append('>');
    return this;
  }

  /** Closes {@code tag}. */
  public Html close(String tag) {
    b.append("</").append(tag).append('>');
    return this;
  }

  /** {@code <tag attrs>text</tag>}, the text escaped. */
  public Html el(String tag, String text, String... attrs) {
    return open(tag, attrs).text(text).close(tag);
  }

  /** A void element such as {@code <input>}. */
  public Html empty(String tag, String... attrs) {
    return open(tag, attrs);
  }

  /** Escaped text; null writes nothing. */
  public Html text(String untrusted) {
    b.append(Escape.html(untrusted));
    return this;
  }

  /** Markup produced by this module. Never pass untrusted text. */
  public Html raw(String markup) {
    b.append(markup);
    return this;
  }

  /** Appends another builder's markup. */
  public Html append(Html other) {
    b.append(other.b);
    return this;
  }

  private void attributes(String[] attrs) {
    if (attrs.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs");
    }
    for (int i = 0; i < attrs.length; i += 2) {
      if (attrs[i + 1] != null) {
        b.append(' ').append(attrs[i]).append("=\"").append(Escape.html(attrs[i + 1])).append('"');
      }
    }
  }

  @Override
  public String toString() {
    return b.toString();
  }
}
