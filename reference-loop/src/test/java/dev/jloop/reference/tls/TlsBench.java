package dev.jloop.reference.tls;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Protocol;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.Transport;
import dev.jloop.reference.SelectorEventLoop;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A small harness (not a unit test): echo throughput of the reference loop over TLS beside plain
 * TCP, 1 KiB and 100 KiB messages, one connection in ping-pong (client and server on the same
 * loop); then the TLS handshake rate (sequential connect + handshake + close), full and
 * resumed, TLS 1.2 and 1.3. Usage: {@code TlsBench [seconds per measurement, default 3]}.
 * The command is in docs/tls.md.
 */
public final class TlsBench {
  private TlsBench() {}

  /** Sends a message, waits for all of it to come back, repeats until {@code stop}. */
  static final class PingPong implements Protocol {
    final byte[] msg;
    Transport t;
    long got;
    long rounds;
    boolean stop;
    final Future<Void> stopped;

    PingPong(EventLoop loop, int size) {
      msg = new byte[size];
      stopped = loop.createFuture();
    }

    @Override
    public void connectionMade(BaseTransport transport) {
      t = (Transport) transport;
      t.write(msg);
    }

    @Override
    public void dataReceived(byte[] data) {
      got += data.length;
      if (got >= msg.length) {
        got -= msg.length;
        rounds++;
        if (stop) {
          stopped.setResult(null);
        } else {
          t.write(msg);
        }
      }
    }
  }

  static final class Echo implements Protocol {
    Transport t;

    @Override
    public void connectionMade(BaseTransport transport) {
      t = (Transport) transport;
    }

    @Override
    public void dataReceived(byte[] data) {
      t.write(data);
    }
  }

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    TestPki pki = TestPki.get();
    SSLContext serverCtx = pki.serverContext();
    System.out.printf(Locale.ROOT, "jloop TLS bench (reference loop, JDK %s, %.0f s per row)%n",
        Runtime.version(), seconds);
    try (SelectorEventLoop loop = new SelectorEventLoop()) {
      loop.runUntilComplete(loop.createTask(() -> {
        for (int size : new int[] {1024, 100 * 1024}) {
          for (boolean tls : new boolean[] {false, true}) {
            echo(loop, pki, serverCtx, size, tls, seconds / 3); // warm-up
            double[] r = echo(loop, pki, serverCtx, size, tls, seconds);
            System.out.printf(Locale.ROOT, "echo %-7s %6d B messages: %10.0f msg/s %9.1f MiB/s (each way)%n",
                tls ? "TLS1.3" : "TCP", size, r[0], r[1]);
          }
        }
        for (String version : new String[] {"TLSv1.3", "TLSv1.2"}) {
          for (boolean resume : new boolean[] {false, true}) {
            handshakes(loop, pki, serverCtx, version, resume, seconds / 3);
            double rate = handshakes(loop, pki, serverCtx, version, resume, seconds);
            System.out.printf(Locale.ROOT, "handshakes %s %-7s: %8.0f /s (connect + handshake + close, sequential)%n",
                version, resume ? "resumed" : "full", rate);
          }
        }
        return null;
      }));
    }
  }

  static double[] echo(SelectorEventLoop loop, TestPki pki, SSLContext serverCtx, int size, boolean tls,
      double seconds) {
    ServerOptions.Builder sb = ServerOptions.builder().host("127.0.0.1").port(0);
    if (tls) {
      sb.ssl(serverCtx);
    }
    Server server = Async.await(loop.createServer(Echo::new, sb.build()));
    int port = TlsConnectionTest.port(server);
    ConnectionOptions.Builder cb = ConnectionOptions.builder().host("localhost").port(port);
    if (tls) {
      cb.ssl(pki.clientContext());
    }
    ConnectionResult<PingPong> c = Async.await(loop.createConnection(() -> new PingPong(loop, size), cb.build()));
    PingPong p = c.protocol();
    long startRounds = p.rounds;
    double start = loop.time();
    Async.sleep(seconds);
    long rounds = p.rounds - startRounds;
    double elapsed = loop.time() - start;
    p.stop = true;
    Async.await(p.stopped);
    c.transport().close();
    server.close();
    server.closeClients();
    Async.await(server.waitClosed());
    return new double[] {rounds / elapsed, rounds * (double) size / elapsed / (1 << 20)};
  }

  static double handshakes(SelectorEventLoop loop, TestPki pki, SSLContext serverCtx, String version,
      boolean resume, double seconds) {
    SSLParameters params = new SSLParameters();
    params.setProtocols(new String[] {version});
    Server server = Async.await(loop.createServer(Echo::new, ServerOptions.builder().host("127.0.0.1")
        .port(0).ssl(serverCtx).sslParameters(params).build()));
    ConnectionOptions opts = ConnectionOptions.builder().host("localhost").port(TlsConnectionTest.port(server))
        .ssl(pki.clientContext()).sslParameters(params).build();
    double start = loop.time();
    long n = 0;
    while (loop.time() - start < seconds) {
      ConnectionResult<PingPong> c = Async.await(loop.createConnection(() -> new PingPong(loop, 1), opts));
      if (version.equals("TLSv1.3") && resume) {
        Async.await(c.protocol().stopped.getLoop().createTask(() -> {
          while (c.protocol().rounds == 0) {
            Async.sleep(0); // the ticket comes after the handshake: one round trip fetches it
          }
          return null;
        }));
      }
      if (!resume) {
        ((SSLEngine) c.transport().getExtraInfo("ssl_object")).getSession().invalidate();
      }
      c.transport().abort();
      n++;
    }
    double rate = n / (loop.time() - start);
    server.close();
    server.closeClients();
    Async.await(server.waitClosed());
    return rate;
  }
}
