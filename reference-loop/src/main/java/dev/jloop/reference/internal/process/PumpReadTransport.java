package dev.jloop.reference.internal.process;

import dev.jloop.EventLoop;
import dev.jloop.io.Protocol;
import dev.jloop.reference.internal.ReadPipeTransport;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A read pipe transport over a blocking {@link InputStream} (a child's stdout or stderr, which
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
final class PumpReadTransport extends ReadPipeTransport {
  static final int CHUNK = 64 * 1024;
  static final long MAX_IN_FLIGHT = 256 * 1024;

  private final InputStream in;
  private final String pumpName;
  private final Object lock = new Object();
  private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
  private boolean eof;
  // shared with the pump thread, under lock
  private long inFlight;
  private boolean pumpPaused;
  private boolean stopped;

  PumpReadTransport(EventLoop loop, InputStream in, Protocol protocol, String pumpName) {
    super(loop, in, protocol);
    this.in = in;
    this.pumpName = pumpName;
    loop.callSoon(() -> {
      if (!isClosing()) {
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
      Pumps.post(loop, () -> fatalError(e));
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
    if (isClosing()) {
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

  private void drain() {
    while (isReading() && !pending.isEmpty()) {
      byte[] c = pending.poll();
      release(c.length);
      getProtocol().dataReceived(c);
    }
    if (eof && pending.isEmpty() && isReading()) {
      eofReached();
    }
  }

  private void release(int n) {
    synchronized (lock) {
      inFlight -= n;
      lock.notifyAll();
    }
  }

  @Override
  protected void pauseInput() {
    synchronized (lock) {
      pumpPaused = true;
    }
  }

  @Override
  protected void resumeInput() {
    synchronized (lock) {
      pumpPaused = false;
      lock.notifyAll();
    }
    loop.callSoon(this::drain);
  }

  @Override
  protected void stopInput() {
    pending.clear();
    stopPump();
    // Does not block: the JDK's process streams close without the lock a blocked read holds.
    Pumps.closeQuietly(in);
  }

  @Override
  protected void released() {
    stopPump();
  }

  private void stopPump() {
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
    }
  }

  @Override
  protected String describePipe() {
    return pumpName;
  }
}
