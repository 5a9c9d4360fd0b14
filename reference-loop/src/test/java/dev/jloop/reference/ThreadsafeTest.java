package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * call_soon_threadsafe and the "release the GIL around the poll" rule: other threads reach a
 * loop that is blocked in its poll, and the loop holds no lock they could need.
 */
class ThreadsafeTest {
  private final RecordingIoHandler io = new RecordingIoHandler();
  private final SelectorEventLoop loop = new SelectorEventLoop(io);

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private void awaitBlockingPoll() throws InterruptedException {
    assertTrue(io.blockingPolls.tryAcquire(LoopThread.PATIENCE_MS, TimeUnit.MILLISECONDS),
        "the loop never started a blocking poll");
  }

  @Test
  void callSoonThreadsafeWakesALoopBlockedWithNothingScheduled() throws Exception {
    LoopThread lt = LoopThread.start(loop);
    awaitBlockingPoll();
    assertEquals(-1L, io.timeouts.get(io.timeouts.size() - 1), "expected a poll without timeout");
    Thread.sleep(50); // let it reach the system call
    Thread[] ranOn = new Thread[1];
    loop.callSoonThreadsafe(() -> {
      ranOn[0] = Thread.currentThread();
      loop.stop();
    });
    lt.join();
    assertNull(lt.failure());
    assertSame(lt.thread(), ranOn[0]);
  }

  @Test
  void callSoonThreadsafeWakesALoopWaitingForAFarTimer() throws Exception {
    loop.callLater(3600, () -> {});
    LoopThread lt = LoopThread.start(loop);
    awaitBlockingPoll();
    Thread.sleep(50);
    loop.callSoonThreadsafe(loop::stop);
    lt.join(); // a missed wake-up would leave it in the poll for an hour
    assertNull(lt.failure());
  }

  @Test
  void manyThreadsTimesManyCallsAllRunExactlyOnceOnTheLoopThread() throws Exception {
    int threads = 8;
    int calls = 5_000;
    AtomicIntegerArray runs = new AtomicIntegerArray(threads * calls);
    AtomicInteger offLoop = new AtomicInteger();
    int[] total = {0}; // loop thread only
    CountDownLatch allRan = new CountDownLatch(1);
    LoopThread lt = LoopThread.start(loop);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * calls;
      producers.add(Thread.ofPlatform().name("producer-" + t).start(() -> {
        for (int i = 0; i < calls; i++) {
          int slot = base + i;
          loop.callSoonThreadsafe(() -> {
            runs.incrementAndGet(slot);
            if (Thread.currentThread() != lt.thread()) {
              offLoop.incrementAndGet();
            }
            if (++total[0] == threads * calls) {
              allRan.countDown();
            }
          });
        }
      }));
    }
    for (Thread p : producers) {
      p.join();
    }
    assertTrue(allRan.await(LoopThread.PATIENCE_MS, TimeUnit.MILLISECONDS),
        "not every callback ran: " + total[0] + " of " + threads * calls);
    lt.stopAndJoin();
    assertNull(lt.failure());
    assertEquals(0, offLoop.get(), "callbacks ran off the loop thread");
    for (int i = 0; i < runs.length(); i++) {
      assertEquals(1, runs.get(i), "callback " + i + " ran " + runs.get(i) + " times");
    }
  }

  @Test
  void callbacksFromOneThreadKeepTheirOrder() throws Exception {
    List<Integer> order = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    LoopThread lt = LoopThread.start(loop);
    try {
      Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 10_000; i++) {
          int n = i;
          loop.callSoonThreadsafe(() -> order.add(n));
        }
        loop.callSoonThreadsafe(done::countDown);
      });
      assertTrue(done.await(LoopThread.PATIENCE_MS, TimeUnit.MILLISECONDS));
    } finally {
      lt.stopAndJoin();
    }
    for (int i = 0; i < 10_000; i++) {
      assertEquals(i, order.get(i));
    }
  }

  @Test
  void theLoopHoldsNoLockWhilePolling() throws Exception {
    loop.callLater(0.01, () -> {});
    loop.runUntilComplete(loop.runInExecutor(null, () -> "warm the executor up"));
    loop.callSoon(loop::stop);
    loop.runForever();
    // The first pass of each run polls; others may skip a non-blocking poll (PollSkipping).
    assertTrue(io.timeouts.size() >= 2, "polls: " + io.timeouts);
    assertEquals(List.of(), io.locksHeldWhilePolling);
  }

  /** An executor job calls back into the loop while the loop blocks in its poll. */
  @Test
  void executorJobCanCallBackIntoABlockedLoop() throws Exception {
    CountDownLatch reached = new CountDownLatch(1);
    var result = new Object() { String value; };
    LoopThread lt = LoopThread.start(loop);
    loop.callSoonThreadsafe(() -> {
      io.blockingPolls.drainPermits(); // wait for a poll that starts after this pass
      var f = loop.runInExecutor(null, () -> {
        awaitBlockingPoll(); // the loop is now waiting with nothing ready
        Thread.sleep(50);
        loop.callSoonThreadsafe(() -> result.value = "called back");
        assertTrue(loop.isRunning());
        loop.time();
        return "job done";
      });
      f.addDoneCallback(done -> {
        reached.countDown();
        loop.stop();
      });
    });
    assertTrue(reached.await(LoopThread.PATIENCE_MS, TimeUnit.MILLISECONDS), "deadlock: the job never finished");
    lt.join();
    assertNull(lt.failure());
    assertEquals("called back", result.value);
  }
}
