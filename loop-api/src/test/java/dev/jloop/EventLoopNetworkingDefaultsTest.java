package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.UnixConnectionOptions;
import dev.jloop.io.UnixServerOptions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loop that implements none of the networking methods still compiles, and each method throws
 * UnsupportedOperationException naming the asyncio method (the TCK reports it as "not
 * implemented"); the convenience overloads reach the same full method.
 */
class EventLoopNetworkingDefaultsTest {
  private final EventLoopNetworking none = new EventLoopNetworking() {};

  private static void unsupported(String asyncioName, org.junit.jupiter.api.function.Executable call) {
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, call);
    assertEquals(asyncioName, e.getMessage());
  }

  @Test
  void everyMethodNamesItsAsyncioMethod() {
    unsupported("add_reader", () -> none.addReader(null, null));
    unsupported("remove_reader", () -> none.removeReader(null));
    unsupported("add_writer", () -> none.addWriter(null, null));
    unsupported("remove_writer", () -> none.removeWriter(null));
    unsupported("create_connection", () -> none.createConnection(() -> null, "h", 1));
    unsupported("create_connection", () -> none.createConnection(() -> null, ConnectionOptions.of("h", 1)));
    unsupported("create_server", () -> none.createServer(() -> null, "h", 1));
    unsupported("create_server", () -> none.createServer(() -> null, ServerOptions.of("h", 1)));
    unsupported("create_unix_connection", () -> none.createUnixConnection(() -> null, Path.of("s")));
    unsupported("create_unix_connection",
        () -> none.createUnixConnection(() -> null, UnixConnectionOptions.builder().build()));
    unsupported("create_unix_server", () -> none.createUnixServer(() -> null, Path.of("s")));
    unsupported("create_unix_server", () -> none.createUnixServer(() -> null, UnixServerOptions.builder().build()));
    unsupported("connect_accepted_socket", () -> none.connectAcceptedSocket(() -> null, null));
    unsupported("sock_recv", () -> none.sockRecv(null, 1));
    unsupported("sock_recv_into", () -> none.sockRecvInto(null, null));
    unsupported("sock_sendall", () -> none.sockSendall(null, new byte[1]));
    unsupported("sock_sendall", () -> none.sockSendall(null, ByteBuffer.allocate(1)));
    unsupported("sock_connect", () -> none.sockConnect(null, null));
    unsupported("sock_accept", () -> none.sockAccept(null));
    unsupported("sock_sendfile", () -> none.sockSendfile(null, null));
    unsupported("sendfile", () -> none.sendfile(null, null));
  }

  @Test
  void optionBuildersKeepWhatWasSet() {
    ConnectionOptions c = ConnectionOptions.builder().host("h").port(80).happyEyeballsDelay(0.25)
        .interleave(2).build();
    assertEquals("h", c.host());
    assertEquals(80, c.port());
    assertEquals(0.25, c.happyEyeballsDelay());
    assertEquals(2, c.interleave());
    ServerOptions s = ServerOptions.builder().host("a").host(null).host("").hosts(List.of("b")).port(0).build();
    assertEquals(List.of("a", "b"), s.hosts(), "null and empty mean every interface: nothing added");
    assertEquals(ServerOptions.DEFAULT_BACKLOG, s.backlog());
    assertEquals(true, s.startServing());
    assertEquals(true, UnixServerOptions.builder().build().cleanupSocket());
    assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().sslShutdownTimeout(0).build());
    assertThrows(IllegalArgumentException.class, () -> UnixServerOptions.builder().backlog(-5).build());
  }
}
