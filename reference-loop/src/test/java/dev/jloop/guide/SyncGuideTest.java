package dev.jloop.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Task;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.sync.Event;
import dev.jloop.sync.Lock;
import dev.jloop.sync.Queue;
import dev.jloop.sync.Semaphore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User guide, "Synchronization primitives" (asyncio-sync and asyncio-queue). */
class SyncGuideTest {
  @Test
  void lockMakesAReadModifyWriteAtomic() {
    // tag::lock[]
    int total = Async.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Lock lock = new Lock();
      int[] counter = {0};
      List<Task<Void>> workers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        workers.add(loop.createTask(() -> lock.withLock(() -> {
          int seen = counter[0];
          Async.sleep(0);                         // others run here, but none enters the lock
          counter[0] = seen + 1;
          return null;
        })));
      }
      Async.await(Async.gather(workers));
      return counter[0];
    }, SelectorEventLoop::new);
    // end::lock[]
    assertEquals(10, total);
  }

  @Test
  void eventWakesItsWaiters() throws Exception {
    String out = Stdout.capture(() -> {
      // tag::event[]
      Async.run(() -> {
        Event ready = new Event();
        Task<Void> waiter = Async.getRunningLoop().createTask(() -> {
          ready.await();                          // suspends until set()
          System.out.println("waiter: the event is set");
          return null;
        });
        Async.sleep(0.01);
        System.out.println("main: setting the event");
        ready.set();
        Async.await(waiter);
        return null;
      }, SelectorEventLoop::new);
      // end::event[]
    });
    assertEquals("main: setting the event\nwaiter: the event is set\n", out);
  }

  @Test
  void semaphoreBoundsConcurrency() {
    // tag::semaphore[]
    int peak = Async.run(() -> {
      EventLoop loop = Async.getRunningLoop();
      Semaphore slots = new Semaphore(2);         // at most two downloads at a time
      int[] running = {0, 0};                     // now, highest
      List<Task<Void>> downloads = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        downloads.add(loop.createTask(() -> slots.withPermit(() -> {
          running[1] = Math.max(running[1], ++running[0]);
          Async.sleep(0.01);
          running[0]--;
          return null;
        })));
      }
      Async.await(Async.gather(downloads));
      return running[1];
    }, SelectorEventLoop::new);
    // end::semaphore[]
    assertEquals(2, peak);
  }

  @Test
  void queueConnectsProducerAndConsumer() {
    // tag::queue[]
    List<Integer> consumed = Async.run(() -> {
      Queue<Integer> queue = new Queue<>(2);      // put() waits while two items are queued
      List<Integer> got = new ArrayList<>();
      Task<Void> consumer = Async.getRunningLoop().createTask(() -> {
        while (true) {
          got.add(queue.get());                   // get() waits while the queue is empty
          queue.taskDone();
        }
      });
      for (int i = 1; i <= 5; i++) {
        queue.put(i);
      }
      queue.join();                               // until every item was marked done
      consumer.cancel();
      return got;
    }, SelectorEventLoop::new);
    // end::queue[]
    assertEquals(List.of(1, 2, 3, 4, 5), consumed);
  }
}
