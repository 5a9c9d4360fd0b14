package dev.jloop.examples.minimal;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code run_in_executor} for {@link MinimalEventLoop}: the default thread pool (made on first
 * use, asyncio's size min(32, cpus + 4), daemon threads) and the way back to the loop thread,
 * which is {@link EventLoop#callSoonThreadsafe}. The pool state is guarded by this object's
 * monitor, never held while a job runs.
 */
final class ExecutorBridge {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final EventLoop loop;
  private ExecutorService defaultExecutor;
  private boolean shutDown;

  ExecutorBridge(EventLoop loop) {
    this.loop = loop;
  }

  /**
   * Runs {@code fn} on {@code executor}, or the default pool if {@code null}; the returned future
   * gets the outcome on the loop thread. Cancelling the future keeps a job that has not started
   * from running.
   */
  <T> Future<T> submit(Executor executor, Callable<T> fn) {
    Executor target = executor != null ? executor : defaultPool();
    Future<T> future = loop.createFuture();
    FutureTask<Void> job = new FutureTask<>(() -> call(fn, future), null);
    try {
      target.execute(job);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("The executor rejected the job", e);
    }
    future.addDoneCallback(f -> {
      if (f.cancelled()) {
        job.cancel(false);
      }
    });
    return future;
  }

  /** On a worker: runs the job and hands its result or exception, unwrapped, to the loop. */
  private <T> void call(Callable<T> fn, Future<T> future) {
    try {
      T value = fn.call();
      toLoop(() -> {
        if (!future.done()) {
          future.setResult(value);
        }
      });
    } catch (Throwable t) {
      toLoop(() -> {
        if (!future.done()) {
          future.setException(t);
        }
      });
    }
  }

  private void toLoop(Runnable r) {
    try {
      loop.callSoonThreadsafe(r);
    } catch (IllegalStateException closed) {
      // The loop closed while the job ran: nobody is left to see the outcome.
    }
  }

  private synchronized ExecutorService defaultPool() {
    if (shutDown) {
      throw new IllegalStateException("The default executor was shut down");
    }
    if (defaultExecutor == null) {
      int pool = POOLS.incrementAndGet();
      AtomicInteger n = new AtomicInteger();
      defaultExecutor = Executors.newFixedThreadPool(
          Math.min(32, Runtime.getRuntime().availableProcessors() + 4), r -> {
            Thread t = new Thread(r, "minimal-executor-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
    }
    return defaultExecutor;
  }

  synchronized void setDefault(ExecutorService executor) {
    defaultExecutor = executor;
  }

  /**
   * asyncio's {@code shutdown_default_executor}: no new jobs; the future is done once the
   * running ones finished, waited for on a helper thread so that the loop keeps running.
   */
  Future<Void> shutdownDefault() {
    Future<Void> done = loop.createFuture();
    ExecutorService pool;
    synchronized (this) {
      shutDown = true;
      pool = defaultExecutor;
    }
    if (pool == null) {
      done.setResult(null);
      return done;
    }
    pool.shutdown();
    Thread waiter = new Thread(() -> {
      try {
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
          // asyncio waits as long as the jobs take
        }
        toLoop(() -> {
          if (!done.done()) {
            done.setResult(null);
          }
        });
      } catch (InterruptedException e) {
        toLoop(() -> {
          if (!done.done()) {
            done.setException(e);
          }
        });
      }
    }, "minimal-executor-shutdown");
    waiter.setDaemon(true);
    waiter.start();
    return done;
  }

  /** On loop close: stop the default pool without waiting, as asyncio's close does. */
  synchronized void closeDefault() {
    shutDown = true;
    if (defaultExecutor != null) {
      defaultExecutor.shutdown();
      defaultExecutor = null;
    }
  }
}
