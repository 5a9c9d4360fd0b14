package dev.jloop.reference;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loop's side of {@code run_in_executor}: the default executor (created lazily, sized like
 * asyncio's {@code ThreadPoolExecutor}: min(32, cpus + 4) threads) and the hand-over of results
 * to the loop thread. Loop thread only, except where noted.
 */
final class ExecutorSupport {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final EventLoop loop;
  private ExecutorService defaultExecutor;
  private boolean shutdownCalled;

  ExecutorSupport(EventLoop loop) {
    this.loop = loop;
  }

  /** asyncio's default: min(32, os.cpu_count() + 4). */
  static int defaultPoolSize() {
    return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
  }

  <T> Future<T> submit(Executor executor, Callable<T> fn) {
    Objects.requireNonNull(fn, "fn");
    Executor target = executor;
    if (target == null) {
      if (shutdownCalled) {
        throw new IllegalStateException("Executor shutdown has been called");
      }
      target = defaultExecutor();
    }
    Future<T> future = loop.createFuture();
    Runnable job = () -> {
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
    };
    if (target instanceof ExecutorService service) {
      java.util.concurrent.Future<?> submitted;
      try {
        submitted = service.submit(job);
      } catch (RejectedExecutionException e) {
        throw new IllegalStateException("executor rejected the job: " + e.getMessage(), e);
      }
      future.addDoneCallback(f -> {
        if (f.cancelled()) {
          submitted.cancel(false);
        }
      });
    } else {
      target.execute(job);
    }
    return future;
  }

  private void deliver(Runnable onLoop) {
    try {
      loop.callSoonThreadsafe(onLoop);
    } catch (IllegalStateException closed) {
      // The loop closed while the job ran: nobody can observe the result any more.
    }
  }

  synchronized ExecutorService defaultExecutor() {
    if (defaultExecutor == null) {
      int n = defaultPoolSize();
      int pool = POOLS.incrementAndGet();
      AtomicInteger threads = new AtomicInteger();
      ThreadFactory tf = r -> {
        Thread t = new Thread(r, "jloop-executor-" + pool + "-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      ThreadPoolExecutor tpe = new ThreadPoolExecutor(
          n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), tf);
      tpe.allowCoreThreadTimeOut(true);
      defaultExecutor = tpe;
    }
    return defaultExecutor;
  }

  synchronized void setDefaultExecutor(ExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    defaultExecutor = executor;
  }

  /** Shuts the default executor down; the future completes once its threads are gone. */
  Future<Void> shutdownDefault() {
    shutdownCalled = true;
    Future<Void> done = loop.createFuture();
    ExecutorService ex;
    synchronized (this) {
      ex = defaultExecutor;
    }
    if (ex == null) {
      done.setResult(null);
      return done;
    }
    ex.shutdown();
    Thread waiter = new Thread(() -> {
      try {
        while (!ex.awaitTermination(1, TimeUnit.SECONDS)) {
          // keep waiting: asyncio waits for the threads without a time limit
        }
        deliver(() -> {
          if (!done.done()) {
            done.setResult(null);
          }
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        deliver(() -> {
          if (!done.done()) {
            done.setException(e);
          }
        });
      }
    }, "jloop-executor-shutdown");
    waiter.setDaemon(true);
    waiter.start();
    return done;
  }

  /** On loop close: shut the default executor down without waiting, as asyncio does. */
  synchronized void closeNoWait() {
    shutdownCalled = true;
    if (defaultExecutor != null) {
      defaultExecutor.shutdown();
    }
  }
}
