package dev.jloop.reference.proctest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
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
 * Fails a test class that leaves descriptors or pump threads behind.
 *
 * <p>Descriptors: every socket, pipe and anonymous inode (epoll, eventfd) in
 * {@code /proc/self/fd} after the class must have been open, as the same descriptor to the same
 * object, before it. Regular files are left out: the JVM opens jars and other files lazily as
 * classes load. Skipped where {@code /proc} is missing. Threads: no {@code jloop-pipe-*} thread
 * (a subprocess pipe's pump) may be alive after the class.
 *
 * <p>Both checks wait up to 10 s for what ends asynchronously (a child's exit, a pump's last
 * read, a channel registered with a selector, which is really closed at that selector's next
 * select).
 */
public final class NoLeaks implements BeforeAllCallback, AfterAllCallback {
  private static final Path FD_DIR = Path.of("/proc/self/fd");
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeaks.class);
  private static final long GRACE_NANOS = 10_000_000_000L;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    warmUp();
    context.getStore(NS).put("fds", descriptors());
  }

  /**
   * The JDK keeps descriptors of its own open for good: a socket from the first channel it
   * opens (a probe in {@code sun.nio.ch.Net}), and the epoll instances of its virtual-thread
   * I/O pollers, started the first time a virtual thread blocks on a socket (task bodies do, on
   * the virtual-thread coroutine backend). Start them all, and open (and close) each kind of
   * channel once, so that the baseline includes them.
   */
  private static void warmUp() throws IOException {
    try (ServerSocketChannel srv = ServerSocketChannel.open()) {
      srv.bind(new InetSocketAddress("127.0.0.1", 0));
      Thread reader = Thread.ofVirtual().start(() -> {
        try (SocketChannel c = SocketChannel.open(srv.getLocalAddress())) {
          c.read(ByteBuffer.allocate(1)); // parks on the poller until the byte comes
        } catch (IOException ignored) {
          // only the poller's start-up matters here
        }
      });
      try (SocketChannel s = srv.accept()) {
        Thread.sleep(50);
        s.write(ByteBuffer.wrap(new byte[1]));
        reader.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Selector sel = Selector.open();
         ServerSocketChannel tcp = ServerSocketChannel.open();
         SocketChannel client = SocketChannel.open();
         DatagramChannel udp = DatagramChannel.open();
         ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      tcp.bind(new InetSocketAddress("127.0.0.1", 0));
      sel.wakeup();
    }
    Pipe p = Pipe.open();
    p.source().close();
    p.sink().close();
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    @SuppressWarnings("unchecked")
    Map<String, String> before = (Map<String, String>) context.getStore(NS).get("fds");
    long deadline = System.nanoTime() + GRACE_NANOS;
    List<String> fds = newDescriptors(before);
    List<String> threads = pumpThreads();
    while ((!fds.isEmpty() || !threads.isEmpty()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      fds = newDescriptors(before);
      threads = pumpThreads();
    }
    if (!fds.isEmpty()) {
      fail(context.getDisplayName() + " leaked " + fds.size() + " descriptor(s): " + fds);
    }
    if (!threads.isEmpty()) {
      fail(context.getDisplayName() + " left pump threads running: " + threads);
    }
  }

  /** The descriptors open now that were not open, to the same object, in {@code before}. */
  private static List<String> newDescriptors(Map<String, String> before) {
    List<String> leaked = new ArrayList<>();
    descriptors().forEach((fd, target) -> {
      if (!target.equals(before.get(fd))) {
        leaked.add(fd + " -> " + target);
      }
    });
    return leaked;
  }

  /** This process's open sockets, pipes and anonymous inodes, by descriptor number. */
  private static Map<String, String> descriptors() {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(FD_DIR)) {
      return out;
    }
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException gone) {
          continue; // the directory stream's own descriptor, or one closed meanwhile
        }
        if (target.startsWith("socket:") || target.startsWith("pipe:")
            || target.startsWith("anon_inode:")) {
          out.put(fd.getFileName().toString(), target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + FD_DIR, e);
    }
    return out;
  }

  /** Names of live threads that pump subprocess pipes. */
  private static List<String> pumpThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("jloop-pipe-")) {
        names.add(t.getName());
      }
    }
    return names;
  }
}
