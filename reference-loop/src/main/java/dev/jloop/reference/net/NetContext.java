package dev.jloop.reference.net;

import dev.jloop.ExceptionContext;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.SelectorIoHandler;
import dev.jloop.spi.RunningLoop;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;

/**
 * What the networking classes of one loop share: the loop, its selector, and one direct I/O
 * buffer (reads and writes are synchronous on the loop thread, so one buffer serves every
 * transport).
 * Loop thread only.
 */
final class NetContext {
  /** asyncio's {@code max_size}: the most bytes one read hands to a protocol. */
  static final int MAX_READ = 256 * 1024;
  /** asyncio's {@code LOG_THRESHOLD_FOR_CONNLOST_WRITES}. */
  static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;
  /** asyncio's {@code ACCEPT_RETRY_DELAY}, seconds. */
  static final double ACCEPT_RETRY_DELAY = 1.0;

  static final System.Logger LOG = System.getLogger("dev.jloop.net");

  final SelectorEventLoop loop;
  final Selector selector;
  private ByteBuffer ioBuffer;

  NetContext(SelectorEventLoop loop) {
    this.loop = loop;
    if (!(loop.ioHandler() instanceof SelectorIoHandler sel)) {
      throw new UnsupportedOperationException(
          "networking needs a SelectorIoHandler, this loop runs on " + loop.ioHandler());
    }
    this.selector = sel.selector();
  }

  /**
   * The loop's one direct I/O buffer, cleared: a read lands here and is copied out before any
   * callback runs, and a write of an array is copied in here just before the system call (NIO
   * would copy a heap buffer into a temporary direct one anyway). Neither use outlives the
   * method that makes it, so one buffer serves both. Valid until the caller next calls out of
   * the transport.
   */
  ByteBuffer ioBuffer() {
    if (ioBuffer == null) {
      ioBuffer = ByteBuffer.allocateDirect(MAX_READ);
    }
    return ioBuffer.clear();
  }

  /**
   * The checks every public entry point makes: the loop is open and, in debug mode, the
   * caller is the loop's thread (asyncio's {@code _check_closed} and {@code _check_thread}).
   */
  void check() {
    if (loop.isClosed()) {
      throw new IllegalStateException("Event loop is closed");
    }
    if (loop.isDebug() && loop.isRunning() && RunningLoop.get() != loop) {
      throw new IllegalStateException(
          "Non-thread-safe operation invoked on an event loop other than the current one");
    }
  }

  /** Reports an error that has nowhere else to go. */
  void report(String message, Throwable exc, Object transport, Object protocol) {
    ExceptionContext.Builder b = ExceptionContext.builder(message).exception(exc);
    if (transport != null) {
      b.put(ExceptionContext.TRANSPORT, transport);
    }
    if (protocol != null) {
      b.put(ExceptionContext.PROTOCOL, protocol);
    }
    loop.callExceptionHandler(b.build());
  }

  /** Whether {@code t} must propagate rather than be reported (the JVM is in trouble). */
  static boolean isFatal(Throwable t) {
    return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
  }
}
