package dev.jloop.matrix.internal.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EscapeTest {
  private static final String NASTY = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> "
      + "' onmouseover='alert(3)' & </script>\u2028\u2029";

  @Test
  void htmlEscapesMarkupQuotesAndAmpersands() {
    assertEquals("&lt;b&gt; &amp; &quot;q&quot; &#39;s&#39;", Escape.html("<b> & \"q\" 's'"));
    String out = Escape.html(NASTY);
    for (String raw : List.of("<", ">", "\"", "'")) {
      assertFalse(out.contains(raw), "raw " + raw + " in " + out);
    }
    assertEquals("", Escape.html(null));
  }

  @Test
  void htmlReplacesControlCharactersThatXmlForbids() {
    assertEquals("a\uFFFDb\tc\nd\uFFFD", Escape.html("a\u0000b\tc\nd\u001b"));
  }

  @Test
  void jsonInScriptCannotCloseTheScriptAndStaysValidJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String encoded = json.writeValueAsString(List.of(NASTY));
    String safe = Escape.jsonInScript(encoded);
    for (String raw : List.of("<", ">", "&", "\u2028", "\u2029")) {
      assertFalse(safe.contains(raw), "raw " + raw + " in " + safe);
    }
    assertTrue(safe.contains("\\u003c/script\\u003e"), safe);
    assertEquals(List.of(NASTY), json.readValue(safe, List.class), "parses back unchanged");
  }

  @Test
  void markdownNeutralisesTablesLinksCodeAndHtml() {
    String out = Escape.markdown("a|b [x](javascript:y) `c` <i>d</i>\n# e *f* _g_");
    assertEquals("a\\|b \\[x\\](javascript:y) \\`c\\` &lt;i&gt;d&lt;/i&gt; \\# e \\*f\\* \\_g\\_",
        out);
    assertEquals("", Escape.markdown(null));
  }

  @Test
  void shellQuotesAnythingUnusual() {
    assertEquals("timers.equal-deadline-fifo", Escape.shell("timers.equal-deadline-fifo"));
    assertEquals("'a b'", Escape.shell("a b"));
    assertEquals("'$(rm -rf /)'", Escape.shell("$(rm -rf /)"));
    assertEquals("'it'\\''s'", Escape.shell("it's"));
    assertEquals("''", Escape.shell(""));
  }

  @Test
  void namesAreSafeAndInjective() {
    List<String> ids = List.of("timers.fifo", "Timers.fifo", "timers~fifo", "timers_fifo",
        "..", ".hidden", "a/b", "a\\b", "x\"><svg onload=1>", "caf\u00e9", "caf~00e9");
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      String f = Names.file(id);
      assertTrue(f.matches("[a-z0-9_~-][a-z0-9._~-]*"), id + " -> " + f);
      assertTrue(seen.add(f), "collision for " + id + " -> " + f);
    }
    assertEquals("timers.equal-deadline-fifo", Names.file("timers.equal-deadline-fifo"));
    assertEquals("call_soon", Names.file("call_soon"));
    assertEquals("~002e.", Names.file(".."));
  }
}
