package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.CancelledException;
import dev.jloop.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** run_in_executor, set_default_executor, shutdown_default_executor. */
class ExecutorTest {
  /** Records the thread each future is completed on. */
  private final List<Thread> completedOn = new CopyOnWriteArrayList<>();
  private final SelectorEventLoop loop = new SelectorEventLoop() {
    @Override
    public <T> Future<T> createFuture() {
      return new Future<>(this) {
        @Override
        public void setResult(T value) {
          completedOn.add(Thread.currentThread());
          super.setResult(value);
        }

        @Override
        public void setException(Throwable error) {
          completedOn.add(Thread.currentThread());
          super.setException(error);
        }
      };
    }
  };
  private final List<ExecutorService> ownExecutors = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    loop.close();
    ownExecutors.forEach(ExecutorService::shutdownNow);
  }

  private ExecutorService singleThread(String name) {
    ExecutorService e = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
    ownExecutors.add(e);
    return e;
  }

  @Test
  void resultReachesTheFutureOnTheLoopThread() {
    String[] jobThread = new String[1];
    String r = loop.runUntilComplete(loop.runInExecutor(null, () -> {
      jobThread[0] = Thread.currentThread().getName();
      return "result";
    }));
    assertEquals("result", r);
    assertTrue(jobThread[0].startsWith("jloop-executor-"), "job ran on " + jobThread[0]);
    assertEquals(List.of(Thread.currentThread()), completedOn);
  }

  /** asyncio's default is concurrent.futures.ThreadPoolExecutor(): min(32, cpu_count + 4) workers. */
  @Test
  void defaultExecutorIsSizedLikeAsyncios() throws Exception {
    int expected = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    assertEquals(expected, ExecutorSupport.defaultPoolSize());
    // all `expected` jobs must run at the same time for the barrier to open
    CyclicBarrier barrier = new CyclicBarrier(expected);
    List<Future<Integer>> jobs = new ArrayList<>();
    for (int i = 0; i < expected; i++) {
      jobs.add(loop.runInExecutor(null, () -> barrier.await(LoopThread.PATIENCE_MS, TimeUnit.MILLISECONDS)));
    }
    for (Future<Integer> f : jobs) {
      loop.runUntilComplete(f);
    }
    ThreadPoolExecutor pool = (ThreadPoolExecutor) loop.defaultExecutorIfAny();
    assertEquals(expected, pool.getMaximumPoolSize());
    assertEquals(expected, pool.getLargestPoolSize());
  }

  @Test
  void exceptionsOfTheJobPropagate() {
    IOException boom = new IOException("boom");
    Future<Object> f = loop.runInExecutor(null, () -> {
      throw boom;
    });
    assertSame(boom, assertThrows(IOException.class, () -> loop.runUntilComplete(f)));
    assertSame(boom, f.exception());
    assertEquals(List.of(Thread.currentThread()), completedOn);
  }

  /** asyncio's wrap_future cancels the concurrent future when the asyncio future is cancelled. */
  @Test
  void cancellingTheFutureCancelsAJobThatHasNotStarted() throws Exception {
    ExecutorService executor = singleThread("custom-single");
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean secondRan = new AtomicBoolean();
    Future<Object> first = loop.runInExecutor(executor, () -> release.await(LoopThread.PATIENCE_MS, TimeUnit.MILLISECONDS));
    Future<Object> second = loop.runInExecutor(executor, () -> secondRan.getAndSet(true));
    assertTrue(second.cancel("not needed"));
    loop.callSoon(release::countDown); // after the cancel has reached the job (done callbacks run first)
    loop.runUntilComplete(first);
    // the executor is FIFO: once a later job ran, the cancelled one had its turn
    assertEquals("after", loop.runUntilComplete(loop.runInExecutor(executor, () -> "after")));
    assertFalse(secondRan.get(), "the cancelled job ran");
    assertThrows(CancelledException.class, second::result);
  }

  @Test
  void cancelAlsoReachesJobsOnAPlainExecutor() throws Exception {
    ExecutorService backing = singleThread("plain");
    java.util.concurrent.Executor plain = backing::execute; // not an ExecutorService
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean secondRan = new AtomicBoolean();
    Future<Object> first = loop.runInExecutor(plain, () -> release.await(LoopThread.PATIENCE_MS, TimeUnit.MILLISECONDS));
    Future<Object> second = loop.runInExecutor(plain, () -> secondRan.getAndSet(true));
    second.cancel();
    loop.callSoon(release::countDown);
    loop.runUntilComplete(first);
    loop.runUntilComplete(loop.runInExecutor(plain, () -> "after"));
    assertFalse(secondRan.get());
  }

  @Test
  void customExecutorRunsTheJob() {
    ExecutorService executor = singleThread("custom-pool");
    assertEquals("custom-pool",
        loop.runUntilComplete(loop.runInExecutor(executor, () -> Thread.currentThread().getName())));
    assertEquals(null, loop.defaultExecutorIfAny(), "a custom executor must not create the default one");
  }

  @Test
  void setDefaultExecutorIsUsedForNull() {
    ExecutorService executor = singleThread("my-default");
    loop.setDefaultExecutor(executor);
    assertEquals("my-default",
        loop.runUntilComplete(loop.runInExecutor(null, () -> Thread.currentThread().getName())));
  }

  @Test
  void shutdownDefaultExecutorCompletesAfterRunningJobsFinish() {
    CountDownLatch release = new CountDownLatch(1);
    Future<String> job = loop.runInExecutor(null, () -> {
      release.await(LoopThread.PATIENCE_MS, TimeUnit.MILLISECONDS);
      return "finished";
    });
    ExecutorService executor = loop.defaultExecutorIfAny();
    Future<Void> shutdown = loop.shutdownDefaultExecutor();
    boolean[] completedBeforeRelease = {false};
    shutdown.addDoneCallback(f -> completedBeforeRelease[0] = release.getCount() > 0);
    loop.callLater(0.05, release::countDown);
    loop.runUntilComplete(shutdown);
    assertFalse(completedBeforeRelease[0], "shutdown completed while a job was still running");
    assertTrue(executor.isTerminated());
    assertTrue(job.done(), "the job's result must reach the loop before the shutdown completes");
    assertEquals("finished", job.result());
  }

  @Test
  void shutdownDefaultExecutorWithoutOneCompletesAtOnce() {
    Future<Void> shutdown = loop.shutdownDefaultExecutor();
    assertTrue(shutdown.done());
    assertEquals(null, shutdown.result());
  }

  /** asyncio's _check_default_executor: only run_in_executor(None, ...) is refused after shutdown. */
  @Test
  void runInExecutorAfterShutdownFailsForTheDefaultExecutorOnly() {
    loop.runUntilComplete(loop.shutdownDefaultExecutor());
    assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 1));
    ExecutorService executor = singleThread("still-fine");
    assertEquals(2, loop.runUntilComplete(loop.runInExecutor(executor, () -> 2)));
  }

  @Test
  void aRejectingExecutorIsReportedAsIllegalState() {
    ExecutorService executor = singleThread("down");
    executor.shutdown();
    assertThrows(IllegalStateException.class, () -> loop.runInExecutor(executor, () -> 1));
  }
}
