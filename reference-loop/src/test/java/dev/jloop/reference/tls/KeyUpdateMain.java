package dev.jloop.reference.tls;

import dev.jloop.Async;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.reference.SelectorEventLoop;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Child-JVM program for {@link TlsKeyUpdateTest}: lowers the JDK's TLS 1.3 key limit (a
 * security property, read once per JVM, hence the separate process) so that a long transfer
 * makes both engines send KeyUpdate messages many times, then sends {@code args[0]} MiB through
 * TLS 1.3 and prints whether the SHA-256 of what arrived matches.
 */
public final class KeyUpdateMain {
  private KeyUpdateMain() {}

  public static void main(String[] args) {
    Security.setProperty("jdk.tls.keyLimits",
        "AES/GCM/NoPadding KeyUpdate 2^18, ChaCha20-Poly1305 KeyUpdate 2^18");
    long total = Long.parseLong(args[0]) << 20;
    TestPki pki = TestPki.get();
    try (SelectorEventLoop loop = new SelectorEventLoop()) {
      boolean ok = loop.runUntilComplete(loop.createTask(() -> {
        List<TlsFlowTest.SlowSink> sinks = new ArrayList<>();
        Server server = Async.await(loop.createServer(() -> {
          TlsFlowTest.SlowSink s = new TlsFlowTest.SlowSink(loop, total, false);
          sinks.add(s);
          return s;
        }, ServerOptions.builder().host("127.0.0.1").port(0).ssl(pki.serverContext()).build()));
        ConnectionResult<TlsFlowTest.Source> c = Async.await(loop.createConnection(
            () -> new TlsFlowTest.Source(loop), ConnectionOptions.builder().host("localhost")
                .port(TlsConnectionTest.port(server)).ssl(pki.clientContext()).build()));
        byte[] sent = c.protocol().send(total, 5);
        boolean same = Arrays.equals(sent, Async.await(sinks.get(0).done));
        c.transport().close();
        server.close();
        server.closeClients();
        Async.await(server.waitClosed());
        return same;
      }));
      System.out.println(ok ? "SHA-OK" : "SHA-MISMATCH");
    }
  }
}
