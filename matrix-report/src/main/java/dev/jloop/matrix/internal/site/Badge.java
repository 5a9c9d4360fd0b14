package dev.jloop.matrix.internal.site;

import java.util.Locale;
import dev.jloop.matrix.model.Tally;

/**
 * A small flat SVG badge, {@code jloop TCK | 41/44 REQUIRED}: green when every counted REQUIRED
 * scenario passed, amber from 80%, red below. Text widths are estimated (no font metrics are
 * available offline), generously enough for common sans-serif fonts.
 */
final class Badge {
  private static final String LEFT = "jloop TCK";

  private Badge() {}

  static String render(String loopName, Tally required) {
    String right = required.text() + " REQUIRED";
    String color = required.total() == 0 ? "#6e7781"
        : required.complete() ? "#2da44e" : required.ratio() >= 0.8 ? "#bf8700" : "#cf222e";
    int lw = width(LEFT);
    int rw = width(right);
    int w = lw + rw;
    String title = loopName + ": " + required.passed() + " of " + required.total()
        + " REQUIRED scenarios pass";
    return String.format(Locale.ROOT, """
        <svg xmlns="http://www.w3.org/2000/svg" width="%1$d" height="20" role="img" \
        aria-label="%5$s: %6$s">
        <title>%7$s</title>
        <linearGradient id="g" x2="0" y2="100%%"><stop offset="0" stop-color="#bbb" \
        stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
        <clipPath id="c"><rect width="%1$d" height="20" rx="3" fill="#fff"/></clipPath>
        <g clip-path="url(#c)"><rect width="%2$d" height="20" fill="#555"/>\
        <rect x="%2$d" width="%3$d" height="20" fill="%4$s"/>\
        <rect width="%1$d" height="20" fill="url(#g)"/></g>
        <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" \
        font-size="11">\
        <text x="%8$.1f" y="15" fill="#010101" fill-opacity=".3">%5$s</text>\
        <text x="%8$.1f" y="14">%5$s</text>\
        <text x="%9$.1f" y="15" fill="#010101" fill-opacity=".3">%6$s</text>\
        <text x="%9$.1f" y="14">%6$s</text></g>
        </svg>
        """, w, lw, rw, color, LEFT, Escape.html(right), Escape.html(title),
        lw / 2.0, lw + rw / 2.0);
  }

  private static int width(String text) {
    return (int) Math.ceil(text.length() * 7.0) + 12;
  }
}
