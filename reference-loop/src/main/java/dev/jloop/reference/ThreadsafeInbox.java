package dev.jloop.reference;

import dev.jloop.Handle;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handles other threads schedule with {@code callSoonThreadsafe}, and the wake-up that goes
 * with them: asyncio's {@code _write_to_self}, sent at most once per poll. {@link #post} is safe
 * from any thread; the rest is for the loop thread.
 */
final class ThreadsafeInbox {
  private final ConcurrentLinkedQueue<Handle> handles = new ConcurrentLinkedQueue<>();
  /** A wake-up was sent that no poll has consumed yet. */
  private final AtomicBoolean wakeupPending = new AtomicBoolean();

  /** Queues {@code h} and wakes the loop's poll, unless a wake-up is already on its way. */
  void post(Handle h, IoHandler io) {
    handles.add(h);
    if (wakeupPending.compareAndSet(false, true)) {
      io.wakeup();
    }
  }

  /**
   * After a poll (which consumed any wake-up): a producer that finds the flag clear from now on
   * wakes the next poll. Call before {@link #drainTo}, so that nothing posted is left unseen.
   */
  void polled() {
    if (wakeupPending.get()) {
      wakeupPending.set(false);
    }
  }

  boolean isEmpty() {
    return handles.isEmpty();
  }

  /** Moves every posted handle, in posting order, to the end of {@code ready}. */
  void drainTo(ArrayDeque<Handle> ready) {
    for (Handle h = handles.poll(); h != null; h = handles.poll()) {
      ready.add(h);
    }
  }

  void clear() {
    handles.clear();
  }
}
