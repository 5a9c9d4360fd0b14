package dev.jloop.reference;

import dev.jloop.TimerHandle;
import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap ordered by {@link TimerHandle#compare} (deadline, then
 * scheduling sequence). Cancelled timers stay in the heap until they reach the top, unless they
 * become the majority of a large heap, when {@link #compactIfMostlyCancelled()} rebuilds it
 * (asyncio's rule: more than 100 timers and more than half cancelled). Loop thread only.
 */
final class TimerQueue {
  static final int MIN_SCHEDULED_TIMER_HANDLES = 100;

  private TimerHandle[] heap = new TimerHandle[64];
  private int size;
  private int cancelled;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int cancelledCount() {
    return cancelled;
  }

  void add(TimerHandle t) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = t;
    siftUp(size++);
  }

  TimerHandle peek() {
    return size == 0 ? null : heap[0];
  }

  TimerHandle poll() {
    if (size == 0) {
      return null;
    }
    TimerHandle top = heap[0];
    TimerHandle last = heap[--size];
    heap[size] = null;
    if (size > 0) {
      heap[0] = last;
      siftDown(0);
    }
    top.unschedule();
    if (top.cancelled()) {
      cancelled--;
    }
    return top;
  }

  /** Called through the timer's cancel hook while the timer is in the heap. */
  void onCancelled(TimerHandle t) {
    cancelled++;
  }

  /** Drops the cancelled timers at the top of the heap. */
  void dropCancelledHead() {
    while (size > 0 && heap[0].cancelled()) {
      poll();
    }
  }

  /** Rebuilds the heap without cancelled timers when they are most of a large heap. */
  void compactIfMostlyCancelled() {
    if (size > MIN_SCHEDULED_TIMER_HANDLES && cancelled * 2 > size) {
      int n = 0;
      for (int i = 0; i < size; i++) {
        TimerHandle t = heap[i];
        if (t.cancelled()) {
          t.unschedule();
        } else {
          heap[n++] = t;
        }
      }
      Arrays.fill(heap, n, size, null);
      size = n;
      cancelled = 0;
      for (int i = (n >>> 1) - 1; i >= 0; i--) {
        siftDown(i);
      }
    } else {
      dropCancelledHead();
    }
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      heap[i].unschedule();
    }
    Arrays.fill(heap, 0, size, null);
    size = 0;
    cancelled = 0;
  }

  private void siftUp(int i) {
    TimerHandle t = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      TimerHandle p = heap[parent];
      if (TimerHandle.compare(t, p) >= 0) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = t;
  }

  private void siftDown(int i) {
    TimerHandle t = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && TimerHandle.compare(heap[right], heap[child]) < 0) {
        child = right;
      }
      if (TimerHandle.compare(t, heap[child]) <= 0) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = t;
  }
}
