package dev.jloop;

import dev.jloop.reference.SelectorEventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh {@link SelectorEventLoop} per test, whose exception handler records every report in
 * {@link #reported} instead of logging it.
 */
abstract class LoopTestBase {
  /** Generous bound for waits on other threads and on the garbage collector. */
  static final double PATIENCE_SECONDS = 20;

  SelectorEventLoop loop;
  final List<ExceptionContext> reported = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void openLoop() {
    loop = new SelectorEventLoop();
    loop.setExceptionHandler((l, context) -> reported.add(context));
  }

  @AfterEach
  void closeLoop() {
    if (!loop.isClosed()) {
      loop.close();
    }
  }

  /** Runs {@code body} as a task until it is done and returns its result. */
  <T> T run(Coroutine<T> body) {
    return loop.runUntilComplete(body);
  }

  /** Runs exactly one pass of the loop: the callbacks ready now. */
  void runOnePass() {
    loop.callSoon(loop::stop);
    loop.runForever();
  }

  /**
   * Runs the loop until {@code condition} holds, calling {@code eachStep} and sleeping
   * {@code step} seconds between checks, for at most {@code limit} seconds; returns whether
   * the condition held.
   */
  boolean runUntil(BooleanSupplier condition, double step, Runnable eachStep, double limit) {
    return run(() -> {
      double deadline = loop.time() + limit;
      while (!condition.getAsBoolean() && loop.time() < deadline) {
        eachStep.run();
        Async.sleep(step);
      }
      return condition.getAsBoolean();
    });
  }

  /** Sets {@code error} on a new future and drops it without retrieving the exception. */
  void dropUnretrieved(Throwable error) {
    Future<Object> f = loop.createFuture();
    f.setException(error);
  }

  /**
   * Collects garbage between loop passes until the exception handler got a report of
   * {@code error}, for at most {@link #PATIENCE_SECONDS}; returns whether it did.
   */
  boolean awaitReportOf(Throwable error) {
    return runUntil(() -> reportOf(error) != null, 0.02, System::gc, PATIENCE_SECONDS);
  }

  /** The first report of {@code error} the exception handler got, or {@code null}. */
  ExceptionContext reportOf(Throwable error) {
    synchronized (reported) {
      return reported.stream().filter(c -> c.exception() == error).findFirst().orElse(null);
    }
  }

  /** The future a task suspends on forever unless it is cancelled. */
  Future<Void> never() {
    return loop.createFuture();
  }
}
