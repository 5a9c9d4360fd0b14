package dev.jloop.tck.mutants;

import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.TimerHandle;
import dev.jloop.reference.IoHandler;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.SelectorIoHandler;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Mutants of the loop's dealings with other threads: wake-ups, executors, debug checks. */
public final class ThreadMutants {
  private ThreadMutants() {}

  /** A multiplexer that waits like the real one, but whose wake-up may be broken and polls may spin. */
  private static final class TamperedIo implements IoHandler {
    private final SelectorIoHandler real = new SelectorIoHandler();
    private final boolean wakeups;
    private final boolean spin;

    TamperedIo(boolean wakeups, boolean spin) {
      this.wakeups = wakeups;
      this.spin = spin;
    }

    @Override
    public int poll(long timeoutNanos) throws IOException {
      return real.poll(spin ? 0 : timeoutNanos);
    }

    @Override
    public void wakeup() {
      if (wakeups) {
        real.wakeup();
      }
    }

    @Override
    public void close() {
      real.close();
    }
  }

  /** call_soon_threadsafe never wakes the selector. */
  public static final class NoWakeup extends MutantProvider {
    public NoWakeup() {
      super("no-wakeup", () -> new SelectorEventLoop(new TamperedIo(false, false)));
    }
  }

  /** The loop never blocks: it polls without waiting, spinning the CPU. */
  public static final class Spinning extends MutantProvider {
    public Spinning() {
      super("spinning", () -> new SelectorEventLoop(new TamperedIo(true, true)));
    }
  }

  /** run_in_executor runs the job right away on the calling (loop) thread. */
  public static final class InlineExecutor extends MutantProvider {
    public InlineExecutor() {
      super("inline-executor", () -> new SelectorEventLoop() {
        @Override
        public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
          Future<T> f = createFuture();
          try {
            f.setResult(fn.call());
          } catch (Throwable t) {
            f.setException(t);
          }
          return f;
        }
      });
    }
  }

  /** run_in_executor sets the result on the worker thread instead of handing it to the loop. */
  public static final class ResultOnWorker extends MutantProvider {
    public ResultOnWorker() {
      super("result-on-worker", ResultOnWorkerLoop::new);
    }
  }

  static final class ResultOnWorkerLoop extends SelectorEventLoop {
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "mutant-worker");
      t.setDaemon(true);
      return t;
    });

    @Override
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
      Future<T> f = createFuture();
      (executor != null ? executor : pool).execute(() -> {
        try {
          f.setResult(fn.call());
        } catch (Throwable t) {
          f.setException(t);
        }
      });
      return f;
    }

    @Override
    public void close() {
      super.close();
      pool.shutdownNow();
    }
  }

  /** shutdown_default_executor returns a future that never completes. */
  public static final class NeverShutdown extends MutantProvider {
    public NeverShutdown() {
      super("never-shutdown", () -> new SelectorEventLoop() {
        @Override
        public Future<Void> shutdownDefaultExecutor() {
          return createFuture();
        }
      });
    }
  }

  /** call_soon_threadsafe runs the callback on the calling thread. */
  public static final class ThreadsafeOnCaller extends MutantProvider {
    public ThreadsafeOnCaller() {
      super("threadsafe-on-caller", () -> new SelectorEventLoop() {
        @Override
        public Handle callSoonThreadsafe(Runnable callback) {
          Handle h = new Handle(this, callback);
          h.run();
          return h;
        }
      });
    }
  }

  /** Debug mode never checks the calling thread. */
  public static final class NoDebugCheck extends MutantProvider {
    public NoDebugCheck() {
      super("no-debug-check", NoDebugCheckLoop::new);
    }
  }

  static final class NoDebugCheckLoop extends SelectorEventLoop {
    @Override
    public Handle callSoon(Runnable callback) {
      return withoutDebug(() -> super.callSoon(callback));
    }

    @Override
    public TimerHandle callAt(double when, Runnable callback) {
      return withoutDebug(() -> super.callAt(when, callback));
    }

    private synchronized <T> T withoutDebug(Supplier<T> call) {
      boolean debug = isDebug();
      setDebug(false);
      try {
        return call.get();
      } finally {
        setDebug(debug);
      }
    }
  }
}
