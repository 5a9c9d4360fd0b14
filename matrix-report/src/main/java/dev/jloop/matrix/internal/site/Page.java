package dev.jloop.matrix.internal.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The frame every page shares: doctype, inline stylesheet, the top bar with navigation, and an
 * optional inline script. No page refers to anything outside the site directory.
 */
final class Page {
  static final String CSS = resource("site.css");

  enum Nav {
    MATRIX("index.html", "Matrix"),
    METHODS("methods.html", "asyncio methods"),
    LOOPS("loops.html", "Loops"),
    BENCH("bench.html", "Benchmarks");

    final String file;
    final String label;

    Nav(String file, String label) {
      this.file = file;
      this.label = label;
    }
  }

  private Page() {}

  /**
   * A complete document.
   *
   * @param title the page title (untrusted parts allowed; it is escaped)
   * @param root the relative path to the site root: {@code ""} or {@code "../"}
   * @param active the navigation entry to highlight, or null
   * @param hasBench whether the benchmark page exists (to link it)
   * @param body the page's main content
   * @param script inline JavaScript produced by this module, or null
   */
  static String render(String title, String root, Nav active, boolean hasBench, Html body,
      String script) {
    Html h = new Html();
    h.raw("<!DOCTYPE html>\n").open("html", "lang", "en").open("head")
        .empty("meta", "charset", "utf-8")
        .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
        .empty("meta", "name", "generator", "content", "jloop matrix-report")
        .el("title", title + " \u00b7 jloop compatibility matrix")
        .open("style").raw(CSS).close("style").close("head").raw("\n")
        .open("body").open("header", "class", "top")
        .open("a", "class", "brand", "href", root + "index.html").raw("jloop ")
        .el("span", "compatibility matrix").close("a").open("nav");
    for (Nav n : Nav.values()) {
      if (n == Nav.BENCH && !hasBench) {
        continue;
      }
      h.el("a", n.label, "href", root + n.file, "aria-current", n == active ? "page" : null);
    }
    h.el("a", "matrix.json", "href", root + "matrix.json")
        .el("a", "matrix.md", "href", root + "matrix.md")
        .close("nav").close("header").raw("\n")
        .open("main").append(body).close("main").raw("\n");
    if (script != null) {
      h.open("script").raw(script).close("script");
    }
    return h.close("body").close("html").raw("\n").toString();
  }

  static String resource(String name) {
    try (InputStream in = Page.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " next to " + Page.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
