package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.UnixConnectionOptions;
import dev.jloop.io.UnixServerOptions;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** create_unix_server / create_unix_connection, as asyncio's test_create_unix_server* tests. */
@ExtendWith(NoLeaks.class)
class UnixSocketTest {
  private final SelectorEventLoop loop = new SelectorEventLoop();
  @TempDir
  Path dir;

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void echoOverAUnixSocketWithUnixAddressesAsExtraInfo() {
    Path path = dir.resolve("echo.sock");
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createUnixServer(Echo::new, path));
      assertTrue(Files.exists(path));
      Recorder r = new Recorder(loop);
      ConnectionResult<Recorder> c = Async.await(loop.createUnixConnection(() -> r, path));
      assertEquals(UnixDomainSocketAddress.of(path), c.transport().getExtraInfo("peername"));
      assertInstanceOf(UnixDomainSocketAddress.class, c.transport().getExtraInfo("sockname"));
      assertTrue(c.transport().canWriteEof());
      c.transport().write(new byte[] {1, 2, 3, 4});
      Async.await(r.receivedAtLeast(4));
      c.transport().writeEof(); // Echo closes at EOF
      assertNull(Async.await(r.lost));
      server.close();
      Async.await(server.waitClosed());
      assertFalse(Files.exists(path), "cleanup_socket (3.13's default) removes the file");
      return null;
    });
  }

  /** asyncio removes a stale socket file left by a previous server. */
  @Test
  void aStaleSocketFileIsReplaced() throws Exception {
    Path path = dir.resolve("stale.sock");
    try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      old.bind(UnixDomainSocketAddress.of(path));
    }
    assertTrue(Files.exists(path), "closing a Unix server socket leaves its file behind");
    LoopRunner.run(loop, () -> {
      Server server = Async.await(loop.createUnixServer(Echo::new,
          UnixServerOptions.builder().path(path).cleanupSocket(false).build()));
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
    assertTrue(Files.exists(path), "cleanupSocket(false) leaves the file");
  }

  @Test
  void aRegularFileInTheWayFailsTheBind() throws Exception {
    Path path = dir.resolve("regular");
    Files.writeString(path, "not a socket");
    Throwable t = LoopRunner.run(loop, () -> {
      try {
        Async.await(loop.createUnixServer(Echo::new, path));
        return null;
      } catch (Exception e) {
        return e;
      }
    });
    assertInstanceOf(java.io.IOException.class, t);
    assertEquals("not a socket", Files.readString(path), "asyncio never removes a regular file");
  }

  @Test
  void connectingToNothingFails() {
    Throwable t = LoopRunner.run(loop, () -> {
      try {
        Async.await(loop.createUnixConnection(() -> new Recorder(loop), dir.resolve("nobody.sock")));
        return null;
      } catch (Exception e) {
        return e;
      }
    });
    assertInstanceOf(java.io.IOException.class, t);
  }

  @Test
  void existingUnixSocketsCanBeUsedOnBothSides() {
    Path path = dir.resolve("pre.sock");
    LoopRunner.run(loop, () -> {
      ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      listening.bind(UnixDomainSocketAddress.of(path));
      Server server = Async.await(loop.createUnixServer(Echo::new,
          UnixServerOptions.builder().sock(listening).build()));
      SocketChannel sock = SocketChannel.open(UnixDomainSocketAddress.of(path));
      Recorder r = new Recorder(loop);
      Async.await(loop.createUnixConnection(() -> r, UnixConnectionOptions.builder().sock(sock).build()));
      r.transport.write(new byte[] {9});
      Async.await(r.receivedAtLeast(1));
      r.transport.close();
      Async.await(r.lost);
      server.close();
      Async.await(server.waitClosed());
      Files.deleteIfExists(path);
      return null;
    });
  }

  @Test
  void argumentsAsyncioRejectsAreRejected() throws Exception {
    Path path = dir.resolve("x.sock");
    try (SocketChannel tcp = SocketChannel.open(); ServerSocketChannel unbound = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      assertThrows(IllegalArgumentException.class, () -> loop.createUnixConnection(() -> new Recorder(loop),
          UnixConnectionOptions.builder().path(path).sock(tcp).build()), "path and sock");
      assertThrows(IllegalArgumentException.class, () -> loop.createUnixConnection(() -> new Recorder(loop),
          UnixConnectionOptions.builder().build()), "neither");
      assertThrows(IllegalArgumentException.class, () -> loop.createUnixServer(Echo::new,
          UnixServerOptions.builder().build()), "neither");
      assertThrows(IllegalArgumentException.class, () -> loop.createUnixServer(Echo::new,
          UnixServerOptions.builder().sock(unbound).build()), "unbound");
    }
    try (ServerSocketChannel inet = ServerSocketChannel.open().bind(new java.net.InetSocketAddress("127.0.0.1", 0))) {
      assertThrows(IllegalArgumentException.class, () -> loop.createUnixServer(Echo::new,
          UnixServerOptions.builder().sock(inet).build()), "A UNIX Domain Stream Socket was expected");
    }
  }
}
