package dev.jloop.reference.net;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Protocol;
import dev.jloop.io.Transport;
import dev.jloop.reference.SelectorEventLoop;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The client side of {@link LoadTest}, run in its own JVM (one process cannot hold both ends of
 * 10,000 connections under a 20,000 descriptor limit). Opens N connections to an echo server
 * and keeps them all open; then each sends its own payload and checks the echo; then all
 * close. Prints "connected N", "verified N" and exits 0 only if every echo matched.
 *
 * <p>Usage: {@code LoadClient host port connections}
 */
public final class LoadClient {
  private static final int IN_FLIGHT = 256;

  private LoadClient() {}

  /** One connection: sends a payload naming itself, completes {@code verified} with the check. */
  static final class Conn implements Protocol {
    final byte[] payload;
    final ByteArrayOutputStream got = new ByteArrayOutputStream();
    final Future<Boolean> verified;
    final Future<Void> lost;
    Transport t;

    Conn(SelectorEventLoop loop, int index) {
      payload = String.format("connection %08d %s%n", index, Integer.toHexString(index * 0x9E3779B1))
          .getBytes(StandardCharsets.US_ASCII);
      verified = loop.createFuture();
      lost = loop.createFuture();
    }

    @Override
    public void connectionMade(BaseTransport transport) {
      t = (Transport) transport;
    }

    @Override
    public void dataReceived(byte[] data) {
      got.writeBytes(data);
      if (got.size() >= payload.length && !verified.done()) {
        verified.setResult(Arrays.equals(payload, got.toByteArray()));
      }
    }

    @Override
    public void connectionLost(Throwable exc) {
      if (!verified.done()) {
        verified.setResult(false);
      }
      lost.setResult(null);
    }
  }

  public static void main(String[] args) {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int n = Integer.parseInt(args[2]);
    int failures;
    try (SelectorEventLoop loop = new SelectorEventLoop()) {
      failures = loop.runUntilComplete(() -> run(loop, host, port, n));
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  private static int run(SelectorEventLoop loop, String host, int port, int n) {
    List<Conn> conns = new ArrayList<>(n);
    for (int start = 0; start < n; start += IN_FLIGHT) {
      List<Future<ConnectionResult<Conn>>> batch = new ArrayList<>();
      for (int i = start; i < Math.min(n, start + IN_FLIGHT); i++) {
        int index = i;
        batch.add(loop.createConnection(() -> new Conn(loop, index), host, port));
      }
      for (Future<ConnectionResult<Conn>> f : batch) {
        conns.add(Async.await(f).protocol());
      }
    }
    System.out.println("connected " + conns.size());
    for (Conn c : conns) {
      c.t.write(c.payload);
    }
    int ok = 0;
    for (Conn c : conns) {
      if (Async.await(c.verified)) {
        ok++;
      }
    }
    System.out.println("verified " + ok);
    System.out.flush();
    for (Conn c : conns) {
      c.t.close();
    }
    for (Conn c : conns) {
      Async.await(c.lost);
    }
    return n - ok;
  }
}
