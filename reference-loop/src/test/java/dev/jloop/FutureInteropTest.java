package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Future#toCompletableFuture()} and {@link Async#wrapFuture}: both directions, with
 * results, exceptions and cancellation (asyncio's {@code wrap_future} /
 * {@code _chain_future} behaviour, test_futures.py {@code test_wrap_future*}).
 */
class FutureInteropTest extends LoopTestBase {

  @Test
  void toCompletableFutureCompletesOnTheLoopThreadInALaterPass() throws Exception {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    AtomicReference<Thread> completedOn = new AtomicReference<>();
    cf.whenComplete((v, e) -> completedOn.set(Thread.currentThread()));
    f.setResult("v");
    assertFalse(cf.isDone(), "completed synchronously inside setResult()");
    runOnePass();
    assertEquals("v", cf.get());
    assertSame(Thread.currentThread(), completedOn.get(), "not completed on the loop thread");
  }

  @Test
  void toCompletableFutureCarriesTheSameException() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    IOException error = new IOException("x");
    f.setException(error);
    runOnePass();
    assertSame(error, assertThrows(ExecutionException.class, cf::get).getCause());
  }

  @Test
  void cancellingTheFutureCancelsTheCompletableFuture() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    f.cancel();
    runOnePass();
    assertTrue(cf.isCancelled());
  }

  @Test
  void cancellingTheCompletableFutureFromAnotherThreadCancelsTheFuture() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    assertThrows(CancelledException.class, () -> run(() -> {
      Thread canceller = new Thread(() -> cf.cancel(false), "canceller");
      canceller.start();
      return Async.await(f);
    }));
    assertTrue(f.cancelled());
    assertTrue(cf.isCancelled());
  }

  @Test
  void wrapFutureDeliversAResultFromAnotherThreadOnTheLoopThread() {
    CompletableFuture<String> source = new CompletableFuture<>();
    Thread loopThread = Thread.currentThread();
    AtomicReference<Thread> doneOn = new AtomicReference<>();
    String result = run(() -> {
      Future<String> w = Async.wrapFuture(source);
      assertSame(loop, w.getLoop());
      w.addDoneCallback(d -> doneOn.set(Thread.currentThread()));
      new Thread(() -> source.complete("from thread"), "completer").start();
      return Async.await(w);
    });
    assertEquals("from thread", result);
    assertSame(loopThread, doneOn.get(), "wrapper completed off the loop thread");
  }

  @Test
  void wrapFutureUnwrapsCompletionExceptions() {
    IOException cause = new IOException("io");
    CompletableFuture<String> source = new CompletableFuture<>();
    source.completeExceptionally(new CompletionException(cause));
    Future<String> w = Async.wrapFuture(source, loop);
    assertFalse(w.done(), "wrapper completed synchronously");
    runOnePass();
    assertSame(cause, w.exception());
  }

  @Test
  void wrapFutureCancelsTheWrapperWhenTheSourceIsCancelled() {
    CompletableFuture<String> source = new CompletableFuture<>();
    Future<String> w = Async.wrapFuture(source, loop);
    source.cancel(false);
    runOnePass();
    assertTrue(w.cancelled());
  }

  @Test
  void cancellingTheWrapperCancelsTheSource() {
    CompletableFuture<String> source = new CompletableFuture<>();
    Future<String> w = Async.wrapFuture(source, loop);
    w.cancel();
    runOnePass();
    assertTrue(source.isCancelled());
  }

  @Test
  void wrapFutureChecksItsArguments() {
    CompletableFuture<String> source = new CompletableFuture<>();
    assertThrows(NullPointerException.class, () -> Async.wrapFuture(null, loop));
    assertThrows(NullPointerException.class, () -> Async.wrapFuture(source, null));
    assertThrows(IllegalStateException.class, () -> Async.wrapFuture(source), "no running loop");
  }
}
