package dev.jloop.fuzz.model;

import org.apiguardian.api.API;

/**
 * The scheduling rules the {@link AsyncioModel} checks a trace against, each one sentence. When
 * a trace breaks several, the first in this order names the failure, so shrinking keeps chasing
 * the same bug.
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum Rule {
  /** asyncio: Handle.cancel; test_events...test_call_soon + cancelled handles are skipped by _run_once. */
  CANCELLED_NEVER_RUN("handles.cancelled-never-run", Level.REQUIRED,
      "A handle cancelled before it ran never runs."),
  /** asyncio: call_soon_threadsafe; every callback runs in _run_once on the loop thread. */
  LOOP_THREAD("threads.loop-thread", Level.REQUIRED,
      "Every callback, call_soon_threadsafe ones included, runs on the thread running the loop."),
  /** asyncio: run_in_executor hands the job to a concurrent.futures executor. */
  EXECUTOR_THREAD("executor.worker-thread", Level.REQUIRED,
      "A run_in_executor job runs on another thread and its result is delivered on the loop after the job ran."),
  /** asyncio: _run_once runs only the callbacks ready when the pass began (ntodo). */
  NEXT_PASS("callbacks.next-pass", Level.REQUIRED,
      "A callback or task step scheduled during a pass runs in a later pass, never inside the call that scheduled it."),
  /** asyncio: Future.add_done_callback / _schedule_callbacks use call_soon. */
  DONE_CALLBACKS("futures.done-callbacks", Level.REQUIRED,
      "Done callbacks run after their future completed, in a later pass, never synchronously, in registration order."),
  /**
   * asyncio: call_soon appends to the _ready deque. Checked after the rules whose breach also
   * reorders callbacks (a callback run inline runs before those queued earlier).
   */
  CALLBACK_FIFO("callbacks.fifo", Level.REQUIRED,
      "Callbacks queued with call_soon, done callbacks included, run in the order they were queued."),
  /** asyncio: _run_once pops timers with when < time() + clock_resolution. */
  TIMER_NOT_EARLY("timers.never-early", Level.REQUIRED,
      "A timer never runs before its deadline, within the clock resolution."),
  /** asyncio: the timer heap is ordered by TimerHandle.when. */
  TIMER_ORDER("timers.deadline-order", Level.REQUIRED,
      "Timers whose deadlines differ by more than the clock resolution run in deadline order."),
  /** jloop: TimerHandle.sequence breaks ties; CPython's heap does not keep them in order. */
  TIMER_EQUAL_FIFO("timers.equal-deadline-fifo", Level.STRICT,
      "Timers with equal deadlines run in the order they were scheduled."),
  /** asyncio: Task.cancel throws CancelledError into the coroutine at its await. */
  TASK_CANCEL("tasks.cancel-at-await", Level.REQUIRED,
      "A task whose cancel() returned true gets CancelledException at its next suspending await, or never starts, and ends cancelled."),
  /** asyncio: Future.__await__ returns result() once done. */
  AWAIT_OUTCOME("tasks.await-outcome", Level.REQUIRED,
      "An await resumes after the awaited future is done and returns its result or raises its exception or CancelledException."),
  /** asyncio: sleep(0) is a bare yield; sleep(d) is call_later(d, ...). */
  SLEEP("tasks.sleep", Level.REQUIRED,
      "sleep(d) resumes no earlier than d seconds later and sleep(0) resumes in a later pass."),
  /**
   * asyncio: stop() sets _stopping, checked after each _run_once; uvloop's stop() queues its
   * _stop with call_soon, so one more batch of callbacks may run.
   */
  STOP("lifecycle.stop", Level.REQUIRED,
      "After stop(), run_forever returns within a pass or two, and only a stop() call in it or in the run before makes it return."),
  /**
   * asyncio docs (stop): the current batch runs, callbacks it schedules wait for the next
   * run_forever, and run_forever resets the stop when it returns. uvloop runs one more batch
   * and may carry a stop() over to the next run_forever.
   */
  STOP_CURRENT_PASS("lifecycle.stop-current-pass", Level.STRICT,
      "After stop(), callbacks queued after it wait for the next run_forever, and a stop() never ends a later run_forever."),
  /** Every callback scheduled and not cancelled runs: the ready queue and the heap lose nothing. */
  EXACTLY_ONCE("callbacks.exactly-once", Level.REQUIRED,
      "Every scheduled callback that is not cancelled runs exactly once."),
  /**
   * asyncio: each _run_once moves the timers due by time() + clock_resolution to the ready
   * queue; libuv runs due timers at the start of each iteration. A loop that drains its ready
   * queue until empty starves timers and breaks this. After exactly-once: a timer that never
   * runs breaks both, and "never ran" is the plainer report.
   */
  TIMER_PROMPT("timers.prompt", Level.REQUIRED,
      "A timer runs at most two passes after the loop's clock passed its deadline."),
  /** asyncio: call_soon_threadsafe wakes the selector. */
  RESPONSIVE("loop.responsive", Level.REQUIRED,
      "The loop keeps running: a call_soon_threadsafe callback from another thread runs within the hang timeout."),
  /** Nothing in a generated program is an error. */
  NO_ERRORS("errors.none", Level.REQUIRED,
      "No loop call of a valid program raises and the loop's exception handler is not called.");

  private final String id;
  private final Level level;
  private final String sentence;

  Rule(String id, Level level, String sentence) {
    this.id = id;
    this.level = level;
    this.sentence = sentence;
  }

  /** The rule's stable id, {@code area.slug} like a TCK scenario id. */
  public String id() {
    return id;
  }

  /** Its level. */
  public Level level() {
    return level;
  }

  /** The rule in one sentence. */
  public String sentence() {
    return sentence;
  }
}
