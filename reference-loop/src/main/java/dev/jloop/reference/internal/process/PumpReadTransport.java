package dev.jloop.reference.internal.process;

import dev.jloop.EventLoop;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.Protocol;
import dev.jloop.io.ReadTransport;
import dev.jloop.reference.internal.TransportErrors;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link ReadTransport} over a blocking {@link InputStream} (a child's stdout or stderr, which
 * the JDK gives only as a blocking stream), with the semantics of asyncio's read pipe transport.
 *
 * <p>A dedicated pump thread reads chunks of up to 64 KiB and hands each to the loop with
 * {@code callSoonThreadsafe}; one thread and one FIFO queue, so no byte is lost or reordered.
 * Flow control: the pump stops reading while the transport is paused or while 256 KiB handed to
 * the loop have not been delivered to the protocol yet, so a slow protocol slows the child down
 * (its writes block on the full pipe) instead of filling the heap. The pump starts after
 * {@code connectionMade}, ends at the end of the data, on an error, or when the transport
 * closes, and closes the stream. Loop thread only, except the pump's own methods.
 */
final class PumpReadTransport implements ReadTransport {
  static final int CHUNK = 64 * 1024;
  static final long MAX_IN_FLIGHT = 256 * 1024;

  private final EventLoop loop;
  private final InputStream in;
  private final String pumpName;
  private final Object lock = new Object();
  private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
  private Protocol protocol;
  private boolean paused;
  private boolean closing;
  private boolean eof;
  private boolean lost;
  // shared with the pump thread, under lock
  private long inFlight;
  private boolean pumpPaused;
  private boolean stopped;

  PumpReadTransport(EventLoop loop, InputStream in, Protocol protocol, String pumpName) {
    this.loop = loop;
    this.in = in;
    this.protocol = protocol;
    this.pumpName = pumpName;
    loop.callSoon(() -> this.protocol.connectionMade(this));
    loop.callSoon(() -> {
      if (!closing) {
        Pumps.start(pumpName, this::pump);
      }
    });
  }

  // ---- pump thread ----

  private void pump() {
    byte[] buf = new byte[CHUNK];
    try {
      while (awaitCredit()) {
        int n = in.read(buf);
        if (n < 0) {
          Pumps.post(loop, this::onEof);
          return;
        }
        if (n == 0) {
          continue;
        }
        byte[] chunk = Arrays.copyOf(buf, n);
        synchronized (lock) {
          inFlight += n;
        }
        if (!Pumps.post(loop, () -> onData(chunk))) {
          return;
        }
      }
    } catch (IOException e) {
      Pumps.post(loop, () -> onError(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Pumps.closeQuietly(in);
    }
  }

  /** Waits until reading may go on; false once the transport stopped the pump. */
  private boolean awaitCredit() throws InterruptedException {
    synchronized (lock) {
      while (!stopped && (pumpPaused || inFlight >= MAX_IN_FLIGHT)) {
        lock.wait();
      }
      return !stopped;
    }
  }

  // ---- loop thread ----

  private void onData(byte[] chunk) {
    if (closing) {
      release(chunk.length);
      return;
    }
    pending.add(chunk);
    drain();
  }

  private void onEof() {
    eof = true;
    drain();
  }

  private void onError(IOException e) {
    if (closing) {
      return;
    }
    TransportErrors.report(loop, "Fatal read error on pipe transport", e, this, protocol);
    close(e);
  }

  private void drain() {
    while (!paused && !closing && !pending.isEmpty()) {
      byte[] c = pending.poll();
      release(c.length);
      protocol.dataReceived(c);
    }
    if (eof && pending.isEmpty() && !closing && !paused) {
      closing = true;
      loop.callSoon(() -> protocol.eofReceived());
      loop.callSoon(() -> callConnectionLost(null));
    }
  }

  private void release(int n) {
    synchronized (lock) {
      inFlight -= n;
      lock.notifyAll();
    }
  }

  @Override
  public boolean isReading() {
    return !paused && !closing;
  }

  @Override
  public void pauseReading() {
    if (!isReading()) {
      return;
    }
    paused = true;
    synchronized (lock) {
      pumpPaused = true;
    }
  }

  @Override
  public void resumeReading() {
    if (closing || !paused) {
      return;
    }
    paused = false;
    synchronized (lock) {
      pumpPaused = false;
      lock.notifyAll();
    }
    loop.callSoon(this::drain);
  }

  @Override
  public void close() {
    if (!closing) {
      close(null);
    }
  }

  private void close(Throwable exc) {
    closing = true;
    pending.clear();
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
    }
    // Does not block: the JDK's process streams close without the lock a blocked read holds.
    Pumps.closeQuietly(in);
    loop.callSoon(() -> callConnectionLost(exc));
  }

  private void callConnectionLost(Throwable exc) {
    if (lost) {
      return;
    }
    lost = true;
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
    }
    protocol.connectionLost(exc);
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  @Override
  public Object getExtraInfo(String name) {
    return "pipe".equals(name) ? in : null;
  }

  @Override
  public void setProtocol(BaseProtocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    if (!(protocol instanceof Protocol p)) {
      throw new IllegalArgumentException("a read pipe needs a Protocol, not " + protocol);
    }
    this.protocol = p;
  }

  @Override
  public Protocol getProtocol() {
    return protocol;
  }

  @Override
  public String toString() {
    return "PumpReadTransport[" + pumpName + (lost ? ", closed" : closing ? ", closing" : "") + "]";
  }
}
