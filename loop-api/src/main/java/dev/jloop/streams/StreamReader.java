package dev.jloop.streams;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.ReadTransport;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * asyncio's {@code StreamReader}: bytes fed by a protocol, read with futures.
 *
 * <p>Each read returns a {@link Future} (done at once when the buffer already answers it), to be
 * awaited with {@link dev.jloop.Async#await}. Only one read may wait for data at a time, as in
 * asyncio; cancelling a waiting read's future gives up that read and leaves the buffer as it
 * was. When the buffer holds more than twice the limit the transport's reading is paused, and it
 * resumes once the buffer drops to the limit or a read has to wait for data.
 *
 * <p>Loop thread only. Errors: a read fails with the exception set by {@link #setException}
 * (e.g. the connection error), {@link IncompleteReadException} or
 * {@link LimitOverrunException} as documented per method.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class StreamReader {
  private static final byte[] NEWLINE = {'\n'};
  private static final byte[] EMPTY = new byte[0];

  private final EventLoop loop;
  private final int limit;
  private final ByteQueue buffer = new ByteQueue();
  private boolean eof;
  private Throwable exception;
  private BaseTransport transport;
  private boolean paused;
  private PendingRead pending;

  /** A reader with asyncio's default limit, 64 KiB. */
  public StreamReader(EventLoop loop) {
    this(loop, Streams.DEFAULT_LIMIT);
  }

  /**
   * A reader whose line and separator reads are limited to {@code limit} bytes, and whose
   * transport is paused above twice that.
   *
   * @throws IllegalArgumentException if {@code limit <= 0}
   */
  public StreamReader(EventLoop loop, int limit) {
    this.loop = Objects.requireNonNull(loop, "loop");
    if (limit <= 0) {
      throw new IllegalArgumentException("Limit cannot be <= 0, got " + limit);
    }
    this.limit = limit;
  }

  /** The limit given at construction. */
  public int limit() {
    return limit;
  }

  /** The exception set by {@link #setException}, or {@code null}. */
  public Throwable exception() {
    return exception;
  }

  /** Makes every later read (and the one waiting) fail with {@code exc}. */
  public void setException(Throwable exc) {
    Objects.requireNonNull(exc, "exc");
    exception = exc;
    PendingRead p = pending;
    pending = null;
    if (p != null && !p.future.done()) {
      p.future.setException(exc);
    }
  }

  /**
   * Sets the transport to pause and resume (if it is a {@link ReadTransport}).
   *
   * @throws IllegalStateException if a transport was already set
   */
  public void setTransport(BaseTransport transport) {
    if (this.transport != null) {
      throw new IllegalStateException("Transport already set");
    }
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /**
   * {@link StreamWriter#startTls}: later pauses go to the TLS transport. start_tls already
   * resumed the old transport, which now belongs to the TLS layer.
   */
  void replaceTransport(BaseTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    paused = false;
  }

  /** Marks the end of the stream; a waiting read completes. */
  public void feedEof() {
    eof = true;
    wakeUp();
  }

  /** Whether the stream ended and the buffer is empty. */
  public boolean atEof() {
    return eof && buffer.isEmpty();
  }

  /**
   * Appends {@code data} (copied) to the buffer; a waiting read may complete.
   *
   * @throws IllegalStateException after {@link #feedEof()}
   */
  public void feedData(byte[] data) {
    Objects.requireNonNull(data, "data");
    feed(data, false);
  }

  /**
   * {@link #feedData} with an array the caller gives up (a transport's fresh read, which
   * {@link dev.jloop.io.Protocol#dataReceived} leaves to the protocol): the buffer may keep it
   * and a read may return it, without copying.
   */
  void feedOwnedData(byte[] data) {
    feed(data, true);
  }

  private void feed(byte[] data, boolean owned) {
    if (eof) {
      throw new IllegalStateException("feedData after feedEof");
    }
    if (data.length == 0) {
      return;
    }
    if (owned) {
      buffer.adopt(data);
    } else {
      buffer.append(data);
    }
    wakeUp();
    if (pending == null && !paused && buffer.size() > 2L * limit
        && transport instanceof ReadTransport rt) {
      rt.pauseReading();
      paused = true;
    }
  }

  private void wakeUp() {
    PendingRead p = pending;
    if (p == null) {
      return;
    }
    if (p.future.done() || p.attempt()) { // done: the caller cancelled the read
      pending = null;
    }
  }

  private void maybeResumeTransport() {
    if (paused && buffer.size() <= limit) {
      paused = false;
      ((ReadTransport) transport).resumeReading();
    }
  }

  /** Runs {@code read} now; if it needs more data, it waits (resuming a paused transport). */
  private <T> Future<T> start(PendingRead read, String name) {
    if (exception != null) {
      read.future.setException(exception);
      return cast(read.future);
    }
    if (read.attempt()) {
      return cast(read.future);
    }
    if (pending != null && !pending.future.done()) {
      throw new IllegalStateException(
          name + "() called while another coroutine is already waiting for incoming data");
    }
    if (paused) {
      paused = false;
      ((ReadTransport) transport).resumeReading();
    }
    pending = read;
    return cast(read.future);
  }

  @SuppressWarnings("unchecked")
  private static <T> Future<T> cast(Future<?> f) {
    return (Future<T>) f;
  }

  // ---- reads ----

  /**
   * Up to {@code n} bytes, as soon as at least one is buffered; {@code n < 0} reads until the
   * end of the stream. An empty array means the stream ended (or {@code n == 0}). Not bounded
   * by the limit. asyncio: {@code read(n)}.
   */
  public Future<byte[]> read(int n) {
    if (n < 0) {
      return start(new ReadAll(), "read");
    }
    return start(new ReadSome(n), "read");
  }

  /** Everything up to the end of the stream. asyncio: {@code read()}. */
  public Future<byte[]> read() {
    return read(-1);
  }

  /**
   * Exactly {@code n} bytes; fails with {@link IncompleteReadException} (carrying what was
   * read, which leaves the buffer) if the stream ends first. asyncio: {@code readexactly}.
   *
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public Future<byte[]> readexactly(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("readexactly size can not be less than zero");
    }
    return start(new ReadExactly(n), "readexactly");
  }

  /** {@link #readuntil(byte[])} with {@code "\n"}. */
  public Future<byte[]> readuntil() {
    return readuntil(NEWLINE);
  }

  /**
   * The bytes up to and including {@code separator}. Fails with {@link IncompleteReadException}
   * (the buffer is emptied into it) if the stream ends first, or with
   * {@link LimitOverrunException} (the data stays buffered) when more than the limit would have
   * to be returned without the separator. asyncio: {@code readuntil}.
   *
   * @throws IllegalArgumentException if {@code separator} is empty
   */
  public Future<byte[]> readuntil(byte[] separator) {
    Objects.requireNonNull(separator, "separator");
    if (separator.length == 0) {
      throw new IllegalArgumentException("Separator should be at least one-byte string");
    }
    return start(new ReadUntil(separator.clone(), false), "readuntil");
  }

  /**
   * One line, ending with {@code "\n"}, or the incomplete last line at the end of the stream
   * (empty once it ended). Over the limit, the line (or, without a newline, the whole buffer)
   * is dropped and the future fails with {@link IllegalArgumentException} (asyncio's
   * {@code ValueError}) caused by a {@link LimitOverrunException}. asyncio: {@code readline}.
   */
  public Future<byte[]> readline() {
    return start(new ReadUntil(NEWLINE, true), "readline");
  }

  // ---- the pending reads: each attempt completes its future or returns false ----

  private abstract class PendingRead {
    final Future<Object> future = loop.createFuture();

    /** Tries to complete the read from the buffer; false if it must wait for data. */
    abstract boolean attempt();

    final boolean succeed(Object value) {
      future.setResult(value);
      return true;
    }

    final boolean fail(Throwable t) {
      future.setException(t);
      return true;
    }
  }

  private final class ReadSome extends PendingRead {
    private final int n;

    ReadSome(int n) {
      this.n = n;
    }

    @Override
    boolean attempt() {
      if (n == 0) {
        return succeed(EMPTY);
      }
      if (buffer.isEmpty()) {
        return eof && succeed(EMPTY);
      }
      byte[] data = buffer.take(Math.min(n, buffer.size()));
      maybeResumeTransport();
      return succeed(data);
    }
  }

  private final class ReadAll extends PendingRead {
    private final ByteQueue collected = new ByteQueue();

    @Override
    boolean attempt() {
      if (!buffer.isEmpty()) {
        collected.append(buffer.takeAll());
        maybeResumeTransport();
      }
      return eof && succeed(collected.takeAll());
    }
  }

  private final class ReadExactly extends PendingRead {
    private final int n;

    ReadExactly(int n) {
      this.n = n;
    }

    @Override
    boolean attempt() {
      if (buffer.size() >= n) {
        byte[] data = buffer.take(n);
        maybeResumeTransport();
        return succeed(data);
      }
      return eof && fail(new IncompleteReadException(buffer.takeAll(), n));
    }
  }

  private final class ReadUntil extends PendingRead {
    private final byte[] sep;
    private final boolean line;
    /** Bytes from the front known not to start a separator (asyncio's {@code offset}). */
    private int offset;

    ReadUntil(byte[] sep, boolean line) {
      this.sep = sep;
      this.line = line;
    }

    @Override
    boolean attempt() {
      int isep = -1;
      int buflen = buffer.size();
      if (buflen - offset >= sep.length) {
        isep = buffer.indexOf(sep, offset);
        if (isep < 0) {
          offset = buflen + 1 - sep.length;
          if (offset > limit) {
            return overrun(new LimitOverrunException(
                "Separator is not found, and chunk exceed the limit", offset));
          }
        }
      }
      if (isep < 0) {
        if (!eof) {
          return false;
        }
        byte[] rest = buffer.takeAll();
        return line ? succeed(rest) : fail(new IncompleteReadException(rest, null));
      }
      if (isep > limit) {
        return overrun(new LimitOverrunException(
            "Separator is found, but chunk is longer than limit", isep));
      }
      byte[] chunk = buffer.take(isep + sep.length);
      maybeResumeTransport();
      return succeed(chunk);
    }

    private boolean overrun(LimitOverrunException e) {
      if (!line) {
        return fail(e);
      }
      if (buffer.startsWith(sep, e.consumed())) {
        buffer.skip(e.consumed() + sep.length);
      } else {
        buffer.clear();
      }
      maybeResumeTransport();
      return fail(new IllegalArgumentException(e.getMessage(), e));
    }
  }

  @Override
  public String toString() {
    return "StreamReader[" + buffer.size() + " bytes" + (eof ? ", eof" : "")
        + (limit != Streams.DEFAULT_LIMIT ? ", limit=" + limit : "")
        + (pending != null ? ", waiting" : "") + (exception != null ? ", exception=" + exception : "")
        + (paused ? ", paused" : "") + "]";
  }
}
