package dev.jloop.reference;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loop's side of {@code run_in_executor}: the default executor (created lazily, sized like
 * asyncio's {@code ThreadPoolExecutor}: min(32, cpus + 4) threads named
 * {@code jloop-executor-<pool>-<n>}) and the hand-over of results to the loop thread through
 * {@code callSoonThreadsafe}. {@link #submit} and {@link #shutdownDefault} run on the loop
 * thread; the executor state is guarded by this object's monitor, which is never held while the
 * loop polls or while a job runs.
 */
final class ExecutorSupport {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final EventLoop loop;
  private ExecutorService defaultExecutor;
  private boolean shutdownCalled;

  ExecutorSupport(EventLoop loop) {
    this.loop = loop;
  }

  /** asyncio's default pool size: min(32, os.cpu_count() + 4). */
  static int defaultPoolSize() {
    return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
  }

  /**
   * Runs {@code fn} on {@code executor} (the default one if {@code null}). Cancelling the
   * returned future cancels the job if it has not started, as asyncio's {@code wrap_future}
   * cancels the {@code concurrent.futures.Future}.
   */
  <T> Future<T> submit(Executor executor, Callable<T> fn) {
    Executor target = executor != null ? executor : defaultForSubmit();
    Future<T> future = loop.createFuture();
    FutureTask<Void> job = new FutureTask<>(() -> runJob(fn, future), null);
    try {
      target.execute(job);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("The executor rejected the job: " + e.getMessage(), e);
    }
    future.addDoneCallback(f -> {
      if (f.cancelled()) {
        job.cancel(false);
      }
    });
    return future;
  }

  /** On an executor thread: runs {@code fn}, then hands its outcome to the loop thread. */
  private <T> void runJob(Callable<T> fn, Future<T> future) {
    T value;
    try {
      value = fn.call();
    } catch (Throwable t) {
      deliver(() -> {
        if (!future.done()) {
          future.setException(t);
        }
      });
      return;
    }
    deliver(() -> {
      if (!future.done()) {
        future.setResult(value);
      }
    });
  }

  private void deliver(Runnable onLoop) {
    try {
      loop.callSoonThreadsafe(onLoop);
    } catch (IllegalStateException closed) {
      // The loop closed meanwhile: nobody can observe the outcome any more (asyncio drops it too).
    }
  }

  private synchronized ExecutorService defaultForSubmit() {
    if (shutdownCalled) {
      throw new IllegalStateException("Executor shutdown has been called");
    }
    if (defaultExecutor == null) {
      defaultExecutor = newDefaultExecutor();
    }
    return defaultExecutor;
  }

  private static ExecutorService newDefaultExecutor() {
    int n = defaultPoolSize();
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "jloop-executor-" + pool + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor tpe =
        new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    tpe.allowCoreThreadTimeOut(true);
    return tpe;
  }

  synchronized void setDefaultExecutor(ExecutorService executor) {
    defaultExecutor = Objects.requireNonNull(executor, "executor");
  }

  synchronized ExecutorService currentDefault() {
    return defaultExecutor;
  }

  /**
   * asyncio's {@code shutdown_default_executor}: no new jobs on the default executor; the
   * future completes (on the loop thread) once its running jobs have finished, waited for on a
   * helper thread so the loop keeps running.
   */
  Future<Void> shutdownDefault() {
    Future<Void> done = loop.createFuture();
    ExecutorService ex;
    synchronized (this) {
      shutdownCalled = true;
      ex = defaultExecutor;
    }
    if (ex == null) {
      done.setResult(null);
      return done;
    }
    ex.shutdown();
    Thread waiter = new Thread(() -> awaitTermination(ex, done), "jloop-executor-shutdown");
    waiter.setDaemon(true);
    waiter.start();
    return done;
  }

  private void awaitTermination(ExecutorService ex, Future<Void> done) {
    try {
      while (!ex.awaitTermination(1, TimeUnit.SECONDS)) {
        // asyncio waits for the jobs without a time limit
      }
      deliver(() -> {
        if (!done.done()) {
          done.setResult(null);
        }
      });
    } catch (InterruptedException e) {
      deliver(() -> {
        if (!done.done()) {
          done.setException(e);
        }
      });
    }
  }

  /** On loop close: shut the default executor down without waiting, as asyncio does. */
  synchronized void closeNoWait() {
    shutdownCalled = true;
    if (defaultExecutor != null) {
      defaultExecutor.shutdown();
      defaultExecutor = null;
    }
  }
}
