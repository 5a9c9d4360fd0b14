package dev.jloop.reference.net;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.Protocol;
import dev.jloop.io.Transport;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Protocol} that records every callback in order ("made", "data", "eof", "pause",
 * "resume", "lost"), keeps the bytes it received, and completes futures at each milestone.
 */
class Recorder implements Protocol {
  final List<String> events = new ArrayList<>();
  final ByteArrayOutputStream received = new ByteArrayOutputStream();
  final Future<Transport> made;
  final Future<Void> eof;
  final Future<Throwable> lost;
  final EventLoop loop;
  boolean keepOpenOnEof;
  Transport transport;
  Throwable lostWith;
  private Future<Void> dataWaiter;
  private long waitFor;

  Recorder(EventLoop loop) {
    this.loop = loop;
    this.made = loop.createFuture();
    this.eof = loop.createFuture();
    this.lost = loop.createFuture();
  }

  @Override
  public void connectionMade(BaseTransport t) {
    events.add("made");
    transport = (Transport) t;
    made.setResult(transport);
  }

  @Override
  public void dataReceived(byte[] data) {
    if (events.isEmpty() || !events.get(events.size() - 1).equals("data")) {
      events.add("data");
    }
    received.writeBytes(data);
    if (dataWaiter != null && received.size() >= waitFor) {
      Future<Void> w = dataWaiter;
      dataWaiter = null;
      w.setResult(null);
    }
  }

  @Override
  public boolean eofReceived() {
    events.add("eof");
    eof.setResult(null);
    return keepOpenOnEof;
  }

  @Override
  public void pauseWriting() {
    events.add("pause");
  }

  @Override
  public void resumeWriting() {
    events.add("resume");
  }

  @Override
  public void connectionLost(Throwable exc) {
    events.add("lost");
    lostWith = exc;
    lost.setResult(exc);
    if (dataWaiter != null) {
      dataWaiter.setResult(null);
      dataWaiter = null;
    }
  }

  /** Done once {@code n} bytes in total arrived (or the connection is lost). */
  Future<Void> receivedAtLeast(long n) {
    Future<Void> f = loop.createFuture();
    if (received.size() >= n || lost.done()) {
      f.setResult(null);
    } else {
      dataWaiter = f;
      waitFor = n;
    }
    return f;
  }
}
