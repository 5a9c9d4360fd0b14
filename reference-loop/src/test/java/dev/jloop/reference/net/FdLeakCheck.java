package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves sockets, pipes or selectors open: compares the process's
 * descriptors ({@code /proc/self/fd}) before and after the class. Only sockets, pipes and
 * anonymous inodes (epoll, eventfd) count: jar files the class loader opens on first use are
 * not leaks. Closing is given a few seconds to finish (a channel registered with a selector is
 * really closed at that selector's next select). Skipped where {@code /proc} is missing.
 */
public final class FdLeakCheck implements BeforeAllCallback, AfterAllCallback {
  private static final Path FD_DIR = Path.of("/proc/self/fd");
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FdLeakCheck.class);

  /** The descriptors that count, by number, with what they point to. */
  static Map<String, String> ioDescriptors() {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(FD_DIR)) {
      return out;
    }
    try (Stream<Path> s = Files.list(FD_DIR)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        try {
          String target = Files.readSymbolicLink(p).toString();
          if (target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:")) {
            out.put(p.getFileName().toString(), target);
          }
        } catch (IOException gone) {
          // closed while we listed it
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    warmUp();
    context.getStore(NS).put("before", ioDescriptors());
  }

  /**
   * The JDK keeps descriptors of its own open for good: a socket from the first channel it
   * opens (a probe in {@code sun.nio.ch.Net}), and the epoll instances of its virtual-thread
   * I/O pollers, started the first time a virtual thread blocks on a socket (task bodies do, on
   * the virtual-thread coroutine backend). Start them all so that the baseline includes them.
   */
  private static void warmUp() throws IOException {
    try (java.nio.channels.ServerSocketChannel srv = java.nio.channels.ServerSocketChannel.open()) {
      srv.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      Thread reader = Thread.ofVirtual().start(() -> {
        try (java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(srv.getLocalAddress())) {
          c.read(java.nio.ByteBuffer.allocate(1)); // parks on the poller until the byte comes
        } catch (IOException ignored) {
          // only the poller's start-up matters here
        }
      });
      try (java.nio.channels.SocketChannel s = srv.accept()) {
        Thread.sleep(50);
        s.write(java.nio.ByteBuffer.wrap(new byte[1]));
        reader.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (java.nio.channels.Selector sel = java.nio.channels.Selector.open();
         java.nio.channels.ServerSocketChannel tcp = java.nio.channels.ServerSocketChannel.open();
         java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open();
         java.nio.channels.ServerSocketChannel unix =
             java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      tcp.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      sel.wakeup();
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void afterAll(ExtensionContext context) throws InterruptedException {
    Map<String, String> before = (Map<String, String>) context.getStore(NS).get("before");
    List<String> leaked = new ArrayList<>();
    for (int attempt = 0; attempt < 100; attempt++) {
      leaked.clear();
      ioDescriptors().forEach((fd, target) -> {
        if (!target.equals(before.get(fd))) {
          leaked.add(fd + " -> " + target);
        }
      });
      if (leaked.isEmpty()) {
        return;
      }
      Thread.sleep(50);
    }
    fail(context.getDisplayName() + " leaked " + leaked.size() + " descriptor(s): " + leaked);
  }
}
