package dev.jloop.reference;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * A {@link SelectorIoHandler} that records what the loop asks of it: every poll timeout, the
 * locks the polling thread holds on entry, and a permit each time a poll may block.
 */
final class RecordingIoHandler implements IoHandler {
  private final SelectorIoHandler delegate = new SelectorIoHandler();
  final List<Long> timeouts = new CopyOnWriteArrayList<>();
  final List<String> locksHeldWhilePolling = new CopyOnWriteArrayList<>();
  /** Released each time a poll that may block (timeout != 0) starts. */
  final Semaphore blockingPolls = new Semaphore(0);

  @Override
  public int poll(long timeoutNanos) throws IOException {
    timeouts.add(timeoutNanos);
    ThreadInfo me = ManagementFactory.getThreadMXBean()
        .getThreadInfo(new long[] {Thread.currentThread().threadId()}, true, true)[0];
    for (var monitor : me.getLockedMonitors()) {
      locksHeldWhilePolling.add("monitor " + monitor + " at " + monitor.getLockedStackFrame());
    }
    for (var sync : me.getLockedSynchronizers()) {
      locksHeldWhilePolling.add("synchronizer " + sync);
    }
    if (timeoutNanos != 0) {
      blockingPolls.release();
    }
    return delegate.poll(timeoutNanos);
  }

  @Override
  public void wakeup() {
    delegate.wakeup();
  }

  @Override
  public void close() {
    delegate.close();
  }

  boolean isClosed() {
    return delegate.isClosed();
  }
}
