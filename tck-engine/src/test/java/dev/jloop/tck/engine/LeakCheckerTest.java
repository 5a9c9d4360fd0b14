package dev.jloop.tck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** What counts as left behind: new descriptors, new non-daemon or jloop-* threads; not the engine's own. */
class LeakCheckerTest {
  private final LeakChecker leaks = new LeakChecker();

  @Test
  void newNonDaemonAndJloopThreadsAreLeaksButOtherDaemonsAndOwnThreadsAreNot() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LeakChecker.Snapshot before = leaks.snapshot();
    Thread plain = start(new Thread(() -> await(release), "plain-worker"), false);
    Thread named = start(new Thread(() -> await(release), "jloop-helper"), true);
    Thread daemon = start(new Thread(() -> await(release), "some-daemon"), true);
    Thread own = start(leaks.own(new Thread(() -> await(release), "jloop-tck-own")), true);
    try {
      LeakChecker.Report r = leaks.check(before);
      assertEquals(List.of("jloop-helper", "plain-worker (non-daemon)"), r.threads().stream().sorted().toList());
      assertTrue(r.describe().contains("2 stray threads"), r.describe());
    } finally {
      release.countDown();
      for (Thread t : List.of(plain, named, daemon, own)) {
        t.join();
      }
    }
    assertTrue(leaks.awaitClean(before, 1000).clean(), "threads that ended are not leaks");
  }

  @Test
  void descriptorsOpenedAndNotClosedAreLeaks() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd");
    LeakChecker.Snapshot before = leaks.snapshot();
    Pipe pipe = Pipe.open();
    LeakChecker.Report open = leaks.check(before);
    assertEquals(2, open.fds().size(), open.describe());
    assertTrue(open.fds().stream().allMatch(fd -> fd.contains("pipe:[")), open.describe());
    pipe.source().close();
    pipe.sink().close();
    assertTrue(leaks.awaitClean(before, 1000).clean());
  }

  private static Thread start(Thread t, boolean daemon) {
    t.setDaemon(daemon);
    t.start();
    return t;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
