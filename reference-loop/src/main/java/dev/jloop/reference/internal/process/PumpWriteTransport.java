package dev.jloop.reference.internal.process;

import dev.jloop.EventLoop;
import dev.jloop.io.BaseProtocol;
import dev.jloop.reference.internal.WritePipeTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A write pipe transport over a blocking {@link OutputStream} (a child's stdin), with the
 * semantics of asyncio's write pipe transport.
 *
 * <p>{@code write} never blocks: it queues a copy and counts it in the write buffer, which
 * drives {@code pauseWriting}/{@code resumeWriting} through the water marks. A dedicated pump
 * thread takes the chunks in order, writes and flushes each (blocking while the child does not
 * read), and reports each written chunk back to the loop, which shrinks the buffer.
 * {@code writeEof()}/{@code close()} let the pump finish the queue, then close the stream and
 * call {@code connectionLost(null)}. A failed write (the child closed its stdin or exited:
 * "Broken pipe") ends in {@code connectionLost} with that {@link IOException}.
 *
 * <p>{@code abort()} drops the queue and calls {@code connectionLost(null)} at once, as asyncio;
 * a write already in progress cannot be interrupted (the JDK stream holds its lock while
 * blocked), so the pump closes the stream when that write returns, which it does once the child
 * reads or exits. The child's exit closes the transport as the reader's end of the pipe would
 * in asyncio ({@link #readerGone()}: the JDK cannot watch a process pipe for its reader's end).
 * Loop thread only, except the pump's own methods.
 */
final class PumpWriteTransport extends WritePipeTransport {
  private static final byte[] EOF = new byte[0];

  private final OutputStream out;
  private final String pumpName;
  private final Object lock = new Object();
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  // under lock, shared with the pump
  private boolean stop;

  PumpWriteTransport(EventLoop loop, OutputStream out, BaseProtocol protocol, String pumpName) {
    super(loop, out, protocol);
    this.out = out;
    this.pumpName = pumpName;
    Pumps.start(pumpName, this::pump);
  }

  // ---- pump thread ----

  private void pump() {
    try {
      while (true) {
        byte[] chunk;
        synchronized (lock) {
          while (queue.isEmpty() && !stop) {
            lock.wait();
          }
          if (stop) {
            return;
          }
          chunk = queue.poll();
        }
        if (chunk == EOF) {
          out.close();
          Pumps.post(loop, () -> callConnectionLost(null));
          return;
        }
        out.write(chunk);
        out.flush();
        int n = chunk.length;
        if (!Pumps.post(loop, () -> onWritten(n))) {
          return;
        }
      }
    } catch (IOException e) {
      Pumps.post(loop, () -> forceClose(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Pumps.closeQuietly(out);
    }
  }

  // ---- loop thread ----

  private void onWritten(int n) {
    if (isDone()) {
      return;
    }
    flow().shrink(n);
    flow().maybeResume();
  }

  @Override
  protected long send(ByteBuffer data) {
    byte[] copy = new byte[data.remaining()];
    data.get(copy);
    enqueue(copy);
    return copy.length;
  }

  private void enqueue(byte[] chunk) {
    synchronized (lock) {
      queue.add(chunk);
      lock.notifyAll();
    }
  }

  @Override
  protected void flushThenClose() {
    enqueue(EOF);
  }

  @Override
  protected void dropBuffer() {
    stopPump();
  }

  @Override
  protected void released() {
    stopPump();
  }

  /** Drops what is queued and lets the pump end (after the write in progress, if any). */
  private void stopPump() {
    synchronized (lock) {
      queue.clear();
      stop = true;
      lock.notifyAll();
    }
  }

  @Override
  protected String describePipe() {
    return pumpName;
  }
}
