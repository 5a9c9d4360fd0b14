package dev.jloop.tck.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds what a scenario left behind: file descriptors opened and not closed (from
 * {@code /proc/self/fd}, on Linux) and threads started and still alive that are non-daemon or
 * named {@code jloop-*}.
 *
 * <p>A snapshot is taken before each scenario; after it, anything new counts, after a grace
 * period for asynchronous clean-up. Ignored: descriptors of jars, shared libraries, {@code /proc}
 * and {@code /dev/[u]random} (the JVM opens those lazily, once, for class loading and
 * {@code SecureRandom}), and the engine's own threads.
 */
final class LeakChecker {
  private static final Path FD_DIR = Path.of("/proc/self/fd");

  /** The descriptors and threads alive at one moment. */
  record Snapshot(Map<Integer, String> fds, Set<Thread> threads) {}

  /** What was left behind. */
  record Report(List<String> fds, List<String> threads) {
    boolean clean() {
      return fds.isEmpty() && threads.isEmpty();
    }

    String describe() {
      List<String> parts = new ArrayList<>();
      if (!fds.isEmpty()) {
        parts.add(fds.size() + " open file descriptor" + (fds.size() == 1 ? "" : "s") + " " + fds);
      }
      if (!threads.isEmpty()) {
        parts.add(threads.size() + " stray thread" + (threads.size() == 1 ? "" : "s") + " " + threads);
      }
      return String.join(" and ", parts);
    }
  }

  private final Set<Thread> engineThreads = ConcurrentHashMap.newKeySet();
  private final boolean fdsVisible = Files.isDirectory(FD_DIR);

  /** Marks a thread the engine itself started; never counted as a leak. */
  Thread own(Thread t) {
    engineThreads.add(t);
    return t;
  }

  Snapshot snapshot() {
    return new Snapshot(fds(), new HashSet<>(liveThreads()));
  }

  /** What is new since {@code before}, waiting up to {@code graceMillis} for it to go away. */
  Report awaitClean(Snapshot before, long graceMillis) throws InterruptedException {
    long deadline = System.nanoTime() + graceMillis * 1_000_000;
    Report r = check(before);
    while (!r.clean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
      r = check(before);
    }
    return r;
  }

  Report check(Snapshot before) {
    List<String> fds = new ArrayList<>();
    for (Map.Entry<Integer, String> e : fds().entrySet()) {
      if (!e.getValue().equals(before.fds().get(e.getKey()))) {
        fds.add(e.getKey() + " -> " + e.getValue());
      }
    }
    List<String> threads = new ArrayList<>();
    for (Thread t : liveThreads()) {
      if (!before.threads().contains(t) && !engineThreads.contains(t)
          && (!t.isDaemon() || t.getName().startsWith("jloop-"))) {
        threads.add(t.getName() + (t.isDaemon() ? "" : " (non-daemon)"));
      }
    }
    return new Report(fds, threads);
  }

  private Map<Integer, String> fds() {
    Map<Integer, String> out = new TreeMap<>();
    if (!fdsVisible) {
      return out;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(FD_DIR)) {
      for (Path p : dir) {
        String target;
        try {
          target = Files.readSymbolicLink(p).toString();
        } catch (IOException | UnsupportedOperationException closedMeanwhile) {
          continue;
        }
        if (!ignored(target)) {
          out.put(Integer.parseInt(p.getFileName().toString()), target);
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  private static boolean ignored(String target) {
    return target.startsWith("/proc/") || target.endsWith(".jar") || target.endsWith(".zip")
        || target.endsWith(".jmod") || target.endsWith(".so") || target.endsWith("/lib/modules")
        || target.equals("/dev/random") || target.equals("/dev/urandom");
  }

  private static List<Thread> liveThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] all = new Thread[root.activeCount() + 16];
    int n;
    while ((n = root.enumerate(all, true)) == all.length) {
      all = new Thread[all.length * 2];
    }
    return Arrays.asList(Arrays.copyOf(all, n));
  }
}
