package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.io.AddrInfo;
import dev.jloop.io.DatagramOptions;
import dev.jloop.io.SubprocessOptions;
import dev.jloop.io.SubprocessOptions.Stdio;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A loop that implements none of the datagram, resolver, pipe, subprocess and signal methods
 * still compiles, and each method throws UnsupportedOperationException naming the asyncio
 * method (the TCK reports it as "not implemented"); the option records check their input.
 */
class EventLoopProcessesDefaultsTest {
  private final EventLoopDatagrams datagrams = new EventLoopDatagrams() {};
  private final EventLoopResolver resolver = new EventLoopResolver() {};
  private final EventLoopProcesses processes = new EventLoopProcesses() {};

  private static void unsupported(String asyncioName, org.junit.jupiter.api.function.Executable call) {
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, call);
    assertEquals(asyncioName, e.getMessage());
  }

  @Test
  void everyMethodNamesItsAsyncioMethod() {
    unsupported("create_datagram_endpoint",
        () -> datagrams.createDatagramEndpoint(() -> null, DatagramOptions.builder().build()));
    unsupported("sock_recvfrom", () -> datagrams.sockRecvfrom(null, 1));
    unsupported("sock_recvfrom_into", () -> datagrams.sockRecvfromInto(null, ByteBuffer.allocate(1), 0));
    unsupported("sock_sendto", () -> datagrams.sockSendto(null, new byte[1], null));
    unsupported("getaddrinfo", () -> resolver.getaddrinfo("h", 1));
    unsupported("getaddrinfo", () -> resolver.getaddrinfo("h", "1", AddrInfo.Hints.ANY));
    unsupported("getnameinfo", () -> resolver.getnameinfo(new InetSocketAddress("127.0.0.1", 1)));
    unsupported("connect_read_pipe", () -> processes.connectReadPipe(() -> null, null));
    unsupported("connect_write_pipe", () -> processes.connectWritePipe(() -> null, null));
    unsupported("subprocess_exec",
        () -> processes.subprocessExec(() -> null, List.of("true"), SubprocessOptions.pipes()));
    unsupported("subprocess_shell",
        () -> processes.subprocessShell(() -> null, "true", SubprocessOptions.pipes()));
    unsupported("add_signal_handler", () -> processes.addSignalHandler(10, () -> { }));
    unsupported("add_signal_handler", () -> processes.addSignalHandler("USR1", () -> { }));
    unsupported("remove_signal_handler", () -> processes.removeSignalHandler(10));
    unsupported("remove_signal_handler", () -> processes.removeSignalHandler("USR1"));
  }

  @Test
  void getaddrinfoChecksThePortBeforeAnything() {
    assertThrows(IllegalArgumentException.class, () -> resolver.getaddrinfo("h", -1));
    assertThrows(IllegalArgumentException.class, () -> resolver.getaddrinfo("h", 65536));
  }

  @Test
  void datagramOptionsKeepWhatWasSetAndRejectWhatAsyncioRejects() {
    InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
    DatagramOptions o = DatagramOptions.builder().localAddress(local).family(StandardProtocolFamily.INET)
        .reusePort(true).allowBroadcast(true).reuseAddress(true).build();
    assertEquals(local, o.localAddress());
    assertNull(o.remoteAddress());
    assertTrue(o.reusePort() && o.allowBroadcast() && o.reuseAddress());
    assertEquals(local, DatagramOptions.local(local).localAddress());
    assertEquals(local, DatagramOptions.remote(local).remoteAddress());
    assertThrows(IllegalArgumentException.class,
        () -> DatagramOptions.builder().family(StandardProtocolFamily.UNIX).build());
  }

  @Test
  void subprocessOptionsDefaultsCopiesAndChecks() {
    SubprocessOptions pipes = SubprocessOptions.pipes();
    assertEquals(List.of(Stdio.PIPE, Stdio.PIPE, Stdio.PIPE), List.of(pipes.stdin(), pipes.stdout(), pipes.stderr()));
    assertEquals(SubprocessOptions.DEFAULT_LIMIT, pipes.limit());
    SubprocessOptions inherit = SubprocessOptions.inherit();
    assertEquals(List.of(Stdio.INHERIT, Stdio.INHERIT, Stdio.INHERIT),
        List.of(inherit.stdin(), inherit.stdout(), inherit.stderr()));
    Map<String, String> env = new HashMap<>(Map.of("A", "1"));
    SubprocessOptions o = SubprocessOptions.builder().env(env).cwd(Path.of("/")).stderr(Stdio.STDOUT).build();
    env.put("B", "2");
    assertEquals(Map.of("A", "1"), o.env(), "the options keep a copy");
    assertThrows(UnsupportedOperationException.class, () -> o.env().put("C", "3"));
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("A", null);
    assertThrows(NullPointerException.class, () -> SubprocessOptions.builder().env(nullValue).build());
    assertThrows(IllegalArgumentException.class, () -> SubprocessOptions.builder().stdin(Stdio.STDOUT).build());
    assertThrows(IllegalArgumentException.class, () -> SubprocessOptions.builder().limit(-1).build());
  }
}
