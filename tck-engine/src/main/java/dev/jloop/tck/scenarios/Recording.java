package dev.jloop.tck.scenarios;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.Protocol;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.Transport;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A protocol that records what the loop tells it, for the I/O scenarios: the calls in order
 * ({@code made}, {@code data}, {@code eof}, {@code lost}, {@code pause}, {@code resume}), the
 * bytes, the thread of every call, and futures for the milestones.
 */
final class Recording implements Protocol {
  final EventLoop loop;
  final List<String> calls = new ArrayList<>();
  final List<Thread> threads = new ArrayList<>();
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final Future<Transport> made;
  final Future<Throwable> lost;
  final Future<Void> eof;
  Transport transport;
  int lostCalls;
  /** What {@link #eofReceived()} returns: {@code true} keeps the connection open for writing. */
  boolean keepOpenOnEof;
  /** Echo what arrives, as a server does. */
  boolean echo;
  /** Bytes to write and then close as soon as the connection is made. */
  byte[] greeting;

  Recording(EventLoop loop) {
    this.loop = loop;
    this.made = loop.createFuture();
    this.lost = loop.createFuture();
    this.eof = loop.createFuture();
  }

  private void record(String call) {
    calls.add(call);
    threads.add(Thread.currentThread());
  }

  @Override
  public void connectionMade(BaseTransport t) {
    record("made");
    transport = (Transport) t;
    made.setResult(transport);
    if (greeting != null) {
      transport.write(greeting);
      transport.close();
    }
  }

  @Override
  public void dataReceived(byte[] data) {
    if (calls.isEmpty() || !calls.get(calls.size() - 1).equals("data")) {
      record("data");
    } else {
      threads.add(Thread.currentThread());
    }
    bytes.writeBytes(data);
    if (echo) {
      transport.write(data);
    }
  }

  @Override
  public boolean eofReceived() {
    record("eof");
    eof.setResult(null);
    return keepOpenOnEof;
  }

  @Override
  public void connectionLost(Throwable exc) {
    record("lost");
    lostCalls++;
    if (!lost.done()) {
      lost.setResult(exc);
    }
  }

  @Override
  public void pauseWriting() {
    record("pause");
  }

  @Override
  public void resumeWriting() {
    record("resume");
  }

  /** The servers the scenarios use: loopback, an ephemeral port. */
  static ServerOptions loopback() {
    return ServerOptions.of("127.0.0.1", 0);
  }

  /**
   * Closes {@code server}, aborts the connections it still serves (a scenario that failed half
   * way may leave some open, and wait_closed waits for them) and waits until it is closed.
   */
  static void shutdown(Server server) {
    server.close();
    try {
      server.abortClients();
    } catch (UnsupportedOperationException notImplemented) {
      // close() alone must then do
    }
    Async.await(server.waitClosed());
  }

  /** The port a server listens on. */
  static int port(Server server) throws java.io.IOException {
    return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
  }

  /** {@code n} bytes of a pattern that shows reordering and loss. */
  static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + (i >>> 8));
    }
    return b;
  }
}
