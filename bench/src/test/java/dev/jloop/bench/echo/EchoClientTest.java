package dev.jloop.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load generator against small blocking servers: a faithful one and broken ones. */
class EchoClientTest {
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** A thread-per-connection server that sends back {@code f(byte)} for each byte it reads. */
  private InetSocketAddress server(IntUnaryOperator f, int closeAfterBytes) throws IOException {
    ServerSocket ss = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    open.add(ss);
    Thread.ofPlatform().daemon().start(() -> {
      while (!ss.isClosed()) {
        try {
          Socket s = ss.accept();
          open.add(s);
          Thread.ofPlatform().daemon().start(() -> serve(s, f, closeAfterBytes));
        } catch (IOException e) {
          return;
        }
      }
    });
    return new InetSocketAddress(ss.getInetAddress(), ss.getLocalPort());
  }

  private static void serve(Socket s, IntUnaryOperator f, int closeAfterBytes) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      byte[] buf = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        for (int i = 0; i < n; i++) {
          buf[i] = (byte) f.applyAsInt(buf[i]);
        }
        out.write(buf, 0, n);
        total += n;
        if (total >= closeAfterBytes) {
          return;
        }
      }
    } catch (IOException ignored) {
      // the client went away
    }
  }

  @Test
  void measuresAndVerifiesEveryEcho() throws IOException {
    InetSocketAddress addr = server(b -> b, Integer.MAX_VALUE);
    List<EchoClient.Result> results = new ArrayList<>();
    EchoClient.run(addr, ProcessHandle.current().pid(), null,
        List.of(new EchoClient.Config(2, 1024), new EchoClient.Config(3, 20_000)), 0.1, 0.5, 0.2,
        results::add);
    assertEquals(2, results.size());
    for (EchoClient.Result r : results) {
      assertTrue(r.requests() > 0, r.json());
      assertTrue(r.verified() >= r.requests(), r.json());
      assertTrue(r.p99Nanos() >= r.p50Nanos() && r.p50Nanos() > 0, r.json());
      assertTrue(r.json().contains("\"requestsPerSecond\":"), r.json());
    }
    assertEquals(20_000, results.get(1).config().messageSize());
  }

  @Test
  void aChangedByteIsCaught() throws IOException {
    InetSocketAddress addr = server(b -> b ^ 1, Integer.MAX_VALUE);
    IOException e = assertThrows(IOException.class, () -> EchoClient.run(addr, -1, null,
        List.of(new EchoClient.Config(1, 1024)), 0, 0.5, 0, r -> { }));
    assertTrue(e.getMessage().contains("wrong echo"), e.getMessage());
  }

  @Test
  void aConnectionClosedMidEchoIsAnError() throws IOException {
    InetSocketAddress addr = server(b -> b, 1500);
    assertThrows(IOException.class, () -> EchoClient.run(addr, -1, null,
        List.of(new EchoClient.Config(1, 1024)), 0, 2, 0, r -> { }));
  }

  @Test
  void configurationsParseAndRejectNonsense() {
    assertEquals(new EchoClient.Config(16, 10240), EchoClient.Config.parse("16x10240"));
    assertEquals("4x1024", new EchoClient.Config(4, 1024).toString());
    assertThrows(IllegalArgumentException.class, () -> EchoClient.Config.parse("16"));
    assertThrows(IllegalArgumentException.class, () -> new EchoClient.Config(0, 1024));
    assertThrows(IllegalArgumentException.class, () -> new EchoClient.Config(4, 4));
  }
}
