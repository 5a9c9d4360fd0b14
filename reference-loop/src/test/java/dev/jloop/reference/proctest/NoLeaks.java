package dev.jloop.reference.proctest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves descriptors or pump threads behind: compares the process's
 * open sockets, pipes and anonymous inodes (epoll, eventfd) in {@code /proc/self/fd} before
 * and after the class, and checks that no {@code jloop-pipe-*} thread is still alive. Regular
 * files are left out: the JVM opens jars and other files lazily as classes load. Both checks
 * wait up to 10 s for things that end asynchronously (a child's exit, a pump's last read).
 */
public final class NoLeaks implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeaks.class);

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    warmUp();
    context.getStore(NS).put("fds", descriptors());
  }

  /**
   * The JDK opens one process-wide socket the first time a DatagramChannel is opened, and keeps
   * it; open (and close) each kind of channel once so that it is in the baseline.
   */
  private static void warmUp() throws IOException {
    DatagramChannel.open().close();
    SocketChannel.open().close();
    Pipe p = Pipe.open();
    p.source().close();
    p.sink().close();
    Selector.open().close();
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    @SuppressWarnings("unchecked")
    Map<String, Integer> before = (Map<String, Integer>) context.getStore(NS).get("fds");
    long deadline = System.nanoTime() + 10_000_000_000L;
    Map<String, Integer> after = descriptors();
    List<String> threads = pumpThreads();
    while ((!noMoreThan(after, before) || !threads.isEmpty()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      after = descriptors();
      threads = pumpThreads();
    }
    if (!noMoreThan(after, before)) {
      fail(context.getDisplayName() + " leaked descriptors: before " + before + ", after " + after);
    }
    if (!threads.isEmpty()) {
      fail(context.getDisplayName() + " left pump threads running: " + threads);
    }
  }

  private static boolean noMoreThan(Map<String, Integer> after, Map<String, Integer> before) {
    for (Map.Entry<String, Integer> e : after.entrySet()) {
      if (e.getValue() > before.getOrDefault(e.getKey(), 0)) {
        return false;
      }
    }
    return true;
  }

  /** Open sockets, pipes and anonymous inodes of this process, counted by kind. */
  public static Map<String, Integer> descriptors() {
    Map<String, Integer> kinds = new TreeMap<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException gone) {
          continue; // the directory stream's own descriptor, or one closed meanwhile
        }
        int colon = target.indexOf(':');
        if (colon > 0 && !target.startsWith("/")) {
          String kind = target.startsWith("anon_inode:") ? target.replaceAll("\\[\\d+]", "")
              : target.substring(0, colon);
          kinds.merge(kind, 1, Integer::sum);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc/self/fd", e);
    }
    return kinds;
  }

  /** Names of live threads that pump subprocess pipes. */
  public static List<String> pumpThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("jloop-pipe-")) {
        names.add(t.getName());
      }
    }
    return names;
  }
}
