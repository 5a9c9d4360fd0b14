package dev.jloop.fuzz.internal;

import dev.jloop.EventLoop;
import dev.jloop.fuzz.program.Program;
import dev.jloop.fuzz.trace.Trace;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Runs programs on fresh loops from a factory, one at a time, each on a dedicated loop thread,
 * and watches it from the calling thread.
 *
 * <p>The watchdog never judges by elapsed time alone. When nothing was recorded for a while,
 * no worker or job is in flight and every timer is due, it sends a probe through
 * {@code callSoonThreadsafe} that runs three passes later: a correct loop has run everything due
 * by then. Two probes in a row without progress abort the run as stalled (the model then names
 * the callbacks that never ran). A probe that does not run within the hang timeout means the loop
 * no longer responds: the run is abandoned, and so is its thread if it does not come back.
 *
 * <p>Close the runner to stop its threads; a thread abandoned in a hung loop cannot be stopped
 * and is reported by {@link #abandonedThreads()}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ProgramRunner implements AutoCloseable {
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final AtomicInteger RUNNERS = new AtomicInteger();

  private final String loopId;
  private final Supplier<EventLoop> loops;
  private final double clockResolution;
  private final Duration hangTimeout;
  private final Duration programTimeout;
  private final int runner = RUNNERS.incrementAndGet();
  private final ExecutorService workers;
  private ExecutorService loopThread;
  private int abandoned;

  /**
   * A runner for the loops {@code loops} makes.
   *
   * @param loopId the loop's id, for traces
   * @param clockResolution the loop clock's resolution, for traces
   * @param hangTimeout how long a probe may take before the loop counts as hung
   * @param programTimeout how long one program may run in all
   */
  public ProgramRunner(String loopId, Supplier<EventLoop> loops, double clockResolution,
      Duration hangTimeout, Duration programTimeout) {
    this.loopId = Objects.requireNonNull(loopId, "loopId");
    this.loops = Objects.requireNonNull(loops, "loops");
    this.clockResolution = clockResolution;
    this.hangTimeout = Objects.requireNonNull(hangTimeout, "hangTimeout");
    this.programTimeout = Objects.requireNonNull(programTimeout, "programTimeout");
    this.workers = Executors.newCachedThreadPool(threads("worker"));
    this.loopThread = Executors.newSingleThreadExecutor(threads("loop"));
  }

  private ThreadFactory threads(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "jloop-fuzz-" + runner + "-" + role + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Runs {@code program} on a new loop and returns what it recorded.
   *
   * @throws IllegalArgumentException if the program is not valid
   * @throws UnsupportedOperationException if the loop lacks a method the program needs (the
   *     loop's own exception, thrown on the loop thread)
   */
  public Trace run(Program program) {
    Objects.requireNonNull(program, "program");
    if (!program.valid()) {
      throw new IllegalArgumentException("invalid program (awaits outside a task or duplicate ids): " + program);
    }
    EventLoop loop = Objects.requireNonNull(loops.get(), "the loop factory returned null");
    Interpreter in = new Interpreter(loop, program, workers);
    Future<?> job = loopThread.submit(in::run);
    watch(in, job);
    if (in.unsupported() != null) {
      throw in.unsupported();
    }
    return new Trace(loopId, clockResolution, in.events());
  }

  private void watch(Interpreter in, Future<?> job) {
    long start = System.nanoTime();
    long lastChange = start;
    int lastProgress = -1;
    int idleProbes = 0;
    while (true) {
      try {
        job.get(10, TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        // still running: watch on
      } catch (ExecutionException e) {
        // An Error escaped the loop (a stack overflow from callbacks run inline, say).
        in.crashed(e.getCause());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        giveUp(in, job, "interrupted");
        return;
      }
      long now = System.nanoTime();
      if (now - start > programTimeout.toNanos()) {
        giveUp(in, job, "timeout");
        return;
      }
      int progress = in.progress();
      if (progress != lastProgress) {
        lastProgress = progress;
        lastChange = now;
        idleProbes = 0;
        continue;
      }
      if (now - lastChange < QUIET_NANOS || !in.waitingOnLoop()) {
        continue;
      }
      Boolean progressed = probe(in, job, progress, idleProbes >= 1);
      if (progressed == null) {
        giveUp(in, job, "hung");
        return;
      }
      idleProbes = progressed ? 0 : idleProbes + 1;
      lastChange = System.nanoTime();
    }
  }

  /**
   * True if there was progress (or the run ended meanwhile: a probe queued just before the loop
   * closed never runs), false if not, null if the probe did not run in time.
   */
  private Boolean probe(Interpreter in, Future<?> job, int seen, boolean abortIfNone) {
    CountDownLatch ran = new CountDownLatch(1);
    AtomicBoolean progressed = new AtomicBoolean();
    try {
      in.probe(seen, abortIfNone, p -> {
        progressed.set(p);
        ran.countDown();
      });
    } catch (RuntimeException loopClosedMeanwhile) {
      return true;
    }
    long deadline = System.nanoTime() + hangTimeout.toNanos();
    try {
      while (!ran.await(10, TimeUnit.MILLISECONDS)) {
        if (job.isDone()) {
          return true;
        }
        if (System.nanoTime() - deadline > 0) {
          return null;
        }
      }
      return progressed.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void giveUp(Interpreter in, Future<?> job, String reason) {
    in.abandon(reason);
    try {
      job.get(hangTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | InterruptedException | ExecutionException e) {
      // Left blocked, not interrupted: an interrupted selector would spin.
      job.cancel(false);
      loopThread.shutdown();
      loopThread = Executors.newSingleThreadExecutor(threads("loop"));
      abandoned++;
    }
  }

  /** Loop threads left behind in loops that never returned. */
  public int abandonedThreads() {
    return abandoned;
  }

  /** Stops the runner's threads, waiting up to a second for each pool. */
  @Override
  public void close() {
    loopThread.shutdownNow();
    workers.shutdownNow();
    try {
      loopThread.awaitTermination(1, TimeUnit.SECONDS);
      workers.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
