package dev.jloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The shared {@link Future}: state, callbacks, errors. Mirrors CPython's test_futures.py. */
class FutureTest extends LoopTestBase {

  @Test
  void newFutureIsPendingAndKnowsItsLoop() {
    Future<String> f = loop.createFuture();
    assertFalse(f.done());
    assertFalse(f.cancelled());
    assertSame(loop, f.getLoop());
    assertThrows(NullPointerException.class, () -> new Future<>(null));
  }

  @Test
  void resultAndExceptionOfPendingFutureThrowInvalidState() {
    Future<String> f = loop.createFuture();
    assertThrows(InvalidStateException.class, f::result);
    assertThrows(InvalidStateException.class, f::exception);
  }

  @Test
  void resultIsReturnedAndExceptionIsNull() {
    Future<String> f = loop.createFuture();
    f.setResult("x");
    assertTrue(f.done());
    assertEquals("x", f.result());
    assertNull(f.exception());
  }

  @Test
  void exceptionIsRethrownAsTheSameObjectEvenWhenChecked() {
    Future<String> f = loop.createFuture();
    IOException error = new IOException("disk");
    f.setException(error);
    assertSame(error, f.exception());
    Throwable thrown = assertThrows(IOException.class, f::result);
    assertSame(error, thrown);
  }

  @Test
  void completingADoneFutureThrowsInvalidState() {
    Future<String> f = loop.createFuture();
    f.setResult("first");
    assertThrows(InvalidStateException.class, () -> f.setResult("second"));
    assertThrows(InvalidStateException.class, () -> f.setException(new RuntimeException()));
    assertEquals("first", f.result());
    assertFalse(f.cancel(), "cancel() of a done future");
    assertFalse(f.cancelled());
  }

  @Test
  void setExceptionRejectsNull() {
    Future<String> f = loop.createFuture();
    assertThrows(NullPointerException.class, () -> f.setException(null));
    assertFalse(f.done());
  }

  @Test
  void cancelCarriesItsMessageToResultAndException() {
    Future<String> f = loop.createFuture();
    assertTrue(f.cancel("enough"));
    assertTrue(f.cancelled());
    assertTrue(f.done());
    assertEquals("enough", assertThrows(CancelledException.class, f::result).getMessage());
    assertEquals("enough", assertThrows(CancelledException.class, f::exception).getMessage());
    assertFalse(f.cancel("again"));
    assertThrows(InvalidStateException.class, () -> f.setResult("late"));
  }

  @Test
  void cancelWithoutMessageHasNullMessage() {
    Future<String> f = loop.createFuture();
    f.cancel();
    assertNull(assertThrows(CancelledException.class, f::result).getMessage());
  }

  @Test
  void doneCallbacksAreScheduledWithCallSoonNeverRunSynchronously() {
    List<String> log = new ArrayList<>();
    Future<String> f = loop.createFuture();
    f.addDoneCallback(done -> log.add("cb:" + done.result()));
    f.setResult("v");
    assertEquals(List.of(), log, "callback ran inside setResult()");
    loop.callSoon(() -> log.add("scheduled after setResult"));
    runOnePass();
    assertEquals(List.of("cb:v", "scheduled after setResult"), log);

    f.addDoneCallback(done -> log.add("late"));
    assertEquals(2, log.size(), "callback added to a done future ran synchronously");
    runOnePass();
    assertEquals("late", log.get(2));
  }

  @Test
  void doneCallbacksRunInRegistrationOrderWithTheFuture() {
    List<Object> log = new ArrayList<>();
    Future<Integer> f = loop.createFuture();
    for (int i = 0; i < 5; i++) {
      int n = i;
      f.addDoneCallback(done -> {
        log.add(n);
        log.add(done);
      });
    }
    f.cancel();
    runOnePass();
    assertEquals(List.of(0, f, 1, f, 2, f, 3, f, 4, f), log);
  }

  @Test
  void removeDoneCallbackRemovesEveryRegistrationAndCountsThem() {
    List<String> log = new ArrayList<>();
    Future<String> f = loop.createFuture();
    Consumer<Future<String>> a = done -> log.add("a");
    Consumer<Future<String>> b = done -> log.add("b");
    f.addDoneCallback(a);
    f.addDoneCallback(b);
    f.addDoneCallback(a);
    assertEquals(2, f.removeDoneCallback(a));
    assertEquals(0, f.removeDoneCallback(a));
    f.setResult("x");
    runOnePass();
    assertEquals(List.of("b"), log);
    assertEquals(0, f.removeDoneCallback(b), "callbacks are dropped once scheduled");
    assertThrows(NullPointerException.class, () -> f.addDoneCallback(null));
    assertThrows(NullPointerException.class, () -> f.removeDoneCallback(null));
  }

  @Test
  void singleRegisteredCallbackCanBeRemoved() {
    Future<String> f = loop.createFuture();
    Consumer<Future<String>> a = done -> { };
    f.addDoneCallback(a);
    assertEquals(1, f.removeDoneCallback(a));
    assertEquals(0, f.removeDoneCallback(a));
  }

  @Test
  void failingCallbackIsReportedAndOthersStillRun() {
    List<String> log = new ArrayList<>();
    Future<String> f = loop.createFuture();
    IllegalStateException boom = new IllegalStateException("boom");
    f.addDoneCallback(done -> {
      throw boom;
    });
    f.addDoneCallback(done -> log.add("second"));
    f.setResult("x");
    runOnePass();
    assertEquals(List.of("second"), log);
    assertEquals(1, reported.size());
    assertSame(boom, reported.get(0).exception());
    assertTrue(reported.get(0).get(ExceptionContext.HANDLE) instanceof Handle);
  }
}
