package dev.jloop.internal;

import dev.jloop.EventLoop;
import dev.jloop.ExceptionContext;
import java.lang.ref.Cleaner;

/**
 * Reports an exception that was set on a future and never retrieved, when the future becomes
 * unreachable: the JVM form of asyncio's {@code Future.__del__}. Holds no reference to the
 * future itself, only what the report needs.
 */
public final class UnretrievedException implements Runnable {
  private static final Cleaner CLEANER = Cleaner.create(r -> {
    Thread t = new Thread(r, "jloop-unretrieved-exceptions");
    t.setDaemon(true);
    return t;
  });
  private static final System.Logger LOG = System.getLogger("dev.jloop");

  private final EventLoop loop;
  private final Throwable exception;
  private final String message;
  private final String subject;
  private volatile boolean retrieved;
  private Cleaner.Cleanable cleanable;

  private UnretrievedException(EventLoop loop, Throwable exception, String message, String subject) {
    this.loop = loop;
    this.exception = exception;
    this.message = message;
    this.subject = subject;
  }

  /**
   * Starts watching {@code owner}; the report fires when it is collected unless
   * {@link #retrieved()} was called first.
   *
   * @param message e.g. "Future exception was never retrieved"
   * @param subject a description of the future (its toString at the time)
   */
  public static UnretrievedException watch(
      Object owner, EventLoop loop, Throwable exception, String message, String subject) {
    UnretrievedException u = new UnretrievedException(loop, exception, message, subject);
    u.cleanable = CLEANER.register(owner, u);
    return u;
  }

  /** The exception was retrieved (or the future cancelled): no report. */
  public void retrieved() {
    if (!retrieved) {
      retrieved = true;
      cleanable.clean();
    }
  }

  @Override
  public void run() {
    if (retrieved) {
      return;
    }
    retrieved = true;
    ExceptionContext ctx = ExceptionContext.builder(message)
        .exception(exception)
        .put(ExceptionContext.FUTURE, subject)
        .build();
    if (!loop.isClosed()) {
      try {
        loop.callSoonThreadsafe(() -> loop.callExceptionHandler(ctx));
        return;
      } catch (RuntimeException closedMeanwhile) {
        // fall through: log it here
      }
    }
    LOG.log(System.Logger.Level.ERROR, ctx.format(), exception);
  }
}
