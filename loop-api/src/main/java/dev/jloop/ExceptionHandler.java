package dev.jloop;

import org.apiguardian.api.API;

/**
 * A loop's exception handler, as set by {@link EventLoop#setExceptionHandler}: asyncio's
 * {@code handler(loop, context)}.
 *
 * <p>Called on the loop thread (or, for an exception nobody retrieved, scheduled onto it).
 * An exception it throws is logged by the loop's default handler and never stops the loop.
 */
@API(status = API.Status.STABLE, since = "0.1")
@FunctionalInterface
public interface ExceptionHandler {
  /** Handles one error report; {@code context} is never {@code null}. */
  void handle(EventLoop loop, ExceptionContext context);
}
