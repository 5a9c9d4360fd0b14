package dev.jloop.reference.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.net.LoopRunner;
import dev.jloop.reference.proctest.NoLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPython as the second real peer: an asyncio TLS server and client (the ssl module, OpenSSL
 * underneath), and a blocking ssl socket that tells close_notify (recv returns b'') from a
 * bare TCP close (SSLEOFError), to check that close sends close_notify and abort does not.
 */
@ExtendWith(NoLeaks.class)
class PythonInteropTest {
  static final String ASYNCIO_SERVER = """
      import asyncio, ssl, sys
      async def main():
          ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
          ctx.load_cert_chain(sys.argv[1], sys.argv[2])
          async def handle(reader, writer):
              line = await reader.readline()
              writer.write(line.upper())
              await writer.drain()
              rest = await reader.read()
              print("EOF", len(rest), flush=True)
              writer.close()
              await writer.wait_closed()
          server = await asyncio.start_server(handle, '127.0.0.1', 0, ssl=ctx)
          print("PORT", server.sockets[0].getsockname()[1], flush=True)
          async with server:
              await asyncio.sleep(120)
      asyncio.run(main())
      """;
  static final String ASYNCIO_CLIENT = """
      import asyncio, ssl, sys
      async def main():
          ctx = ssl.create_default_context(cafile=sys.argv[1])
          reader, writer = await asyncio.open_connection('127.0.0.1', int(sys.argv[2]), ssl=ctx,
                                                         server_hostname='localhost')
          print("VERSION", writer.get_extra_info('ssl_object').version(), flush=True)
          writer.write(b'ping from cpython\\n')
          line = await reader.readline()
          print("GOT", line.decode().strip(), flush=True)
          writer.close()
          await writer.wait_closed()
          print("CLIENT-DONE", flush=True)
      asyncio.run(main())
      """;
  static final String BLOCKING_SERVER = """
      import socket, ssl, sys
      ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
      ctx.load_cert_chain(sys.argv[1], sys.argv[2])
      # CPython sets OP_IGNORE_UNEXPECTED_EOF by default: clear it to tell truncation apart
      ctx.options &= ~getattr(ssl, 'OP_IGNORE_UNEXPECTED_EOF', 0)
      with socket.create_server(('127.0.0.1', 0)) as ls:
          print("PORT", ls.getsockname()[1], flush=True)
          conn, _ = ls.accept()
          with ctx.wrap_socket(conn, server_side=True, suppress_ragged_eofs=False) as s:
              try:
                  while True:
                      data = s.recv(65536)
                      if not data:
                          print("CLEAN-CLOSE-NOTIFY", flush=True)
                          break
              except ssl.SSLEOFError:
                  print("TRUNCATED", flush=True)
      """;

  final SelectorEventLoop loop = new SelectorEventLoop();
  final TestPki pki = TestPki.get();
  @TempDir
  Path dir;

  @BeforeAll
  static void needPython() {
    Assumptions.assumeTrue(ChildProcess.available("python3", "-c", "import ssl, asyncio"),
        "python3 with the ssl module is not installed");
  }

  @AfterEach
  void close() {
    loop.close();
  }

  ChildProcess python(String script, String... args) throws Exception {
    Path file = dir.resolve("peer" + script.hashCode() + ".py");
    Files.writeString(file, script);
    List<String> cmd = new ArrayList<>(List.of("python3", "-u", file.toString()));
    cmd.addAll(List.of(args));
    return new ChildProcess(cmd);
  }

  static int port(ChildProcess p) {
    p.await("PORT ", 60);
    Matcher m = Pattern.compile("PORT (\\d+)").matcher(p.output());
    assertTrue(m.find(), p.output());
    return Integer.parseInt(m.group(1));
  }

  @Test
  void jloopClientToAsyncioServer() throws Exception {
    try (ChildProcess server = python(ASYNCIO_SERVER, pki.server.certPem().toString(), pki.server.keyPem().toString())) {
      LoopRunner.run(loop, () -> {
        int port = port(server);
        ConnectionResult<Peer> c = Async.await(loop.createConnection(() -> new Peer(loop, false),
            ConnectionOptions.builder().host("localhost").port(port).ssl(pki.clientContext()).build()));
        c.transport().write(TlsConnectionTest.bytes("hello asyncio\n"));
        assertEquals("HELLO ASYNCIO\n", new String(Async.await(c.protocol().receive(14))));
        c.transport().write(TlsConnectionTest.bytes("tail"));
        c.transport().close();
        server.await("EOF 4", 30); // asyncio read to EOF: our close_notify
        assertNull(Async.await(c.protocol().lost));
        return null;
      });
    }
  }

  @Test
  void asyncioClientToJloopServer() throws Exception {
    LoopRunner.run(loop, () -> {
      List<Peer> accepted = new ArrayList<>();
      Server server = Async.await(loop.createServer(Peer.accepting(loop, true, accepted),
          ServerOptions.builder().host("127.0.0.1").port(0).ssl(pki.serverContext()).build()));
      try (ChildProcess client = python(ASYNCIO_CLIENT, pki.caPem.toString(),
          String.valueOf(TlsConnectionTest.port(server)))) {
        client.await("CLIENT-DONE", 60);
        assertTrue(client.output().contains("GOT ping from cpython"), client.output());
        assertTrue(client.output().contains("VERSION TLSv1.3"), client.output());
        assertNull(Async.await(accepted.get(0).lost), "asyncio's close sent close_notify");
        assertTrue(accepted.get(0).calls.contains("eof"));
      }
      server.close();
      Async.await(server.waitClosed());
      return null;
    });
  }

  @Test
  void closeSendsCloseNotify() throws Exception {
    assertEquals("CLEAN-CLOSE-NOTIFY", closeAgainstBlockingPeer(false));
  }

  @Test
  void abortSendsNoCloseNotify() throws Exception {
    assertEquals("TRUNCATED", closeAgainstBlockingPeer(true));
  }

  private String closeAgainstBlockingPeer(boolean abort) throws Exception {
    try (ChildProcess server = python(BLOCKING_SERVER, pki.server.certPem().toString(), pki.server.keyPem().toString())) {
      return LoopRunner.run(loop, () -> {
        int port = port(server);
        ConnectionResult<Peer> c = Async.await(loop.createConnection(() -> new Peer(loop, false),
            ConnectionOptions.builder().host("localhost").port(port).ssl(pki.clientContext())
                .sslShutdownTimeout(2).build()));
        c.transport().write(TlsConnectionTest.bytes("some data"));
        if (abort) {
          c.transport().abort();
        } else {
          c.transport().close();
        }
        Async.await(c.protocol().lost);
        String out = abort ? "TRUNCATED" : "CLEAN-CLOSE-NOTIFY";
        double deadline = loop.time() + 30;
        while (!server.output().contains("TRUNCATED") && !server.output().contains("CLEAN-CLOSE-NOTIFY")) {
          assertTrue(loop.time() < deadline, server.output());
          Async.sleep(0.02);
        }
        return server.output().contains(out) ? out : server.output();
      });
    }
  }
}
