package dev.jloop.tls;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Application bytes written but not yet encrypted, in order: asyncio's {@code _write_backlog}.
 * Small writes share chunks of at least {@link #MIN_CHUNK} bytes. Loop thread only.
 */
final class PlainBacklog {
  static final int MIN_CHUNK = 16 * 1024;
  /** The most chunks handed to one wrap. */
  static final int GATHER = 16;

  private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
  private final ByteBuffer[] gather = new ByteBuffer[GATHER];
  private ByteBuffer tail; // in read mode; its spare capacity past the limit takes small writes
  private long size;
  private int gathered;

  boolean isEmpty() {
    return size == 0;
  }

  long size() {
    return size;
  }

  /** Copies the remaining bytes of {@code data}, consuming them. */
  void add(ByteBuffer data) {
    int len = data.remaining();
    if (len == 0) {
      return;
    }
    if (tail != null && tail.capacity() - tail.limit() >= len) {
      int lim = tail.limit();
      tail.limit(lim + len);
      tail.put(lim, data, data.position(), len);
      data.position(data.limit());
    } else {
      tail = ByteBuffer.allocate(Math.max(MIN_CHUNK, len)).put(data).flip();
      chunks.add(tail);
    }
    size += len;
  }

  /** Fills and returns the gather array with the first chunks; see {@link #gathered()}. */
  ByteBuffer[] gather() {
    int k = 0;
    for (ByteBuffer b : chunks) {
      gather[k++] = b;
      if (k == GATHER) {
        break;
      }
    }
    gathered = k;
    return gather;
  }

  /** How many chunks the last {@link #gather()} put in the array. */
  int gathered() {
    return gathered;
  }

  /** {@code n} bytes of the gathered chunks were consumed: drops the emptied chunks. */
  void consumed(long n) {
    size -= n;
    java.util.Arrays.fill(gather, 0, gathered, null);
    while (!chunks.isEmpty() && !chunks.peekFirst().hasRemaining()) {
      if (chunks.pollFirst() == tail) {
        tail = null;
      }
    }
  }

  void clear() {
    chunks.clear();
    tail = null;
    size = 0;
  }
}
