package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.Transport;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** TCP transports and protocols over loopback: call order, integrity, half-close, flow control, servers. */
@Area(value = "tcp", description = "TCP over loopback: protocol call order, data integrity, half-close, abort, flow control and servers.")
public final class TcpScenarios {
  TcpScenarios() {}

  /** Starts a loopback server whose connections get {@link Recording}s set up by {@code setup}. */
  private static Server server(EventLoop loop, List<Recording> accepted, Consumer<Recording> setup) {
    return Async.await(loop.createServer(() -> {
      Recording r = new Recording(loop);
      setup.accept(r);
      accepted.add(r);
      return r;
    }, Recording.loopback()));
  }

  private static ConnectionResult<Recording> connect(EventLoop loop, Server server) throws java.io.IOException {
    return Async.await(loop.createConnection(() -> new Recording(loop), "127.0.0.1", Recording.port(server)));
  }

  /** What a scenario does with its one client connection, on the loop. */
  @FunctionalInterface
  private interface Client<T> {
    T run(ConnectionResult<Recording> c) throws Exception;
  }

  /**
   * Starts a loopback server (see {@link #server}), connects one client to it and runs
   * {@code body} with that connection; the server is shut down afterwards, whatever happened.
   */
  private static <T> T connected(EventLoop loop, List<Recording> accepted, Consumer<Recording> setup,
      Client<T> body) throws Exception {
    Server server = server(loop, accepted, setup);
    try {
      return body.run(connect(loop, server));
    } finally {
      Recording.shutdown(server);
    }
  }

  /** The server side of the first connection, once the server has accepted it. */
  private static Recording firstAccepted(List<Recording> accepted) {
    while (accepted.isEmpty()) {
      Async.sleep(0.001);
    }
    return accepted.get(0);
  }

  /** Connects to {@code port}: "connected", or the {@link ConnectException} that refused it. */
  private static Object connectOrRefusal(EventLoop loop, int port) throws Exception {
    try {
      Async.await(loop.createConnection(() -> new Recording(loop), "127.0.0.1", port)).transport().close();
      return "connected";
    } catch (Exception e) {
      if (e instanceof ConnectException) {
        return e; // Async.await throws it without declaring it
      }
      throw e;
    }
  }

  @Scenario(id = "tcp.echo", level = REQUIRED, apis = {"create_server", "create_connection", "Transport.write"},
      rule = "Bytes a client writes reach the server's protocol and the server's replies reach the client's.",
      reference = "test_events.EventLoopTestsMixin.test_create_connection; test_events.EventLoopTestsMixin.test_create_server")
  void echo(ScenarioContext s) {
    EventLoop loop = s.loop();
    byte[] got = s.run(() -> connected(loop, new ArrayList<>(), r -> r.echo = true, c -> {
      c.transport().write("hello, loop".getBytes());
      while (c.protocol().bytes.size() < 11) {
        Async.sleep(0.001);
      }
      c.transport().close();
      Async.await(c.protocol().lost);
      return c.protocol().bytes.toByteArray();
    }));
    s.expectEquals("bytes echoed back", "hello, loop", new String(got));
  }

  @Scenario(id = "tcp.call-order", level = REQUIRED,
      apis = {"create_server", "create_connection", "Protocol.connection_made", "Protocol.data_received", "Protocol.eof_received", "Protocol.connection_lost"},
      rule = "A client protocol sees connection_made, then data_received, then eof_received once, then connection_lost once, all on the loop thread.",
      reference = "asyncio-protocol: connection callbacks (state machine)")
  void callOrder(ScenarioContext s) {
    EventLoop loop = s.loop();
    Recording client = s.run(() -> connected(loop, new ArrayList<>(), r -> r.greeting = Recording.pattern(1000), c -> {
      Async.await(c.protocol().lost);
      Async.sleep(0.01);
      return c.protocol();
    }));
    s.expectOrder("client protocol calls", List.of("made", "data", "eof", "lost"), client.calls);
    s.check(client.threads.stream().allMatch(t -> t == Thread.currentThread()),
        "protocol callbacks ran on other threads: %s", client.threads);
  }

  @Scenario(id = "tcp.integrity", level = REQUIRED, apis = {"create_server", "create_connection", "Transport.write", "Transport.close"},
      rule = "A megabyte written and then closed by the server arrives whole and in order before the client's eof_received.",
      reference = "test_events.EventLoopTestsMixin.test_create_connection")
  void integrity(ScenarioContext s) {
    EventLoop loop = s.loop();
    byte[] sent = Recording.pattern(1 << 20);
    Recording client = s.run(() -> connected(loop, new ArrayList<>(), r -> r.greeting = sent, c -> {
      Async.await(c.protocol().lost);
      return c.protocol();
    }));
    byte[] got = client.bytes.toByteArray();
    s.expectEquals("bytes received", sent.length, got.length);
    s.check(Arrays.equals(sent, got), "the bytes received differ from those sent (first difference at %d)",
        Arrays.mismatch(sent, got));
    s.check(client.calls.indexOf("eof") > client.calls.indexOf("data"), "eof_received came before the data: %s", client.calls);
  }

  @Scenario(id = "tcp.connection-lost-once-after-close", level = REQUIRED,
      apis = {"create_connection", "create_server", "Transport.close", "Protocol.connection_lost"},
      rule = "Closing a transport calls connection_lost exactly once, with no exception, in a later pass than close.",
      reference = "asyncio-protocol: BaseTransport.close")
  void connectionLostOnceAfterClose(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Object> seen = s.run(() -> connected(loop, new ArrayList<>(), r -> { }, c -> {
      c.transport().close();
      boolean lostInsideClose = c.protocol().lostCalls > 0;
      Async.await(c.protocol().lost);
      Async.sleep(0.01);
      return List.of(lostInsideClose, c.protocol().lostCalls, String.valueOf(c.protocol().lost.result()),
          c.transport().isClosing());
    }));
    s.expectEquals("connection_lost during close(), calls, its argument, isClosing()", List.of(false, 1, "null", true), seen);
  }

  @Scenario(id = "tcp.half-close", level = REQUIRED,
      apis = {"create_connection", "create_server", "Transport.write_eof", "Protocol.eof_received", "Transport.write"},
      rule = "After write_eof the peer gets eof_received and may still write back, when its eof_received returns true.",
      reference = "asyncio-protocol: WriteTransport.write_eof; Protocol.eof_received")
  void halfClose(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Recording> accepted = new ArrayList<>();
    String reply = s.run(() -> connected(loop, accepted, r -> r.keepOpenOnEof = true, c -> {
      s.check(c.transport().canWriteEof(), "canWriteEof() is false for a TCP transport");
      c.transport().write("question".getBytes());
      c.transport().writeEof();
      while (accepted.isEmpty() || !accepted.get(0).eof.done()) {
        Async.sleep(0.001);
      }
      Transport serverSide = accepted.get(0).transport;
      serverSide.write(("answer to " + accepted.get(0).bytes).getBytes());
      serverSide.close();
      Async.await(c.protocol().lost);
      return c.protocol().bytes.toString();
    }));
    s.expectEquals("reply after the half-close", "answer to question", reply);
  }

  @Scenario(id = "tcp.abort", level = REQUIRED, apis = {"create_connection", "create_server", "Transport.abort", "Protocol.connection_lost"},
      rule = "abort closes the connection at once, calls connection_lost once, and the peer sees the connection end.",
      reference = "asyncio-protocol: WriteTransport.abort")
  void abort(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Recording> accepted = new ArrayList<>();
    List<Object> seen = s.run(() -> connected(loop, accepted, r -> { }, c -> {
      Recording peer = firstAccepted(accepted);
      c.transport().write(Recording.pattern(100_000));
      c.transport().abort();
      Async.await(c.protocol().lost);
      Async.await(peer.lost);
      Async.sleep(0.01);
      return List.of(c.protocol().lostCalls, peer.lostCalls);
    }));
    s.expectEquals("connection_lost calls on the aborting side and on the peer", List.of(1, 1), seen);
  }

  @Scenario(id = "tcp.flow-control", level = REQUIRED,
      apis = {"create_connection", "create_server", "Transport.set_write_buffer_limits", "Protocol.pause_writing", "Protocol.resume_writing", "Transport.pause_reading"},
      budget = 10,
      rule = "Writing past the high-water mark to a peer that does not read calls pause_writing, and resume_writing follows once the buffer drains below the low-water mark.",
      reference = "asyncio-protocol: flow control callbacks")
  void flowControl(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Recording> accepted = new ArrayList<>();
    List<String> calls = s.run(() -> connected(loop, accepted, r -> { }, c -> {
      Transport peer = firstAccepted(accepted).transport;
      peer.pauseReading();
      c.transport().setWriteBufferLimits(64 * 1024, 16 * 1024);
      byte[] chunk = Recording.pattern(1 << 20);
      for (int i = 0; i < 32 && !c.protocol().calls.contains("pause"); i++) {
        c.transport().write(chunk);
        Async.sleep(0);
      }
      s.check(c.protocol().calls.contains("pause"), "pause_writing never came after writing 32 MiB to a peer that "
          + "does not read (write buffer size %d)", c.transport().getWriteBufferSize());
      s.check(c.transport().getWriteBufferSize() > 16 * 1024, "pause_writing came with only %d bytes buffered",
          c.transport().getWriteBufferSize());
      peer.resumeReading();
      while (!c.protocol().calls.contains("resume")) {
        Async.sleep(0.001);
      }
      c.transport().close();
      Async.await(c.protocol().lost);
      return c.protocol().calls;
    }));
    s.expectOrder("client protocol calls", List.of("made", "pause", "resume", "lost"), calls);
  }

  @Scenario(id = "tcp.pause-reading", level = REQUIRED,
      apis = {"create_connection", "create_server", "Transport.pause_reading", "Transport.resume_reading", "Transport.is_reading"},
      rule = "While reading is paused no data_received arrives, and after resume_reading the data does.",
      reference = "asyncio-protocol: ReadTransport.pause_reading")
  void pauseReading(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Recording> accepted = new ArrayList<>();
    List<Object> seen = s.run(() -> connected(loop, accepted, r -> { }, c -> {
      c.transport().pauseReading();
      boolean reading = c.transport().isReading();
      firstAccepted(accepted).transport.write("while paused".getBytes());
      Async.sleep(0.05);
      int whilePaused = c.protocol().bytes.size();
      c.transport().resumeReading();
      while (c.protocol().bytes.size() < 12) {
        Async.sleep(0.001);
      }
      c.transport().close();
      Async.await(c.protocol().lost);
      return List.<Object>of(reading, whilePaused);
    }));
    s.expectEquals("isReading() while paused, bytes delivered while paused", List.of(false, 0), seen);
  }

  @Scenario(id = "tcp.close-flushes", level = REQUIRED, apis = {"create_connection", "create_server", "Transport.write", "Transport.close"},
      rule = "close after write still delivers every byte buffered before it.",
      reference = "asyncio-protocol: BaseTransport.close (buffered data is flushed asynchronously)")
  void closeFlushes(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Recording> accepted = new ArrayList<>();
    int n = 4 << 20;
    int got = s.run(() -> connected(loop, accepted, r -> { }, c -> {
      c.transport().write(Recording.pattern(n));
      c.transport().close();
      while (accepted.isEmpty() || !accepted.get(0).lost.done()) {
        Async.sleep(0.001);
      }
      return accepted.get(0).bytes.size();
    }));
    s.expectEquals("bytes the server received", n, got);
  }

  @Scenario(id = "tcp.server-close", level = REQUIRED, apis = {"create_connection", "create_server", "Server.close", "Server.wait_closed"},
      rule = "After a server is closed it stops serving and new connections to its port are refused.",
      reference = "test_events.EventLoopTestsMixin.test_server_close")
  void serverClose(ScenarioContext s) {
    EventLoop loop = s.loop();
    Object seen = s.run(() -> {
      Server server = server(loop, new ArrayList<>(), r -> { });
      int port = Recording.port(server);
      s.check(server.isServing(), "isServing() is false for a started server");
      server.close();
      Async.await(server.waitClosed());
      s.check(!server.isServing(), "isServing() is true after close()");
      return connectOrRefusal(loop, port);
    });
    s.check(seen instanceof ConnectException, "connecting to a closed server: expected ConnectException, observed %s",
        ScenarioContext.describe(seen));
  }

  @Scenario(id = "tcp.connect-refused", level = REQUIRED, apis = {"create_server", "create_connection"},
      rule = "create_connection to a port nobody listens on fails with ConnectException.",
      reference = "asyncio-eventloop: loop.create_connection (OSError)")
  void connectRefused(ScenarioContext s) throws java.io.IOException {
    EventLoop loop = s.loop();
    int port;
    try (java.nio.channels.ServerSocketChannel probe = java.nio.channels.ServerSocketChannel.open()) {
      probe.bind(new InetSocketAddress("127.0.0.1", 0));
      port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
    }
    Object seen = s.run(() -> connectOrRefusal(loop, port));
    s.check(seen instanceof ConnectException, "connecting to a closed port: expected ConnectException, observed %s",
        ScenarioContext.describe(seen));
  }

  @Scenario(id = "tcp.extra-info", level = REQUIRED, apis = {"create_server", "create_connection", "BaseTransport.get_extra_info"},
      rule = "A TCP transport's peername and sockname extra info are the connection's two addresses.",
      reference = "asyncio-protocol: BaseTransport.get_extra_info")
  void extraInfo(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Object> seen = s.run(() -> {
      Server server = server(loop, new ArrayList<>(), r -> { });
      try {
        ConnectionResult<Recording> c = connect(loop, server);
        Object peer = c.transport().getExtraInfo("peername");
        Object sock = c.transport().getExtraInfo("sockname");
        c.transport().close();
        Async.await(c.protocol().lost);
        return List.of(peer instanceof InetSocketAddress p ? p.getPort() : String.valueOf(peer),
            sock instanceof InetSocketAddress a ? "bound" : String.valueOf(sock), Recording.port(server));
      } finally {
        Recording.shutdown(server);
      }
    });
    s.expectEquals("peername's port, sockname", List.of(seen.get(2), "bound"), seen.subList(0, 2));
  }

  @Scenario(id = "tcp.many-connections", level = REQUIRED, apis = {"create_server", "create_connection"},
      rule = "Fifty concurrent connections to one server each get their own bytes back.",
      reference = "test_events.EventLoopTestsMixin.test_create_server")
  void manyConnections(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> bad = s.run(() -> {
      Server server = server(loop, new ArrayList<>(), r -> r.echo = true);
      try {
        List<ConnectionResult<Recording>> conns = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          conns.add(connect(loop, server));
          conns.get(i).transport().write(("client " + i).getBytes());
        }
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          Recording r = conns.get(i).protocol();
          String expected = "client " + i;
          while (r.bytes.size() < expected.length()) {
            Async.sleep(0.001);
          }
          if (!r.bytes.toString().equals(expected)) {
            wrong.add(expected + " got " + r.bytes);
          }
          conns.get(i).transport().close();
          Async.await(r.lost);
        }
        return wrong;
      } finally {
        Recording.shutdown(server);
      }
    });
    s.check(bad.isEmpty(), "connections got other bytes back: %s", bad);
  }
}
