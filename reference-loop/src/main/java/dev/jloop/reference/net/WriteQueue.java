package dev.jloop.reference.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;

/**
 * The bytes a transport could not hand to the OS yet, in order. Small writes are appended to
 * the last chunk while it has room; a flush hands up to {@link #GATHER} chunks to one gathering
 * write. Loop thread only.
 */
final class WriteQueue {
  /** The smallest chunk allocated, so that many small writes share one array. */
  static final int MIN_CHUNK = 16 * 1024;
  /** The most chunks given to one gathering write. */
  static final int GATHER = 16;

  /** Chunks in read mode (position..limit is unsent), except the last, which may be filling. */
  private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
  private final ByteBuffer[] gather = new ByteBuffer[GATHER];
  private ByteBuffer tail;
  private long size;

  boolean isEmpty() {
    return size == 0;
  }

  long size() {
    return size;
  }

  /** Copies {@code len} bytes of {@code data} from {@code off}. */
  void add(byte[] data, int off, int len) {
    if (tail != null && tail.capacity() - tail.limit() >= len) {
      int lim = tail.limit();
      tail.limit(lim + len);
      tail.put(lim, data, off, len);
    } else {
      ByteBuffer b = ByteBuffer.allocate(Math.max(MIN_CHUNK, len));
      b.put(data, off, len).flip();
      chunks.add(b);
      tail = b;
    }
    size += len;
  }

  /** Copies the remaining bytes of {@code data}, consuming them. */
  void add(ByteBuffer data) {
    int len = data.remaining();
    if (tail != null && tail.capacity() - tail.limit() >= len) {
      int lim = tail.limit();
      tail.limit(lim + len);
      tail.put(lim, data, data.position(), len);
      data.position(data.limit());
    } else {
      ByteBuffer b = ByteBuffer.allocate(Math.max(MIN_CHUNK, len));
      b.put(data).flip();
      chunks.add(b);
      tail = b;
    }
    size += len;
  }

  /** Writes as much as the channel takes in one gathering write; returns the count. */
  long writeTo(GatheringByteChannel channel) throws IOException {
    if (size == 0) {
      return 0;
    }
    long n;
    if (chunks.size() == 1) {
      n = channel.write(chunks.peekFirst());
    } else {
      int k = 0;
      for (ByteBuffer b : chunks) {
        gather[k++] = b;
        if (k == GATHER) {
          break;
        }
      }
      n = channel.write(gather, 0, k);
      java.util.Arrays.fill(gather, 0, k, null);
    }
    size -= n;
    while (!chunks.isEmpty() && !chunks.peekFirst().hasRemaining()) {
      ByteBuffer done = chunks.pollFirst();
      if (done == tail) {
        tail = null;
      }
    }
    return n;
  }

  void clear() {
    chunks.clear();
    tail = null;
    size = 0;
  }
}
