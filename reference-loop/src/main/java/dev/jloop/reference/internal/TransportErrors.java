package dev.jloop.reference.internal;

import dev.jloop.EventLoop;
import dev.jloop.ExceptionContext;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.BaseTransport;

/** What asyncio's transports share for errors: the fatal-error report and the write warnings. */
public final class TransportErrors {
  /** asyncio's {@code constants.LOG_THRESHOLD_FOR_CONNLOST_WRITES}. */
  public static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

  private static final System.Logger LOG = System.getLogger("dev.jloop");

  private TransportErrors() {}

  /** Reports {@code exc} to the loop's exception handler with the transport's keys. */
  public static void report(EventLoop loop, String message, Throwable exc, BaseTransport transport,
      BaseProtocol protocol) {
    ExceptionContext.Builder b = ExceptionContext.builder(message)
        .exception(exc)
        .put(ExceptionContext.TRANSPORT, transport);
    if (protocol != null) {
      b.put(ExceptionContext.PROTOCOL, protocol);
    }
    loop.callExceptionHandler(b.build());
  }

  /**
   * Counts a write on a transport that lost its connection and logs a warning when the count
   * reaches asyncio's threshold, once. Returns the new count.
   */
  public static int writeAfterLoss(int count, String what) {
    int n = count + 1;
    if (n == LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
      LOG.log(System.Logger.Level.WARNING, what);
    }
    return n;
  }

  /** Rethrows errors the JVM cannot recover from, as {@link dev.jloop.Handle#run()} does. */
  public static void rethrowFatal(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
  }
}
