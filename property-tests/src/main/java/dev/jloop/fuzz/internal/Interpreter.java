package dev.jloop.fuzz.internal;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.Task;
import dev.jloop.fuzz.program.Op;
import dev.jloop.fuzz.program.Program;
import dev.jloop.fuzz.trace.Event;
import dev.jloop.fuzz.trace.Kind;
import dev.jloop.spi.RunningLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one {@link Program} on one loop and records its {@link Event}s. The Python driver
 * ({@code jloop_fuzz_driver.py}) is the same interpreter for asyncio; keep the two in step.
 *
 * <p>How a run goes: the root ops are callback {@code cb0}, scheduled with {@code callSoon};
 * {@code runForever} runs until the program calls stop (then it runs again) or until nothing is
 * left to happen. "Nothing left" is counted, not timed: scheduled callbacks, done callbacks of
 * done futures, worker threads and executor jobs in flight, and tasks not blocked on a pending
 * future are live. When none is live but futures are still pending, the epilogue cancels them
 * (waking whoever awaits them); when none is live and no future is pending, the program is
 * over.
 *
 * <p>Passes are counted with a marker callback that re-schedules itself with {@code callSoon}
 * while the loop has work; the interpreter makes sure a marker is queued before it queues any
 * callback of its own, so in a FIFO loop a callback scheduled in pass p is recorded in a pass
 * greater than p. Confined to the loop thread, except the counters and callback states that
 * worker and executor threads touch.
 */
final class Interpreter {
  /** Where a program callback is in its life. */
  enum State { SCHEDULED, REGISTERED, CANCELLED, RAN, FAILED }

  final EventLoop loop;
  private final Program program;
  final Executor workers;
  private final Recorder rec = new Recorder();
  final Map<Integer, State> states = new ConcurrentHashMap<>();
  final Map<Integer, Handle> handles = new HashMap<>();
  final Map<Integer, Integer> doneOwner = new HashMap<>();
  final Map<Integer, Future<Object>> futures = new LinkedHashMap<>();
  final Set<Integer> seenDone = new HashSet<>();
  final Map<Integer, Task<Object>> tasks = new LinkedHashMap<>();
  private final Map<Integer, Future<?>> blockers = new HashMap<>();
  private final Set<Integer> onJobs = new HashSet<>();
  final AtomicInteger workersInFlight = new AtomicInteger();
  final AtomicInteger jobsInFlight = new AtomicInteger();
  private final Runnable marker = this::markerRun;
  private final CallbackOps callbackOps = new CallbackOps(this);
  private volatile Thread loopThread;
  double t0;
  private int pass;
  private int depth;
  private boolean markerPending;
  private boolean markerRunning;
  private boolean activity;
  boolean usedExecutor;
  boolean stopRequested;
  private volatile boolean finished;
  private volatile boolean aborted;
  /** The program is over; the driver records final states and shuts the executor down. */
  private volatile boolean winding;
  private volatile double maxDeadline;
  private volatile UnsupportedOperationException unsupported;

  Interpreter(EventLoop loop, Program program, Executor workers) {
    this.loop = loop;
    this.program = program;
    this.workers = workers;
  }

  // ---- the driver, on the loop thread ----

  /** Runs the program to its end (or until aborted), then closes the loop. */
  void run() {
    loopThread = Thread.currentThread();
    try {
      loop.setExceptionHandler((l, ctx) -> record(Kind.HANDLER, -1, -1, 0,
          ctx.message() + (ctx.exception() == null ? "" : ": " + ctx.exception()), false));
      t0 = loop.time();
      ensureMarker();
      states.put(0, State.SCHEDULED);
      record(Kind.SOON, 0, -1, 0, "", false);
      loop.callSoon(new Callback(0, program.ops()));
      int spurious = 0;
      for (int segment = 0; !finished && !aborted && spurious < 3; segment++) {
        stopRequested = false;
        record(Kind.SEGMENT, segment, -1, 0, "start", false);
        try {
          loop.runForever();
        } catch (RuntimeException e) {
          noteUnsupported(e);
          record(Kind.ERROR, -1, -1, 0, "run_forever: " + e, false);
          aborted = true;
        }
        record(Kind.SEGMENT, segment, -1, 0, "end", false);
        spurious += stopRequested ? 0 : 1;
      }
      winding = true;
      for (Map.Entry<Integer, Task<Object>> e : tasks.entrySet()) {
        record(Kind.FINAL, e.getKey(), -1, 0, outcome(e.getValue(), "pending"), false);
      }
      if (usedExecutor && !aborted) {
        shutDownExecutor();
      }
    } catch (RuntimeException e) {
      noteUnsupported(e);
      record(Kind.ERROR, -1, -1, 0, "driver: " + e, false);
    } finally {
      if (!loop.isRunning()) {
        loop.close();
      }
    }
  }

  /** Waits for the default executor to shut down; runs again if a stop() carried over ends a run early. */
  private void shutDownExecutor() {
    Future<Void> shutdown = loop.shutdownDefaultExecutor();
    for (int attempt = 0; attempt < 3 && !shutdown.done(); attempt++) {
      try {
        loop.runUntilComplete(shutdown);
      } catch (IllegalStateException stoppedEarly) {
        if (shutdown.done()) {
          throw stoppedEarly;
        }
      }
    }
  }

  // ---- what the watchdog reads and does ----

  List<Event> events() {
    return rec.snapshot();
  }

  int progress() {
    return rec.progress();
  }

  /** The first UnsupportedOperationException a loop call threw, or null. */
  UnsupportedOperationException unsupported() {
    return unsupported;
  }

  /**
   * Whether only the loop itself can make progress now: no thread at work, every timer due, or
   * the program finished but run_forever has not returned. False once the driver winds down
   * (waiting for the executor's threads is not the loop's business).
   */
  boolean waitingOnLoop() {
    return !winding && (finished || workersInFlight.get() == 0 && jobsInFlight.get() == 0
        && loop.time() > maxDeadline + 0.002);
  }

  /**
   * Three passes from now (scheduled from the watchdog's thread), checks for progress since
   * {@code seen}; if none and {@code abortIfNone}, aborts as stalled. Runs {@code after} last.
   */
  void probe(int seen, boolean abortIfNone, Consumer<Boolean> after) {
    loop.callSoonThreadsafe(() -> loop.callSoon(() -> loop.callSoon(() -> {
      if (!finished && !aborted) {
        syncFutures();
        afterStep();
      }
      boolean progressed = rec.progress() != seen || finished;
      if (!progressed && abortIfNone && !aborted) {
        record(Kind.ABORT, -1, -1, 0, "stalled", false);
        aborted = true;
        stopRequested = true;
        loop.stop();
      }
      after.accept(progressed);
    })));
  }

  /** Records, from the watchdog's thread, an error that ended the run on the loop thread. */
  void crashed(Throwable t) {
    aborted = true;
    record(Kind.ERROR, -1, -1, 0, "the run ended with " + t, false);
  }

  /** Gives up from the watchdog's thread: the loop does not respond. */
  void abandon(String reason) {
    record(Kind.ABORT, -1, -1, 0, reason, false);
    aborted = true;
    try {
      loop.callSoonThreadsafe(loop::stop);
    } catch (RuntimeException closedOrBroken) {
      // nothing more to try
    }
  }

  // ---- callbacks ----

  /** The loop-side form of program callback {@code id}. */
  Callback callback(int id, List<Op> body) {
    return new Callback(id, body);
  }

  /** A program callback: runs its body once, on the loop thread. */
  private final class Callback implements Runnable, Consumer<Future<Object>> {
    private final int id;
    private final List<Op> body;

    Callback(int id, List<Op> body) {
      this.id = id;
      this.body = body;
    }

    @Override
    public void run() {
      runCallback(id, body);
    }

    @Override
    public void accept(Future<Object> f) {
      runCallback(id, body);
    }

    @Override
    public String toString() {
      return "cb" + id;
    }
  }

  private void runCallback(int id, List<Op> body) {
    if (!onLoopThread()) {
      record(Kind.RUN, id, -1, 0, "", false);
      states.put(id, State.RAN);
      return;
    }
    syncFutures();
    State before = states.put(id, State.RAN);
    record(Kind.RUN, id, -1, 0, "", false);
    if (before == State.RAN || before == State.CANCELLED || finished || aborted) {
      return;
    }
    depth++;
    try {
      execAll(body, 0);
    } finally {
      depth--;
    }
    afterStep();
  }

  private void markerRun() {
    if (markerRunning || !onLoopThread()) {
      return;
    }
    markerRunning = true;
    try {
      markerPending = false;
      if (finished || aborted) {
        return;
      }
      pass++;
      syncFutures();
      record(Kind.MARK, pass, -1, 0, "", false);
      boolean keep = activity;
      activity = false;
      afterStep();
      if (keep) {
        ensureMarker();
      }
    } finally {
      markerRunning = false;
    }
  }

  /** Makes sure a marker is queued, ahead of whatever the caller queues next. */
  void ensureMarker() {
    if (!markerPending && !finished && !aborted) {
      markerPending = true;
      loop.callSoon(marker);
    }
  }

  // ---- ops ----

  /** Runs {@code ops} in a callback ({@code task} = 0) or in task {@code task}'s body. */
  void execAll(List<Op> ops, int task) {
    for (Op op : ops) {
      if (finished || aborted) {
        return;
      }
      if (op.awaits()) {
        new TaskSteps(this).await(op, task);
        continue;
      }
      try {
        callbackOps.exec(op);
      } catch (RuntimeException e) {
        noteUnsupported(e);
        int id = OpNames.callbackId(op);
        if (id >= 0) {
          states.put(id, State.FAILED);
        }
        record(Kind.ERROR, id, -1, 0, OpNames.name(op) + ": " + e, false);
      }
    }
  }

  /** Starts executor job {@code j<id>} (see {@link CallbackOps#submitJob}). */
  Future<Object> submitJob(int id) {
    return callbackOps.submitJob(id);
  }

  /** A task of the program is done: it may have been the last live thing. */
  void onTaskDone() {
    if (!finished && !aborted && onLoopThread()) {
      syncFutures();
      afterStep();
    }
  }

  // ---- liveness ----

  /** If nothing is live, cancels the pending futures (epilogue) or ends the program. */
  void afterStep() {
    if (finished || aborted || !onLoopThread() || live() > 0) {
      return;
    }
    List<Map.Entry<Integer, Future<Object>>> pending = new ArrayList<>();
    for (Map.Entry<Integer, Future<Object>> e : futures.entrySet()) {
      if (!e.getValue().done()) {
        pending.add(e);
      }
    }
    if (!pending.isEmpty()) {
      ensureMarker();
      record(Kind.EPILOGUE, -1, -1, 0, "", false);
      for (Map.Entry<Integer, Future<Object>> e : pending) {
        seenDone.add(e.getKey());
        record(Kind.COMPLETE, -1, e.getKey(), 0, "cancelled", true);
        e.getValue().cancel();
      }
      if (live() > 0) {
        return;
      }
    }
    finished = true;
    stopRequested = true;
    record(Kind.FINISH, -1, -1, 0, "", false);
    loop.stop();
  }

  /**
   * Callbacks scheduled (threadsafe ones from the moment their worker starts), done callbacks of
   * done futures, and tasks not blocked on a pending future. Worker and job counters are not
   * needed here (a callback's state covers its worker, a task awaiting a job counts as live);
   * the watchdog uses them.
   */
  private int live() {
    int n = 0;
    for (Map.Entry<Integer, State> e : states.entrySet()) {
      State st = e.getValue();
      if (st == State.SCHEDULED
          || st == State.REGISTERED && futures.get(doneOwner.get(e.getKey())).done()) {
        n++;
      }
    }
    for (Map.Entry<Integer, Task<Object>> e : tasks.entrySet()) {
      Future<?> b = blockers.get(e.getKey());
      if (!e.getValue().done() && (b == null || b.done() || onJobs.contains(e.getKey()))) {
        n++;
      }
    }
    return n;
  }

  /** Records completions the interpreter did not make (a task's cancel cancelled what it awaited). */
  void syncFutures() {
    for (Map.Entry<Integer, Future<Object>> e : futures.entrySet()) {
      if (e.getValue().done() && seenDone.add(e.getKey())) {
        record(Kind.COMPLETE, -1, e.getKey(), 0, outcome(e.getValue(), "pending"), false);
      }
    }
  }

  // ---- shared with TaskSteps ----

  Future<Object> future(int fid) {
    return futures.get(fid);
  }

  Task<Object> task(int tid) {
    return tasks.get(tid);
  }

  void block(int tid, Future<?> on, boolean job) {
    if (on == null) {
      blockers.remove(tid);
      onJobs.remove(tid);
    } else {
      blockers.put(tid, on);
      if (job) {
        onJobs.add(tid);
      }
    }
  }

  void noteDeadline(double when) {
    maxDeadline = Math.max(maxDeadline, when);
  }

  EventLoop loop() {
    return loop;
  }

  void enter() {
    depth++;
  }

  void exit() {
    depth--;
  }

  boolean over() {
    return finished || aborted;
  }

  void record(Kind kind, int id, int ref, double value, String note, boolean flag) {
    boolean onLoop = onLoopThread();
    // Off the loop thread, a run, job or worker call names the thread it happened on.
    String n = !onLoop && note.isEmpty() ? "thread=" + Thread.currentThread().getName() : note;
    rec.add(new Event(kind, id, ref, onLoop ? pass : -1, loop.time(), value, onLoop,
        onLoop ? depth : -1, n, flag));
    if (onLoop && kind != Kind.MARK) {
      activity = true;
    }
  }

  void noteUnsupported(RuntimeException e) {
    if (e instanceof UnsupportedOperationException u && unsupported == null) {
      unsupported = u;
    }
  }

  private boolean onLoopThread() {
    Thread t = loopThread;
    return t != null && (Thread.currentThread() == t || RunningLoop.get() == loop);
  }

  static String outcome(Future<?> f, String ifPending) {
    if (!f.done()) {
      return ifPending;
    }
    if (f.cancelled()) {
      return "cancelled";
    }
    return f.exception() != null ? "exception" : "result";
  }
}
