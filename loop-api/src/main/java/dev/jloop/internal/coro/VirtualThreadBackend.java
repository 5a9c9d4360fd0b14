package dev.jloop.internal.coro;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Fibers on virtual threads, portable to any JDK 21+. The loop thread and the task's virtual
 * thread pass a baton: whoever does not hold it waits (a short spin, then park), so exactly one
 * of them runs at a time and each hand-over is a happens-before edge (a volatile write read by
 * the other side).
 */
final class VirtualThreadBackend implements CoroutineBackend {
  /** Spins before parking; a hand-over usually completes within a few microseconds. */
  private static final int SPINS = Integer.getInteger("jloop.coroutine.spins", 2000);
  private static final AtomicLong IDS = new AtomicLong();
  private static final ThreadLocal<VirtualFiber> RUNNING = new ThreadLocal<>();

  @Override
  public String name() {
    return "virtual";
  }

  @Override
  public Fiber newFiber(Runnable body) {
    return new VirtualFiber(body);
  }

  @Override
  public void suspend() {
    VirtualFiber f = RUNNING.get();
    if (f == null) {
      throw new IllegalStateException("no task body is running on this thread");
    }
    f.yieldToOwner();
  }

  private static final class VirtualFiber implements Fiber {
    private static final int OWNER = 0;
    private static final int FIBER = 1;

    private final Runnable body;
    private Thread thread;
    private volatile Thread owner;
    private volatile int turn = OWNER;
    private volatile boolean done;

    VirtualFiber(Runnable body) {
      this.body = body;
    }

    @Override
    public void resume() {
      if (done) {
        throw new IllegalStateException("fiber already finished");
      }
      owner = Thread.currentThread();
      turn = FIBER;
      if (thread == null) {
        thread = Thread.ofVirtual().name("jloop-task-" + IDS.incrementAndGet()).unstarted(this::main);
        thread.start();
      } else {
        LockSupport.unpark(thread);
      }
      awaitTurn(OWNER);
    }

    @Override
    public boolean isDone() {
      return done;
    }

    private void main() {
      RUNNING.set(this);
      awaitTurn(FIBER);
      try {
        body.run();
      } finally {
        done = true;
        turn = OWNER;
        LockSupport.unpark(owner);
      }
    }

    void yieldToOwner() {
      Thread o = owner;
      turn = OWNER;
      LockSupport.unpark(o);
      awaitTurn(FIBER);
    }

    private void awaitTurn(int mine) {
      for (int i = 0; i < SPINS; i++) {
        if (turn == mine) {
          return;
        }
        Thread.onSpinWait();
      }
      while (turn != mine) {
        LockSupport.park(this);
      }
    }
  }
}
