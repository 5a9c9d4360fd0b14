package dev.jloop.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.reference.SelectorEventLoop;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * User guide, "Blocking code and other threads" (asyncio-eventloop: run_in_executor,
 * call_soon_threadsafe; asyncio-future: wrap_future).
 */
class ExecutorsGuideTest {
  @Test
  void runInExecutorKeepsTheLoopFree() throws Exception {
    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest("jloop".getBytes(StandardCharsets.UTF_8)));
    // tag::executor[]
    String hex = Async.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      // Blocking or CPU-heavy work goes to the default executor (a thread pool) ...
      Future<byte[]> digest = loop.runInExecutor(null, () ->
          MessageDigest.getInstance("SHA-256").digest("jloop".getBytes(StandardCharsets.UTF_8)));
      // ... and its result comes back on the loop thread.
      return HexFormat.of().formatHex(Async.await(digest));
    }, SelectorEventLoop::new);
    // end::executor[]
    assertEquals(expected, hex);
  }

  @Test
  void ownExecutor() throws Exception {
    String out = Stdout.capture(() -> {
      // tag::own-executor[]
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        String where = Async.run(() -> {
          Future<String> job = Async.getRunningLoop().runInExecutor(pool,
              () -> Thread.currentThread().getName());
          return Async.await(job);
        }, SelectorEventLoop::new);
        System.out.println(where);                  // pool-N-thread-M
      } finally {
        pool.shutdown();
      }
      // end::own-executor[]
    });
    assertTrue(out.matches("pool-\\d+-thread-\\d+\n"), out);
  }

  @Test
  void callSoonThreadsafeFromAnotherThread() throws Exception {
    String out = Stdout.capture(() -> {
      // tag::threadsafe[]
      try (EventLoop loop = new SelectorEventLoop()) {
        Future<String> answer = loop.createFuture();
        Thread worker = new Thread(() -> {
          String value = "computed on " + Thread.currentThread().getName();
          // A Future is not thread-safe: complete it on the loop thread.
          loop.callSoonThreadsafe(() -> answer.setResult(value));
        }, "worker-1");
        worker.start();
        System.out.println(loop.runUntilComplete(answer));
        worker.join();
      }
      // end::threadsafe[]
    });
    assertEquals("computed on worker-1\n", out);
  }

  @Test
  void completableFuturesBothWays() throws Exception {
    // tag::completable-future[]
    String text = Async.run(() -> {
      CompletableFuture<String> elsewhere = CompletableFuture.supplyAsync(() -> "from the common pool");
      return Async.await(Async.wrapFuture(elsewhere));   // asyncio's wrap_future
    }, SelectorEventLoop::new);
    // end::completable-future[]
    assertEquals("from the common pool", text);
  }
}
