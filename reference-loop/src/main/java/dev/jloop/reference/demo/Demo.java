package dev.jloop.reference.demo;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.Task;
import dev.jloop.reference.SelectorEventLoop;

/** The README's first examples, run end to end on the reference loop. */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    try (EventLoop loop = new SelectorEventLoop()) {
      long t0 = System.nanoTime();
      String out = loop.runUntilComplete(() -> {
        Task<String> a = loop.createTask(() -> { Async.sleep(0.05); return "a"; });
        Task<String> b = loop.createTask(() -> { Async.sleep(0.02); return "b"; });
        Future<Integer> sum = loop.runInExecutor(null, () -> 20 + 22);
        return Async.await(a) + Async.await(b) + Async.await(sum);
      });
      System.out.printf("jloop demo: tasks and executor -> %s in %.1f ms (backend %s)%n",
          out, (System.nanoTime() - t0) / 1e6,
          dev.jloop.internal.coro.CoroutineBackends.get().name());
      loop.callLater(0.01, () -> System.out.println("jloop demo: timer fired at loop time "
          + String.format("%.3f", loop.time())));
      loop.callLater(0.02, loop::stop);
      loop.runForever();
    }
  }
}
