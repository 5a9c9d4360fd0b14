package dev.jloop.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessOptionsTest {
  @Test
  void defaultsAreTheFullRun() {
    HarnessOptions o = HarnessOptions.parse();
    assertEquals(6, o.rounds());
    assertEquals(6, o.configs().size()); // C = 4, 16 x 1, 10, 100 KiB
    assertTrue(o.configs().contains(new EchoClient.Config(16, 102400)));
    assertEquals(10_000, o.memoryConnections());
    assertEquals(Path.of("bench", "target", "echo-results.json"), o.out());
    assertEquals("bench/run-echo.sh", o.command());
  }

  @Test
  void smokeIsOneShortRound() {
    HarnessOptions o = HarnessOptions.parse("--smoke", "--servers", "raw-nio,jloop-protocol");
    assertTrue(o.smoke());
    assertEquals(1, o.rounds());
    assertTrue(o.duration() <= 1);
    assertEquals(List.of("raw-nio", "jloop-protocol"), o.servers());
    assertEquals("bench/run-echo.sh --smoke --servers raw-nio,jloop-protocol", o.command());
  }

  @Test
  void configurationsAreSizesTimesConnections() {
    HarnessOptions o = HarnessOptions.parse("--connections", "2,8", "--sizes", "100", "--memory", "none");
    assertEquals(List.of(new EchoClient.Config(2, 100), new EchoClient.Config(8, 100)), o.configs());
    assertEquals(List.of(), o.memoryServers());
  }

  @Test
  void badInputIsRejectedWithTheOptionNamed() {
    for (String[] args : List.of(new String[] {"--rounds", "0"}, new String[] {"--duration", "-1"},
        new String[] {"--duration", "NaN"}, new String[] {"--sizes", "1024,0"},
        new String[] {"--servers", "no-such-server"}, new String[] {"--frobnicate", "1"},
        new String[] {"--rounds"})) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> HarnessOptions.parse(args), String.join(" ", args));
      assertTrue(e.getMessage().contains(args[0].startsWith("--sizes") ? "positive" : args[0])
          || e.getMessage().contains(args[args.length - 1]), e.getMessage());
    }
  }

  @Test
  void everyServerIdIsKnownToTheSpecs() {
    ServerSpec.Env env = new ServerSpec.Env("java", "cp", List.of(), Path.of("echo_server.py"),
        new PythonInfo("/py", "3.11", "3.11", null), new PythonInfo(null, null, null, "no uvloop"),
        "reference", null, "no TLS here");
    List<ServerSpec> specs = ServerSpec.all(env);
    assertEquals(ServerSpec.IDS, specs.stream().map(ServerSpec::id).toList());
    for (ServerSpec s : specs) {
      if (s.id().startsWith("uvloop")) {
        assertEquals("no uvloop", s.skip());
      } else if (s.id().endsWith("-tls")) {
        assertEquals("no TLS here", s.skip());
      } else {
        assertEquals(null, s.skip(), s.id());
        assertTrue(s.command().size() > 2, s.id());
      }
    }
  }
}
