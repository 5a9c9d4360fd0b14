package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.UnixServerOptions;
import dev.jloop.streams.IncompleteReadException;
import dev.jloop.streams.LimitOverrunException;
import dev.jloop.streams.StreamPair;
import dev.jloop.streams.Streams;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sock_* helpers, readiness callbacks, streams and Unix sockets. */
@Area(value = "sockets", description = "sock_* helpers, add_reader/add_writer readiness callbacks, streams and Unix sockets.")
public final class SocketScenarios {
  SocketScenarios() {}

  @Scenario(id = "sockets.sock-ops", level = REQUIRED,
      apis = {"sock_accept", "sock_connect", "sock_sendall", "sock_recv"},
      rule = "sock_accept, sock_connect, sock_sendall and sock_recv move bytes between two non-blocking sockets.",
      reference = "asyncio-eventloop: working with socket objects directly")
  void sockOps(ScenarioContext s) throws Exception {
    EventLoop loop = s.loop();
    try (ServerSocketChannel listener = ServerSocketChannel.open();
        SocketChannel client = SocketChannel.open()) {
      listener.bind(new InetSocketAddress("127.0.0.1", 0)).configureBlocking(false);
      client.configureBlocking(false);
      String got = s.run(() -> {
        dev.jloop.Future<SocketChannel> accepted = loop.sockAccept(listener);
        Async.await(loop.sockConnect(client, listener.getLocalAddress()));
        try (SocketChannel server = Async.await(accepted)) {
          Async.await(loop.sockSendall(client, "ping".getBytes()));
          byte[] in = Async.await(loop.sockRecv(server, 100));
          Async.await(loop.sockSendall(server, ("pong to " + new String(in)).getBytes()));
          return new String(Async.await(loop.sockRecv(client, 100)));
        }
      });
      s.expectEquals("reply through sock_*", "pong to ping", got);
    }
  }

  @Scenario(id = "sockets.sock-recv-eof", level = REQUIRED, apis = {"sock_recv", "sock_recv_into"},
      rule = "sock_recv returns an empty array and sock_recv_into zero once the peer has closed.",
      reference = "asyncio-eventloop: loop.sock_recv")
  void sockRecvEof(ScenarioContext s) throws Exception {
    EventLoop loop = s.loop();
    try (ServerSocketChannel listener = ServerSocketChannel.open()) {
      listener.bind(new InetSocketAddress("127.0.0.1", 0));
      try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
          SocketChannel server = listener.accept()) {
        client.configureBlocking(false);
        server.close();
        List<Integer> got = s.run(() -> List.of(Async.await(loop.sockRecv(client, 10)).length,
            Async.await(loop.sockRecvInto(client, ByteBuffer.allocate(10)))));
        s.expectEquals("sock_recv length and sock_recv_into count at end of stream", List.of(0, 0), got);
      }
    }
  }

  @Scenario(id = "sockets.add-reader", level = REQUIRED, apis = {"add_reader", "remove_reader"},
      rule = "An add_reader callback runs on the loop thread when its channel is readable, and no more after remove_reader.",
      reference = "test_events.EventLoopTestsMixin.test_reader_callback")
  void addReader(ScenarioContext s) throws Exception {
    EventLoop loop = s.loop();
    Pipe pipe = Pipe.open();
    try {
      pipe.source().configureBlocking(false);
      List<String> got = new ArrayList<>();
      Thread[] ranOn = new Thread[1];
      loop.addReader(pipe.source(), () -> {
        ranOn[0] = Thread.currentThread();
        ByteBuffer b = ByteBuffer.allocate(100);
        try {
          int n = pipe.source().read(b);
          got.add(new String(b.array(), 0, Math.max(n, 0)));
        } catch (java.io.IOException e) {
          got.add(e.toString());
        }
        if (String.join("", got).equals("abc")) {
          loop.stop();
        }
      });
      loop.callLater(0.01, () -> write(pipe, "ab"));
      loop.callLater(0.02, () -> write(pipe, "c"));
      loop.callLater(s.scaled(3.0), loop::stop);
      loop.runForever();
      s.expectEquals("bytes read by the reader callback", "abc", String.join("", got));
      s.expectSame("thread of the reader callback", Thread.currentThread(), ranOn[0]);
      s.check(loop.removeReader(pipe.source()), "removeReader returned false for a registered channel");
      s.check(!loop.removeReader(pipe.source()), "a second removeReader returned true");
      write(pipe, "d");
      s.runFor(0.02);
      s.expectEquals("bytes read after removeReader", "abc", String.join("", got));
    } finally {
      pipe.source().close();
      pipe.sink().close();
    }
  }

  private static void write(Pipe pipe, String text) {
    try {
      pipe.sink().write(ByteBuffer.wrap(text.getBytes()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Scenario(id = "sockets.add-writer", level = REQUIRED, apis = {"add_writer", "remove_writer"},
      rule = "An add_writer callback runs while its channel is writable, until remove_writer.",
      reference = "test_events.EventLoopTestsMixin.test_writer_callback")
  void addWriter(ScenarioContext s) throws Exception {
    EventLoop loop = s.loop();
    Pipe pipe = Pipe.open();
    try {
      pipe.sink().configureBlocking(false);
      int[] calls = new int[1];
      loop.addWriter(pipe.sink(), () -> {
        if (++calls[0] == 3) {
          loop.removeWriter(pipe.sink());
          loop.callLater(0.02, loop::stop);
        }
      });
      loop.callLater(s.scaled(3.0), loop::stop);
      loop.runForever();
      s.expectEquals("writer callback runs before removeWriter took effect", 3, calls[0]);
    } finally {
      pipe.source().close();
      pipe.sink().close();
    }
  }

  @Scenario(id = "sockets.streams-echo", level = REQUIRED,
      apis = {"start_server", "open_connection", "StreamReader.readline", "StreamWriter.drain"},
      rule = "A stream client and a stream server exchange lines through readline, write and drain.",
      reference = "test_streams.StreamTests.test_open_connection; test_streams.StreamTests.test_start_server")
  void streamsEcho(ScenarioContext s) {
    EventLoop loop = s.loop();
    String got = s.run(() -> {
      Server server = Async.await(Streams.startServer(loop, (reader, writer) -> {
        byte[] line = Async.await(reader.readline());
        writer.write(("echo " + new String(line)).getBytes());
        Async.await(writer.drain());
        writer.close();
      }, Recording.loopback(), Streams.DEFAULT_LIMIT));
      try {
        StreamPair c = Async.await(Streams.openConnection(loop,
            dev.jloop.io.ConnectionOptions.of("127.0.0.1", Recording.port(server)), Streams.DEFAULT_LIMIT));
        c.writer().write("hi\n".getBytes());
        Async.await(c.writer().drain());
        String reply = new String(Async.await(c.reader().readline()));
        c.writer().close();
        Async.await(c.writer().waitClosed());
        return reply;
      } finally {
        Recording.shutdown(server);
      }
    });
    s.expectEquals("reply line", "echo hi\n", got);
  }

  @Scenario(id = "sockets.streams-readexactly-eof", level = REQUIRED,
      apis = {"create_server", "open_connection", "StreamReader.readexactly"},
      rule = "readexactly raises IncompleteReadError carrying the partial bytes when the stream ends first.",
      reference = "test_streams.StreamTests.test_readexactly_eof")
  void streamsReadexactlyEof(ScenarioContext s) {
    EventLoop loop = s.loop();
    Object seen = s.run(() -> {
      Server server = Async.await(loop.createServer(() -> {
        Recording r = new Recording(loop);
        r.greeting = "abc".getBytes();
        return r;
      }, Recording.loopback()));
      try {
        StreamPair c = Async.await(Streams.openConnection(loop,
            dev.jloop.io.ConnectionOptions.of("127.0.0.1", Recording.port(server)), Streams.DEFAULT_LIMIT));
        try {
          return Async.await(c.reader().readexactly(5));
        } catch (IncompleteReadException e) {
          return new String(e.partial());
        } finally {
          c.writer().close();
        }
      } finally {
        Recording.shutdown(server);
      }
    });
    s.expectEquals("partial bytes of the IncompleteReadError", "abc", seen);
  }

  @Scenario(id = "sockets.streams-limit", level = REQUIRED, apis = {"create_server", "open_connection", "StreamReader.readuntil"},
      rule = "readuntil raises LimitOverrunError when the separator does not come within the reader's limit.",
      reference = "test_streams.StreamTests.test_readuntil_limit_found_sep")
  void streamsLimit(ScenarioContext s) {
    EventLoop loop = s.loop();
    Object seen = s.run(() -> {
      Server server = Async.await(loop.createServer(() -> {
        Recording r = new Recording(loop);
        r.greeting = "0123456789abcdef!".getBytes();
        return r;
      }, Recording.loopback()));
      try {
        StreamPair c = Async.await(Streams.openConnection(loop,
            dev.jloop.io.ConnectionOptions.of("127.0.0.1", Recording.port(server)), 8));
        try {
          return Async.await(c.reader().readuntil("!".getBytes()));
        } catch (LimitOverrunException e) {
          return e;
        } finally {
          c.writer().close();
        }
      } finally {
        Recording.shutdown(server);
      }
    });
    s.check(seen instanceof LimitOverrunException, "readuntil past a limit of 8: expected LimitOverrunException, observed %s",
        ScenarioContext.describe(seen));
  }

  @Scenario(id = "sockets.unix-echo", level = REQUIRED, apis = {"create_unix_server", "create_unix_connection"},
      rule = "A client and a server on a Unix domain socket exchange bytes both ways.",
      reference = "test_events.EventLoopTestsMixin.test_create_unix_server; test_events.EventLoopTestsMixin.test_create_unix_connection")
  void unixEcho(ScenarioContext s) throws Exception {
    EventLoop loop = s.loop();
    Path dir = Files.createTempDirectory("jloop-tck");
    Path path = dir.resolve("echo.sock");
    try {
      String got = s.run(() -> {
        Server server = Async.await(loop.createUnixServer(() -> {
          Recording r = new Recording(loop);
          r.echo = true;
          return r;
        }, UnixServerOptions.builder().path(path).build()));
        try {
          ConnectionResult<Recording> c = Async.await(loop.createUnixConnection(() -> new Recording(loop), path));
          c.transport().write("over unix".getBytes());
          while (c.protocol().bytes.size() < 9) {
            Async.sleep(0.001);
          }
          c.transport().close();
          Async.await(c.protocol().lost);
          return c.protocol().bytes.toString();
        } finally {
          Recording.shutdown(server);
        }
      });
      s.expectEquals("bytes echoed over the Unix socket", "over unix", got);
    } finally {
      Files.deleteIfExists(path);
      Files.deleteIfExists(dir);
    }
  }
}
