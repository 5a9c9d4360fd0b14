package dev.jloop.reference.internal.process;

import dev.jloop.EventLoop;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.WriteTransport;
import dev.jloop.reference.internal.TransportErrors;
import dev.jloop.reference.internal.WriteFlow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A {@link WriteTransport} over a blocking {@link OutputStream} (a child's stdin), with the
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
 * in asyncio ({@link #readerGone()}). Loop thread only, except the pump's own methods.
 */
final class PumpWriteTransport implements WriteTransport {
  private static final byte[] EOF = new byte[0];

  private final EventLoop loop;
  private final OutputStream out;
  private final String pumpName;
  private final WriteFlow flow;
  private final Object lock = new Object();
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private BaseProtocol protocol;
  private long bufferSize;
  private int writesAfterLoss;
  private boolean closing;
  private boolean aborted;
  private boolean lost;
  // under lock, shared with the pump
  private boolean stop;

  PumpWriteTransport(EventLoop loop, OutputStream out, BaseProtocol protocol, String pumpName) {
    this.loop = loop;
    this.out = out;
    this.protocol = protocol;
    this.pumpName = pumpName;
    this.flow = new WriteFlow(loop, this);
    loop.callSoon(() -> this.protocol.connectionMade(this));
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
      Pumps.post(loop, () -> onError(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Pumps.closeQuietly(out);
    }
  }

  // ---- loop thread ----

  private void onWritten(int n) {
    if (aborted || lost) {
      return;
    }
    bufferSize -= n;
    flow.maybeResume(bufferSize);
  }

  private void onError(IOException e) {
    if (aborted || lost) {
      return;
    }
    bufferSize = 0;
    closing = true;
    loop.callSoon(() -> callConnectionLost(e));
  }

  @Override
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    write(ByteBuffer.wrap(data));
  }

  @Override
  public void write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    if (!data.hasRemaining()) {
      return;
    }
    if (closing) {
      data.position(data.limit());
      writesAfterLoss = TransportErrors.writeAfterLoss(writesAfterLoss,
          "pipe closed by peer or os.write(pipe, data) raised exception.");
      return;
    }
    byte[] copy = new byte[data.remaining()];
    data.get(copy);
    enqueue(copy);
    bufferSize += copy.length;
    flow.maybePause(bufferSize);
  }

  private void enqueue(byte[] chunk) {
    synchronized (lock) {
      queue.add(chunk);
      lock.notifyAll();
    }
  }

  @Override
  public boolean canWriteEof() {
    return true;
  }

  @Override
  public void writeEof() {
    if (closing) {
      return;
    }
    closing = true;
    enqueue(EOF);
  }

  @Override
  public void close() {
    writeEof();
  }

  @Override
  public void abort() {
    closeNow(null);
  }

  /**
   * The reader of the pipe went away (the child exited): asyncio's {@code _read_ready} of a write
   * pipe, which closes the transport, with a "Broken pipe" error if data was still buffered.
   * The JDK cannot watch a process pipe for its reader's end, so the child's exit stands for it.
   */
  void readerGone() {
    closeNow(bufferSize > 0 ? new IOException("Broken pipe") : null);
  }

  private void closeNow(Throwable exc) {
    if (lost || aborted) {
      return;
    }
    closing = true;
    aborted = true;
    bufferSize = 0;
    synchronized (lock) {
      queue.clear();
      stop = true;
      lock.notifyAll();
    }
    loop.callSoon(() -> callConnectionLost(exc));
  }

  private void callConnectionLost(Throwable exc) {
    if (lost) {
      return;
    }
    lost = true;
    synchronized (lock) {
      stop = true;
      lock.notifyAll();
    }
    protocol.connectionLost(exc);
  }

  @Override
  public long getWriteBufferSize() {
    return bufferSize;
  }

  @Override
  public void setWriteBufferLimits(int high, int low) {
    flow.setLimits(high, low, bufferSize);
  }

  @Override
  public WaterMarks getWriteBufferLimits() {
    return flow.limits();
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  @Override
  public Object getExtraInfo(String name) {
    return "pipe".equals(name) ? out : null;
  }

  @Override
  public void setProtocol(BaseProtocol protocol) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
  }

  @Override
  public BaseProtocol getProtocol() {
    return protocol;
  }

  @Override
  public String toString() {
    return "PumpWriteTransport[" + pumpName + (lost ? ", closed" : closing ? ", closing" : "")
        + ", bufsize=" + bufferSize + "]";
  }
}
