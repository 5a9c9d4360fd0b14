package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An exception set on a future and never retrieved is reported to the exception handler once the
 * future is collected, as asyncio's {@code Future.__del__} does (test_futures.py,
 * {@code test_tb_logger_exception_unretrieved} and friends). The tests drop the future in a
 * helper method, then call {@code System.gc()} between loop passes until the report arrives.
 */
class FutureUnretrievedExceptionTest extends LoopTestBase {

  @Test
  void futureExceptionNeverRetrievedIsReportedWithAsyncioContextKeys() {
    IOException lost = new IOException("lost");
    dropUnretrieved(lost);
    assertTrue(awaitReportOf(lost), "no report of the unretrieved exception after repeated GCs");
    ExceptionContext ctx = reportOf(lost);
    assertNotNull(ctx.message());
    assertSame(lost, ctx.exception());
    assertNotNull(ctx.get(ExceptionContext.FUTURE), "context lacks the 'future' key: " + ctx);
  }

  @Test
  void taskExceptionNeverRetrievedIsReported() {
    IOException lost = new IOException("task failed");
    failTaskAndDrop(lost);
    assertTrue(awaitReportOf(lost), "no report of the task's unretrieved exception");
    assertNotNull(reportOf(lost).get(ExceptionContext.FUTURE));
  }

  @Test
  void retrievedExceptionsAndCancelCallsOnDoneFuturesSilenceTheReport() {
    IOException retrieved = new IOException("retrieved");
    IOException resultCalled = new IOException("result() called");
    IOException cancelled = new IOException("cancel() after done");
    IOException lost = new IOException("lost");
    dropAfter(retrieved, f -> f.exception());
    dropAfter(resultCalled, f -> {
      try {
        f.result();
      } catch (Exception expected) {
        // retrieved
      }
    });
    // asyncio's Future.cancel() clears __log_traceback even when it returns False.
    dropAfter(cancelled, f -> assertFalse(f.cancel()));
    IOException taskCancelled = new IOException("task.cancel() after done");
    failTaskThen(taskCancelled, t -> assertFalse(t.cancel()));
    dropUnretrieved(lost);
    assertTrue(awaitReportOf(lost));
    // A few more collections give the other futures every chance to be reported wrongly.
    runUntil(() -> false, 0.01, System::gc, 0.2);
    List<Throwable> errors = reported.stream().map(ExceptionContext::exception).toList();
    assertFalse(errors.contains(retrieved), "reported although exception() was called");
    assertFalse(errors.contains(resultCalled), "reported although result() was called");
    assertFalse(errors.contains(cancelled), "reported although cancel() was called");
    assertFalse(errors.contains(taskCancelled), "reported although Task.cancel() was called");
    assertEquals(1, errors.stream().filter(e -> e == lost).count(), "reported more than once");
  }

  private void dropAfter(Throwable error, java.util.function.Consumer<Future<Object>> action) {
    Future<Object> f = loop.createFuture();
    f.setException(error);
    action.accept(f);
  }

  private void failTaskAndDrop(Exception error) {
    failTaskThen(error, t -> assertTrue(t.done()));
  }

  private void failTaskThen(Exception error, java.util.function.Consumer<Task<Object>> action) {
    Task<Object> t = loop.createTask(() -> {
      throw error;
    });
    runOnePass();
    action.accept(t);
  }

}
