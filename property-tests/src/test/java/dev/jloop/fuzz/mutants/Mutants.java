package dev.jloop.fuzz.mutants;

import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.TimerHandle;
import dev.jloop.fuzz.model.Rule;
import dev.jloop.fuzz.program.GenSettings.Feature;
import dev.jloop.reference.SelectorEventLoop;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/** Broken variants of the reference loop, each with one scheduling bug the fuzzer must find. */
public final class Mutants {
  private Mutants() {}

  private static final Set<Feature> TIMERS = EnumSet.of(Feature.TIMERS);
  private static final Set<Feature> ALL_BUT_CANCEL = EnumSet.complementOf(EnumSet.of(Feature.CANCEL));

  /** Every mutant. */
  public static List<Mutant> all() {
    return List.of(
        new Mutant("lifo-equal-deadlines", LifoEqualDeadlines::new,
            Set.of(Rule.TIMER_EQUAL_FIFO), TIMERS),
        new Mutant("lifo-call-soon", LifoCallSoon::new,
            Set.of(Rule.NEXT_PASS, Rule.CALLBACK_FIFO), EnumSet.noneOf(Feature.class)),
        new Mutant("inline-call-soon", InlineCallSoon::new,
            Set.of(Rule.CALLBACK_FIFO, Rule.NEXT_PASS, Rule.DONE_CALLBACKS), EnumSet.noneOf(Feature.class)),
        new Mutant("cancel-ignored", CancelIgnored::new,
            Set.of(Rule.CANCELLED_NEVER_RUN), EnumSet.of(Feature.TIMERS, Feature.CANCEL)),
        new Mutant("early-timers", EarlyTimers::new, Set.of(Rule.TIMER_NOT_EARLY), TIMERS),
        new Mutant("threadsafe-on-caller", ThreadsafeOnCaller::new,
            Set.of(Rule.LOOP_THREAD), EnumSet.of(Feature.THREADS)),
        new Mutant("executor-on-loop-thread", ExecutorOnLoopThread::new,
            Set.of(Rule.EXECUTOR_THREAD), EnumSet.of(Feature.EXECUTOR)),
        new Mutant("late-stop", LateStop::new, Set.of(Rule.STOP, Rule.STOP_CURRENT_PASS),
            EnumSet.of(Feature.STOP)),
        new Mutant("task-cancel-lost", TaskCancelLost::new,
            Set.of(Rule.TASK_CANCEL), ALL_BUT_CANCEL),
        new Mutant("sync-done-callbacks", SyncDoneCallbacks::new,
            Set.of(Rule.DONE_CALLBACKS), EnumSet.of(Feature.FUTURES)),
        new Mutant("drain-until-empty", DrainUntilEmpty::new,
            Set.of(Rule.TIMER_PROMPT), TIMERS),
        new Mutant("drops-every-third-timer", DropsTimers::new,
            Set.of(Rule.EXACTLY_ONCE), TIMERS));
  }

  /** Timers with equal deadlines run last-scheduled first (asyncio allows it; jloop promises FIFO). */
  static final class LifoEqualDeadlines extends SelectorEventLoop {
    private final Map<Double, Deque<Runnable>> byDeadline = new HashMap<>();

    @Override
    public TimerHandle callAt(double when, Runnable callback) {
      Objects.requireNonNull(callback, "callback");
      Deque<Runnable> same = byDeadline.computeIfAbsent(when, w -> new ArrayDeque<>());
      same.push(callback);
      return super.callAt(when, () -> {
        Runnable latest = same.pop();
        if (same.isEmpty()) {
          byDeadline.remove(when);
        }
        latest.run();
      });
    }
  }

  /**
   * call_soon callbacks run newest first among those pending. Cancelling a handle still works
   * (the newest callback whose handle is not cancelled runs), so the only rules this loop breaks
   * are the ordering ones.
   */
  public static final class LifoCallSoon extends SelectorEventLoop {
    private final Deque<Map.Entry<Handle, Runnable>> pending = new ArrayDeque<>();

    @Override
    public Handle callSoon(Runnable callback) {
      Objects.requireNonNull(callback, "callback");
      Handle h = super.callSoon(this::runNewest);
      pending.push(Map.entry(h, callback));
      return h;
    }

    private void runNewest() {
      Map.Entry<Handle, Runnable> next = pending.pop();
      while (next.getKey().cancelled()) {
        next = pending.pop();
      }
      next.getValue().run();
    }
  }

  /** call_soon on the loop thread runs the callback at once, inside the call. */
  static final class InlineCallSoon extends SelectorEventLoop {
    @Override
    public Handle callSoon(Runnable callback) {
      if (isRunning()) {
        Handle h = new Handle(this, callback);
        h.run();
        return h;
      }
      return super.callSoon(callback);
    }
  }

  /** Cancelling a timer handle does nothing: the handle returned is not the one scheduled. */
  static final class CancelIgnored extends SelectorEventLoop {
    @Override
    public TimerHandle callAt(double when, Runnable callback) {
      TimerHandle real = super.callAt(when, callback);
      return new TimerHandle(this, real.when(), real.sequence(), callback, null);
    }
  }

  /** Timers run 2 ms before their deadline (and report the early deadline). */
  static final class EarlyTimers extends SelectorEventLoop {
    @Override
    public TimerHandle callAt(double when, Runnable callback) {
      return super.callAt(when - 0.002, callback);
    }
  }

  /** call_soon_threadsafe from another thread runs the callback on that thread. */
  static final class ThreadsafeOnCaller extends SelectorEventLoop {
    @Override
    public Handle callSoonThreadsafe(Runnable callback) {
      if (isRunning() && !ranByLoopThread()) {
        Handle h = new Handle(this, callback);
        h.run();
        return h;
      }
      return super.callSoonThreadsafe(callback);
    }

    private boolean ranByLoopThread() {
      return dev.jloop.spi.RunningLoop.get() == this;
    }
  }

  /** run_in_executor runs the job on the calling (loop) thread. */
  static final class ExecutorOnLoopThread extends SelectorEventLoop {
    @Override
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
      return super.runInExecutor(Runnable::run, fn);
    }
  }

  /** stop() takes effect 5 ms later. */
  static final class LateStop extends SelectorEventLoop {
    @Override
    public void stop() {
      callLater(0.005, super::stop);
    }
  }

  /** Task.cancel() on a task blocked on a future cancels nothing: the task runs on. */
  static final class TaskCancelLost extends SelectorEventLoop {
    @Override
    public <T> dev.jloop.Task<T> createTask(dev.jloop.Coroutine<T> coroutine, String name) {
      return new dev.jloop.Task<>(this, coroutine, name) {
        @Override
        public boolean cancel(String message) {
          return !done();
        }
      };
    }
  }

  /** Done callbacks run synchronously, inside the call that completes the future. */
  static final class SyncDoneCallbacks extends SelectorEventLoop {
    @Override
    public Handle callSoon(Runnable callback) {
      if (isRunning() && callback.toString().startsWith("done callback")) {
        Handle h = new Handle(this, callback);
        h.run();
        return h;
      }
      return super.callSoon(callback);
    }
  }

  /** Every third call_at/call_later is never scheduled (its handle comes back all the same). */
  static final class DropsTimers extends SelectorEventLoop {
    private int timers;

    @Override
    public TimerHandle callAt(double when, Runnable callback) {
      if (++timers % 3 == 0) {
        return new TimerHandle(this, when, -1, callback, null);
      }
      return super.callAt(when, callback);
    }
  }

  /**
   * Callbacks queued while the ready queue drains run in the same pass, until it is empty: the
   * loop polls (and collects due timers) only when nothing is ready.
   */
  static final class DrainUntilEmpty extends SelectorEventLoop {
    private final Deque<Handle> queue = new ArrayDeque<>();
    private boolean draining;

    @Override
    public Handle callSoon(Runnable callback) {
      Handle h = new Handle(this, callback);
      queue.add(h);
      if (!draining) {
        draining = true;
        super.callSoon(this::drain);
      }
      return h;
    }

    private void drain() {
      for (Handle h = queue.poll(); h != null; h = queue.poll()) {
        if (!h.cancelled()) {
          h.run();
        }
      }
      draining = false;
    }
  }
}
