package dev.jloop.fuzz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.fuzz.trace.Kind;
import dev.jloop.fuzz.trace.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule catches a hand-made trace that breaks it, and lets a correct one pass. */
class AsyncioModelTest {
  private static final AsyncioModel STRICT = new AsyncioModel(Level.STRICT);
  private static final AsyncioModel REQUIRED = new AsyncioModel(Level.REQUIRED);

  private static Rule firstRule(AsyncioModel model, TraceBuilder t) {
    List<Violation> vs = model.check(t.build());
    assertTrue(!vs.isEmpty(), "expected a violation in\n" + t.build().dump());
    return vs.get(0).rule();
  }

  private static void passes(AsyncioModel model, TraceBuilder t) {
    Trace trace = t.build();
    assertEquals(List.of(), model.check(trace), trace.dump());
  }

  /** Two call_soon callbacks run in queue order, each in a later pass: asyncio's _ready deque. */
  private static TraceBuilder fifoProgram(int first, int second) {
    return new TraceBuilder().mark().run(0).soon(1).soon(2).mark().run(first).run(second).finish();
  }

  @Test
  void callSoonInOrderPasses() {
    passes(STRICT, fifoProgram(1, 2));
  }

  @Test
  void callSoonOutOfOrderBreaksFifo() {
    assertEquals(Rule.CALLBACK_FIFO, firstRule(STRICT, fifoProgram(2, 1)));
  }

  @Test
  void callbackRunInsideItsSchedulerBreaksNextPass() {
    TraceBuilder t = new TraceBuilder().mark().run(0).soon(1).runInline(1).finish();
    assertEquals(Rule.NEXT_PASS, firstRule(STRICT, t));
  }

  @Test
  void callbackRunInTheSamePassBreaksNextPass() {
    TraceBuilder t = new TraceBuilder().mark().run(0).soon(1).mark().run(1).soon(2).run(2).finish();
    assertEquals(Rule.NEXT_PASS, firstRule(STRICT, t));
  }

  @Test
  void cancelledHandleThatRunsIsCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).soon(1).cancel(1, "pending").mark().run(1).finish();
    assertEquals(Rule.CANCELLED_NEVER_RUN, firstRule(STRICT, t));
  }

  @Test
  void cancelledHandleThatDoesNotRunPasses() {
    passes(STRICT, new TraceBuilder().mark().run(0).soon(1).cancel(1, "pending").mark().finish());
  }

  @Test
  void callbackThatNeverRunsBreaksExactlyOnce() {
    TraceBuilder t = new TraceBuilder().mark().run(0).soon(1).mark().finish();
    assertEquals(Rule.EXACTLY_ONCE, firstRule(STRICT, t));
  }

  @Test
  void callbackThatRunsTwiceBreaksExactlyOnce() {
    TraceBuilder t = new TraceBuilder().mark().run(0).soon(1).mark().run(1).mark().run(1).finish();
    assertEquals(Rule.EXACTLY_ONCE, firstRule(STRICT, t));
  }

  @Test
  void threadsafeCallbackOnAWorkerBreaksLoopThread() {
    TraceBuilder t = new TraceBuilder().mark().run(0).threadsafeFromWorker(1).runOffLoop(1).finish();
    assertEquals(Rule.LOOP_THREAD, firstRule(STRICT, t));
  }

  @Test
  void executorJobOnTheLoopThreadIsCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).executor(1).job(1, true).mark().run(1).finish();
    assertEquals(Rule.EXECUTOR_THREAD, firstRule(STRICT, t));
  }

  @Test
  void executorResultBeforeTheJobIsCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).executor(1).mark().run(1).job(1, false).finish();
    assertEquals(Rule.EXECUTOR_THREAD, firstRule(STRICT, t));
  }

  @Test
  void timerBeforeItsDeadlineBreaksNeverEarly() {
    TraceBuilder t = new TraceBuilder().mark().run(0).later(1, 0.010).time(0.005).mark().run(1).finish();
    assertEquals(Rule.TIMER_NOT_EARLY, firstRule(STRICT, t));
  }

  @Test
  void timersOutOfDeadlineOrderAreCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).later(1, 0.010).later(2, 0.020)
        .time(0.030).mark().run(2).run(1).finish();
    assertEquals(Rule.TIMER_ORDER, firstRule(STRICT, t));
  }

  /** asyncio leaves the order of equal deadlines undefined (CPython's heap): STRICT only. */
  @Test
  void equalDeadlinesOutOfSchedulingOrderAreStrictOnly() {
    TraceBuilder t = new TraceBuilder().mark().run(0).at(1, 0.010).at(2, 0.010)
        .time(0.011).mark().run(2).run(1).finish();
    assertEquals(Rule.TIMER_EQUAL_FIFO, firstRule(STRICT, t));
    passes(REQUIRED, t);
  }

  @Test
  void timerStarvedForPassesBreaksPrompt() {
    TraceBuilder t = new TraceBuilder().mark().run(0).at(1, 0.001).soon(2).time(0.002)
        .mark().run(2).soon(3).mark().run(3).soon(4).mark().run(4).run(1).finish();
    assertEquals(Rule.TIMER_PROMPT, firstRule(STRICT, t));
  }

  @Test
  void doneCallbackRunSynchronouslyIsCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).future(1).onDone(1, 1, false)
        .complete(1, "result").runInline(1).finish();
    assertEquals(Rule.DONE_CALLBACKS, firstRule(STRICT, t));
  }

  @Test
  void doneCallbacksOutOfRegistrationOrderAreCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).future(1).onDone(1, 1, false).onDone(1, 2, false)
        .complete(1, "result").mark().run(2).run(1).finish();
    assertEquals(Rule.DONE_CALLBACKS, firstRule(STRICT, t));
  }

  @Test
  void doneCallbackBeforeCompletionIsCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).future(1).onDone(1, 1, false).mark().run(1)
        .complete(1, "result").finish();
    assertEquals(Rule.DONE_CALLBACKS, firstRule(STRICT, t));
  }

  /** asyncio: a cancelled task gets CancelledError thrown in at its await (test_tasks.test_cancel_yield). */
  @Test
  void cancelledTaskThatResumesNormallyIsCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).task(1).mark().begin(1).await(1, "sleep", -1, 0.001, true)
        .run(2).taskCancel(1, true).time(0.002).mark().resume(1, "none").end(1, "result")
        .finish().finalState(1, "result");
    assertEquals(Rule.TASK_CANCEL, firstRule(STRICT, t));
  }

  @Test
  void cancelledTaskThatSeesCancelledExceptionPasses() {
    passes(STRICT, new TraceBuilder().mark().run(0).task(1).mark().begin(1).await(1, "sleep", -1, 0.001, true)
        .run(2).taskCancel(1, true).time(0.002).mark().resume(1, "cancelled").end(1, "cancelled")
        .finish().finalState(1, "cancelled"));
  }

  @Test
  void taskCancelledBeforeItsFirstStepThatStartsIsCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).task(1).taskCancel(1, true).mark().begin(1)
        .end(1, "result").finish().finalState(1, "result");
    assertEquals(Rule.TASK_CANCEL, firstRule(STRICT, t));
  }

  @Test
  void awaitReturningSomethingElseIsCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).future(1).task(1).complete(1, "exception")
        .mark().begin(1).await(1, "future", 1, 0, false).resume(1, "result:f1").end(1, "result")
        .finish().finalState(1, "result");
    assertEquals(Rule.AWAIT_OUTCOME, firstRule(STRICT, t));
  }

  @Test
  void sleepEndingEarlyIsCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).task(1).mark().begin(1).await(1, "sleep", -1, 0.010, true)
        .time(0.004).mark().resume(1, "none").end(1, "result").finish().finalState(1, "result");
    assertEquals(Rule.SLEEP, firstRule(STRICT, t));
  }

  /** asyncio docs (stop): callbacks scheduled after stop() run at the next run_forever. uvloop runs them now. */
  @Test
  void callbackQueuedAfterStopRunningBeforeReturnIsStrictOnly() {
    TraceBuilder t = new TraceBuilder().mark().run(0).stop().soon(1).mark().run(1)
        .segment(0, "end").segment(1, "start").mark().finish();
    assertEquals(Rule.STOP_CURRENT_PASS, firstRule(STRICT, t));
    passes(REQUIRED, t);
  }

  @Test
  void runForeverReturningWithoutStopIsCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).segment(0, "end").segment(1, "start").finish();
    assertEquals(Rule.STOP, firstRule(REQUIRED, t));
  }

  @Test
  void passesAfterStopAreCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).stop().mark().mark().mark().finish();
    assertEquals(Rule.STOP, firstRule(REQUIRED, t));
  }

  @Test
  void errorsAndHandlerCallsAreCaught() {
    assertEquals(Rule.NO_ERRORS, firstRule(STRICT,
        new TraceBuilder().mark().run(0).event(Kind.HANDLER, -1, "Exception in callback").finish()));
  }

  @Test
  void hungLoopIsCaught() {
    TraceBuilder t = new TraceBuilder().mark().run(0).event(Kind.ABORT, -1, "hung");
    assertEquals(Rule.RESPONSIVE, firstRule(STRICT, t));
  }

  @Test
  void levelAndTraceAreChecked() {
    assertThrows(NullPointerException.class, () -> new AsyncioModel(null));
    assertThrows(NullPointerException.class, () -> STRICT.check(null));
    assertEquals(Level.STRICT, STRICT.level());
  }
}
