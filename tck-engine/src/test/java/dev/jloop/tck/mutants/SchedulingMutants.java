package dev.jloop.tck.mutants;

import dev.jloop.Handle;
import dev.jloop.TimerHandle;
import dev.jloop.reference.SelectorEventLoop;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Mutants of the scheduler: order of callbacks and timers, handles, stop, the clock. */
public final class SchedulingMutants {
  private SchedulingMutants() {}

  /** Timers with equal deadlines run last-scheduled first. */
  public static final class LifoTimers extends MutantProvider {
    public LifoTimers() {
      super("lifo-timers", LifoTimerLoop::new);
    }
  }

  static final class LifoTimerLoop extends SelectorEventLoop {
    private final Map<Double, Deque<Runnable>> byDeadline = new HashMap<>();

    @Override
    public TimerHandle callAt(double when, Runnable callback) {
      Objects.requireNonNull(callback, "callback");
      Deque<Runnable> same = byDeadline.computeIfAbsent(when, k -> new ArrayDeque<>());
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

  /** Timers run 20 ms before their deadline. */
  public static final class EarlyTimers extends MutantProvider {
    public EarlyTimers() {
      super("early-timers", () -> new SelectorEventLoop() {
        @Override
        public TimerHandle callAt(double when, Runnable callback) {
          return super.callAt(when - 0.02, callback);
        }
      });
    }
  }

  /** call_soon on the loop thread runs the callback at once, inside the call. */
  public static final class InlineCallSoon extends MutantProvider {
    public InlineCallSoon() {
      super("inline-call-soon", InlineCallSoonLoop::new);
    }
  }

  static final class InlineCallSoonLoop extends SelectorEventLoop {
    private volatile Thread runner;

    @Override
    public void runForever() {
      runner = Thread.currentThread();
      try {
        super.runForever();
      } finally {
        runner = null;
      }
    }

    @Override
    public Handle callSoon(Runnable callback) {
      if (runner != Thread.currentThread()) {
        return super.callSoon(callback);
      }
      Handle h = new Handle(this, callback);
      h.run();
      return h;
    }
  }

  /** call_soon runs callbacks last-scheduled first. */
  public static final class LifoCallSoon extends MutantProvider {
    public LifoCallSoon() {
      super("lifo-call-soon", () -> new SelectorEventLoop() {
        private final Deque<Runnable> stack = new ArrayDeque<>();

        @Override
        public Handle callSoon(Runnable callback) {
          stack.push(Objects.requireNonNull(callback, "callback"));
          return super.callSoon(() -> stack.pop().run());
        }
      });
    }
  }

  /** The handle call_soon returns is not connected to the scheduled callback. */
  public static final class DetachedHandles extends MutantProvider {
    public DetachedHandles() {
      super("detached-handles", () -> new SelectorEventLoop() {
        @Override
        public Handle callSoon(Runnable callback) {
          super.callSoon(callback);
          return new Handle(this, callback);
        }
      });
    }
  }

  /** The timer handle call_at returns is not connected to the scheduled timer. */
  public static final class DetachedTimerHandles extends MutantProvider {
    public DetachedTimerHandles() {
      super("detached-timer-handles", () -> new SelectorEventLoop() {
        @Override
        public TimerHandle callAt(double when, Runnable callback) {
          TimerHandle real = super.callAt(when, callback);
          return new TimerHandle(this, real.when(), real.sequence(), callback, null);
        }
      });
    }
  }

  /** stop() before run_forever is forgotten. */
  public static final class ForgetfulStop extends MutantProvider {
    public ForgetfulStop() {
      super("forgetful-stop", () -> new SelectorEventLoop() {
        @Override
        public void stop() {
          if (isRunning()) {
            super.stop();
          }
        }
      });
    }
  }

  /** Each iteration runs two passes, so stop() takes effect one pass late. */
  public static final class DoublePass extends MutantProvider {
    public DoublePass() {
      super("double-pass", () -> new SelectorEventLoop() {
        @Override
        protected void runOnce() {
          super.runOnce();
          super.runOnce();
        }
      });
    }
  }

  /** run_forever inside the running loop returns quietly instead of raising. */
  public static final class NestedRunAllowed extends MutantProvider {
    public NestedRunAllowed() {
      super("nested-run-allowed", () -> new SelectorEventLoop() {
        @Override
        public void runForever() {
          if (!isRunning()) {
            super.runForever();
          }
        }
      });
    }
  }

  /** time() counts milliseconds. */
  public static final class MillisecondClock extends MutantProvider {
    public MillisecondClock() {
      super("millisecond-clock", () -> new SelectorEventLoop() {
        @Override
        public double time() {
          return super.time() * 1000;
        }
      });
    }
  }
}
