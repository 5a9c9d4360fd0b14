package dev.jloop.streams;

import java.util.Arrays;

/** A growable FIFO of bytes: appended at the end, taken from the front. Not thread-safe. */
final class ByteQueue {
  private byte[] buf = new byte[1024];
  private int start;
  private int end;

  int size() {
    return end - start;
  }

  boolean isEmpty() {
    return end == start;
  }

  void append(byte[] data) {
    ensureRoom(data.length);
    System.arraycopy(data, 0, buf, end, data.length);
    end += data.length;
  }

  private void ensureRoom(int n) {
    if (buf.length - end >= n) {
      return;
    }
    int size = size();
    if (size + n <= buf.length && start >= buf.length / 2) {
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
    byte[] out = Arrays.copyOfRange(buf, start, start + n);
    start += n;
    if (start == end) {
      start = 0;
      end = 0;
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
      start = 0;
      end = 0;
    }
  }

  void clear() {
    start = 0;
    end = 0;
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
