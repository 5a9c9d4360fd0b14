package dev.jloop.reference.tls;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.Protocol;
import dev.jloop.io.Transport;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A protocol that records what happens to it: the calls in order, the bytes received, and
 * futures for "connected", "received n bytes" and "lost". Optionally echoes.
 */
class Peer implements Protocol {
  final EventLoop loop;
  final boolean echo;
  final List<String> calls = new ArrayList<>();
  final ByteArrayOutputStream received = new ByteArrayOutputStream();
  final Future<Transport> made;
  final Future<Throwable> lost;
  Transport transport;
  private long want = -1;
  private Future<byte[]> enough;

  Peer(EventLoop loop, boolean echo) {
    this.loop = loop;
    this.echo = echo;
    this.made = loop.createFuture();
    this.lost = loop.createFuture();
  }

  /** A server's protocol factory: each new peer is also added to {@code accepted}. */
  static Supplier<Peer> accepting(EventLoop loop, boolean echo, List<Peer> accepted) {
    return () -> {
      Peer p = new Peer(loop, echo);
      accepted.add(p);
      return p;
    };
  }

  @Override
  public void connectionMade(BaseTransport t) {
    calls.add("made");
    transport = (Transport) t;
    made.setResult(transport);
  }

  @Override
  public void dataReceived(byte[] data) {
    calls.add("data");
    received.writeBytes(data);
    if (echo) {
      transport.write(data);
    }
    if (enough != null && received.size() >= want) {
      Future<byte[]> f = enough;
      enough = null;
      f.setResult(received.toByteArray());
    }
  }

  @Override
  public boolean eofReceived() {
    calls.add("eof");
    return false;
  }

  @Override
  public void connectionLost(Throwable exc) {
    calls.add("lost");
    lost.setResult(exc);
    if (enough != null) {
      enough.setException(new IllegalStateException("connection lost after " + received.size()
          + " of " + want + " bytes", exc));
      enough = null;
    }
  }

  @Override
  public void pauseWriting() {
    calls.add("pause");
  }

  @Override
  public void resumeWriting() {
    calls.add("resume");
  }

  /** Done with everything received once at least {@code n} bytes arrived. */
  Future<byte[]> receive(long n) {
    Future<byte[]> f = loop.createFuture();
    if (received.size() >= n) {
      f.setResult(received.toByteArray());
    } else {
      want = n;
      enough = f;
    }
    return f;
  }

  String text() {
    return received.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
