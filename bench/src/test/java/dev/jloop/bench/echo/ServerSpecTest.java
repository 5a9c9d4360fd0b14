package dev.jloop.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The server entries' commands and yardsticks, without starting anything. */
class ServerSpecTest {
  private static final TlsMaterial TLS = new TlsMaterial(Path.of("/k/echo-tls.p12"), "pw",
      Path.of("/k/cert.pem"), Path.of("/k/key.pem"));

  private static Map<String, ServerSpec> specs(TlsMaterial tls, String tlsSkip) {
    ServerSpec.Env env = new ServerSpec.Env("java", "cp", List.of(), Path.of("/b/echo_server.py"),
        new PythonInfo("/py", "3.11", "3.11", null), new PythonInfo("/uv", "3.11", "0.17", null),
        "reference", tls, tlsSkip);
    return ServerSpec.all(env).stream().collect(Collectors.toMap(ServerSpec::id, Function.identity()));
  }

  @Test
  void exactlyTheTlsEntriesSpeakTls() {
    Map<String, ServerSpec> specs = specs(TLS, null);
    assertEquals(Set.of("jloop-tls", "netty-nio-1-tls", "asyncio-tls", "uvloop-tls"),
        specs.values().stream().filter(ServerSpec::tls).map(ServerSpec::id).collect(Collectors.toSet()));
    specs.values().forEach(s -> assertNull(s.skip(), s.id()));
  }

  @Test
  void pythonTlsServersGetThePemPairAndJvmOnesTheKeyStore() {
    Map<String, ServerSpec> specs = specs(TLS, null);
    for (String id : List.of("asyncio-tls", "uvloop-tls")) {
      List<String> cmd = specs.get(id).command();
      assertEquals(id.startsWith("uvloop") ? "/uv" : "/py", cmd.get(0));
      assertEquals("tls", cmd.get(cmd.indexOf("--mode") + 1), id);
      assertEquals("/k/cert.pem", cmd.get(cmd.indexOf("--cert") + 1), id);
      assertEquals("/k/key.pem", cmd.get(cmd.indexOf("--key") + 1), id);
      assertEquals("cpython", specs.get(id).runtime());
    }
    for (String id : List.of("jloop-tls", "netty-nio-1-tls")) {
      List<String> cmd = specs.get(id).command();
      assertEquals("/k/echo-tls.p12", cmd.get(cmd.indexOf("--keystore") + 1), id);
      assertFalse(cmd.contains("--cert"), id);
    }
    assertFalse(specs.get("asyncio-protocol").command().contains("--cert"));
  }

  @Test
  void withoutTlsMaterialEveryTlsEntryIsSkippedWithTheReason() {
    for (ServerSpec s : specs(null, "no keytool").values()) {
      assertEquals(s.tls() ? "no keytool" : null, s.skip(), s.id());
      assertFalse(s.command().contains("--cert") || s.command().contains("--keystore"), s.id());
    }
  }

  @Test
  void tlsServersAreComparedWithEveryOtherTlsServer() {
    assertEquals(List.of("uvloop-protocol", "raw-nio", "netty-nio-1", "netty-nio-1-tls",
        "uvloop-tls", "asyncio-tls"), EchoReport.bases("jloop-tls"));
    assertTrue(EchoReport.bases("jloop-streams").contains("uvloop-streams"));
    assertFalse(EchoReport.bases("jloop-protocol").contains("uvloop-tls"));
  }
}
