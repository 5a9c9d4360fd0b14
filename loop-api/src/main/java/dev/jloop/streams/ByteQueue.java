package dev.jloop.streams;

import java.util.Arrays;

/**
 * A growable FIFO of bytes: appended at the end, taken from the front. Not thread-safe.
 *
 * <p>An array handed over with {@link #adopt} becomes the storage of an empty queue as it is,
 * and {@link #take} returns it as it is when the taker asks for exactly its bytes: a stream
 * reader fed with whole reads and read with large enough sizes then copies nothing. The queue
 * forgets an array once it has returned it.
 */
final class ByteQueue {
  private static final int INITIAL = 1024;

  private byte[] buf = new byte[INITIAL];
  /** Whether {@link #buf} is an adopted array; the queue's own array then waits in spare. */
  private boolean adopted;
  private byte[] spare;
  private int start;
  private int end;

  int size() {
    return end - start;
  }

  boolean isEmpty() {
    return end == start;
  }

  /** Appends a copy of {@code data}. */
  void append(byte[] data) {
    ensureRoom(data.length);
    System.arraycopy(data, 0, buf, end, data.length);
    end += data.length;
  }

  /**
   * Appends {@code data}, which the caller gives up: nobody else may read or write it any more.
   * An empty queue keeps the array itself instead of a copy.
   */
  void adopt(byte[] data) {
    if (!isEmpty() || data.length == 0) {
      append(data);
      return;
    }
    if (!adopted) {
      spare = buf;
      adopted = true;
    }
    buf = data;
    start = 0;
    end = data.length;
  }

  private void ensureRoom(int n) {
    if (buf.length - end >= n) {
      return;
    }
    int size = size();
    if (adopted) {
      // The adopted array is full: go back to our own storage, big enough for both.
      byte[] own = spare.length >= size + n ? spare : new byte[Math.max(spare.length * 2, size + n)];
      System.arraycopy(buf, start, own, 0, size);
      buf = own;
      spare = null;
      adopted = false;
    } else if (size + n <= buf.length && start >= buf.length / 2) {
      System.arraycopy(buf, start, buf, 0, size); // compact
    } else {
      byte[] bigger = new byte[Math.max(buf.length * 2, size + n)];
      System.arraycopy(buf, start, bigger, 0, size);
      buf = bigger;
    }
    start = 0;
    end = size;
  }

  /** Removes and returns the first {@code n} bytes ({@code n <= size()}). */
  byte[] take(int n) {
    byte[] out;
    if (adopted && start == 0 && n == buf.length) {
      out = buf; // exactly the adopted array: hand it on, and forget it
      end = 0;
    } else {
      out = Arrays.copyOfRange(buf, start, start + n);
      start += n;
    }
    if (start == end) {
      emptied();
    }
    return out;
  }

  byte[] takeAll() {
    return take(size());
  }

  /** Drops the first {@code n} bytes. */
  void skip(int n) {
    start += n;
    if (start == end) {
      emptied();
    }
  }

  void clear() {
    emptied();
  }

  private void emptied() {
    start = 0;
    end = 0;
    if (adopted) {
      buf = spare;
      spare = null;
      adopted = false;
    }
  }

  /** The index (from the front) of the first {@code sep} at or after {@code from}, or -1. */
  int indexOf(byte[] sep, int from) {
    int last = end - sep.length;
    outer:
    for (int i = start + Math.max(0, from); i <= last; i++) {
      for (int j = 0; j < sep.length; j++) {
        if (buf[i + j] != sep[j]) {
          continue outer;
        }
      }
      return i - start;
    }
    return -1;
  }

  /** Whether the bytes at {@code at} (from the front) are {@code sep}. */
  boolean startsWith(byte[] sep, int at) {
    if (at < 0 || at + sep.length > size()) {
      return false;
    }
    return Arrays.equals(buf, start + at, start + at + sep.length, sep, 0, sep.length);
  }
}
