package dev.jloop.reference.udp;

import static dev.jloop.reference.proctest.Loops.run;
import static dev.jloop.reference.proctest.Loops.runUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jloop.io.BaseTransport;
import dev.jloop.io.DatagramOptions;
import dev.jloop.io.DatagramProtocol;
import dev.jloop.io.DatagramTransport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.proctest.NoLeaks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reference loop's UDP endpoints talking to CPython's asyncio (udp_peer.py) over loopback:
 * as a client of an asyncio echo server, and as the echo server of an asyncio client.
 */
@ExtendWith(NoLeaks.class)
@Timeout(120)
class PythonUdpPeerTest {
  private static Path script;
  private SelectorEventLoop loop;

  @BeforeAll
  static void findPython() throws IOException {
    boolean present;
    try {
      present = new ProcessBuilder("python3", "--version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    assumeTrue(present, "python3 is not installed: no CPython asyncio peer to talk to");
    script = Files.createTempFile("udp_peer", ".py");
    try (var in = PythonUdpPeerTest.class.getResourceAsStream("/udp_peer.py")) {
      Files.write(script, Objects.requireNonNull(in, "udp_peer.py on the test class path").readAllBytes());
    }
    script.toFile().deleteOnExit();
  }

  @BeforeEach
  void open() {
    loop = new SelectorEventLoop();
  }

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void javaClientAndAsyncioEchoServer() throws Exception {
    Process py = new ProcessBuilder("python3", script.toString(), "server")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("PORT "), "python said: " + line);
      int port = Integer.parseInt(line.substring(5).trim());
      var client = run(loop, loop.createDatagramEndpoint(RecordingDatagramProtocol::new,
          DatagramOptions.remote(new InetSocketAddress("127.0.0.1", port))));
      Random rnd = new Random(3);
      for (int i = 0; i < 200; i++) {
        byte[] payload = new byte[rnd.nextInt(1400)];
        rnd.nextBytes(payload);
        client.transport().sendto(payload, null);
        int want = i + 1;
        runUntil(loop, () -> client.protocol().received.size() == want);
        byte[] reply = client.protocol().received.get(i).data();
        assertArrayEquals(concat("py:", payload), reply, "reply " + i);
      }
      client.transport().sendto("quit".getBytes(StandardCharsets.UTF_8), null);
      assertTrue(py.waitFor(30, TimeUnit.SECONDS), "python server did not stop");
      assertEquals(0, py.exitValue());
      client.transport().close();
      runUntil(loop, () -> client.protocol().lostCount == 1);
    } finally {
      py.destroyForcibly().waitFor();
    }
  }

  @Test
  void asyncioClientAndJavaEchoServer() throws Exception {
    var server = run(loop, loop.createDatagramEndpoint(() -> new DatagramProtocol() {
      DatagramTransport transport;

      @Override
      public void connectionMade(BaseTransport t) {
        transport = (DatagramTransport) t;
      }

      @Override
      public void datagramReceived(byte[] data, SocketAddress addr) {
        transport.sendto(concat("java:", data), addr);
      }
    }, DatagramOptions.local(new InetSocketAddress("127.0.0.1", 0))));
    int port = ((InetSocketAddress) server.transport().getExtraInfo("sockname")).getPort();
    Process py = new ProcessBuilder("python3", script.toString(), "client",
        Integer.toString(port), "300").redirectErrorStream(true).start();
    try {
      runUntil(loop, () -> !py.isAlive());
      String output = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, py.exitValue(), "python client: " + output);
      assertTrue(output.contains("OK 300"), output);
    } finally {
      py.destroyForcibly().waitFor();
      py.getInputStream().close();
      server.transport().close();
    }
    DatagramChannel socket = (DatagramChannel) server.transport().getExtraInfo("socket");
    runUntil(loop, () -> !socket.isOpen());
  }

  private static byte[] concat(String prefix, byte[] data) {
    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(p, p.length + data.length);
    System.arraycopy(data, 0, all, p.length, data.length);
    return all;
  }
}
