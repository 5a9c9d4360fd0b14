package dev.jloop.tck.engine;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.Task;
import dev.jloop.io.Protocol;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.Transport;
import dev.jloop.spi.LoopProvider;
import java.net.InetSocketAddress;

/**
 * Before a loop's scenarios: checks that the provider can create a loop at all (if not, the
 * loop is an ERROR and its scenarios do not run), and warms the loop up once, so that threads a
 * loop implementation starts once per JVM (a {@link java.lang.ref.Cleaner}, a shared timer) are
 * not mistaken for a leak of whichever scenario happened to start them. Warm-up failures are
 * ignored: the scenarios report them with names.
 */
final class LoopProbe {
  /** What the probe found: the error creating a loop, or {@code null}; the coroutine backend. */
  record Result(Throwable creationError, String coroutineBackend) {}

  private LoopProbe() {}

  static Result run(LoopProvider provider, String loopId, TckConfig config, LeakChecker leaks)
      throws InterruptedException {
    Throwable[] creation = new Throwable[1];
    String[] backend = new String[1];
    boolean[] created = new boolean[1];
    Thread t = leaks.own(new Thread(() -> {
      EventLoop loop;
      try {
        loop = provider.newLoop();
        if (loop == null) {
          throw new NullPointerException("newLoop() returned null");
        }
      } catch (Throwable e) {
        creation[0] = e;
        return;
      }
      created[0] = true;
      try {
        backend[0] = warmUp(loop);
      } catch (Throwable ignored) {
        // a scenario will name it
      } finally {
        try {
          loop.close();
        } catch (Throwable ignored) {
          // a scenario will name it
        }
      }
    }, "jloop-tck-probe-" + loopId));
    t.setDaemon(true);
    t.start();
    t.join(config.millis(10.0));
    if (t.isAlive() && !created[0]) {
      t.interrupt();
      return new Result(new ScenarioError("newLoop() did not return within "
          + config.millis(10.0) + " ms", null), null);
    }
    return new Result(creation[0], backend[0]);
  }

  private static String warmUp(EventLoop loop) {
    Task<String> task = loop.createTask(() -> {
      Future<Object> f = loop.createFuture();
      f.setException(new IllegalStateException("jloop-tck warm-up"));
      f.exception();
      Async.sleep(0);
      Async.await(loop.runInExecutor(null, () -> 1));
      warmUpNetworking(loop);
      return Async.currentTask().backendName();
    });
    return loop.runUntilComplete(task);
  }

  /**
   * One loopback connection closed and one aborted: the JDK opens some descriptors once per JVM
   * on such paths (NIO's pre-close socket, for one), which must not count against a scenario.
   */
  private static void warmUpNetworking(EventLoop loop) {
    try {
      Server server = Async.await(loop.createServer(() -> new Protocol() { }, ServerOptions.of("127.0.0.1", 0)));
      try {
        int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
        Transport closed = Async.await(loop.createConnection(() -> new Protocol() { }, "127.0.0.1", port)).transport();
        Transport aborted = Async.await(loop.createConnection(() -> new Protocol() { }, "127.0.0.1", port)).transport();
        closed.write(new byte[1]);
        closed.close();
        aborted.write(new byte[1]);
        aborted.abort();
        Async.sleep(0.01);
      } finally {
        server.close();
        Async.await(server.waitClosed());
      }
    } catch (Exception notImplementedOrBroken) {
      // the networking scenarios will name it
    }
  }
}
