package dev.jloop.tck.mutants;

import dev.jloop.Coroutine;
import dev.jloop.EventLoop;
import dev.jloop.Handle;
import dev.jloop.Task;
import dev.jloop.TaskFactory;
import dev.jloop.reference.SelectorEventLoop;

/** Mutants of error handling, futures and tasks, and argument checks. */
public final class ErrorMutants {
  private ErrorMutants() {}

  /** A callback's exception is swallowed instead of reaching the exception handler. */
  public static final class SwallowingErrors extends MutantProvider {
    public SwallowingErrors() {
      super("swallowing-errors", () -> new SelectorEventLoop() {
        @Override
        public Handle callSoon(Runnable callback) {
          return super.callSoon(() -> {
            try {
              callback.run();
            } catch (RuntimeException swallowed) {
              // the mutation: nobody hears of it
            }
          });
        }
      });
    }
  }

  /** A future's done callbacks run inside set_result instead of through call_soon. */
  public static final class SyncDoneCallbacks extends MutantProvider {
    public SyncDoneCallbacks() {
      super("sync-done-callbacks", () -> new SelectorEventLoop() {
        @Override
        public Handle callSoon(Runnable callback) {
          if (callback != null && callback.getClass().getName().endsWith("DoneCallback")) {
            Handle h = new Handle(this, callback);
            h.run();
            return h;
          }
          return super.callSoon(callback);
        }
      });
    }
  }

  /** Tasks from this loop's task factory drop the cancel message. */
  public static final class LostCancelMessage extends MutantProvider {
    public LostCancelMessage() {
      super("lost-cancel-message", () -> withTasks(MessageLosingTask::new));
    }
  }

  /** Tasks from this loop's task factory never count down on uncancel(). */
  public static final class StickyCancelling extends MutantProvider {
    public StickyCancelling() {
      super("sticky-cancelling", () -> withTasks(StickyTask::new));
    }
  }

  /** Makes tasks of type T. */
  private interface TaskMaker {
    <T> Task<T> make(EventLoop loop, Coroutine<T> body, String name);
  }

  private static SelectorEventLoop withTasks(TaskMaker maker) {
    SelectorEventLoop loop = new SelectorEventLoop();
    loop.setTaskFactory(new TaskFactory() {
      @Override
      public <T> Task<T> create(EventLoop l, Coroutine<T> body, String name) {
        return maker.make(l, body, name);
      }
    });
    return loop;
  }

  static final class MessageLosingTask<T> extends Task<T> {
    MessageLosingTask(EventLoop loop, Coroutine<T> body, String name) {
      super(loop, body, name);
    }

    @Override
    public boolean cancel(String message) {
      return super.cancel(null);
    }
  }

  static final class StickyTask<T> extends Task<T> {
    StickyTask(EventLoop loop, Coroutine<T> body, String name) {
      super(loop, body, name);
    }

    @Override
    public int uncancel() {
      return cancelling();
    }
  }

  /** call_soon(null) is accepted and does nothing. */
  public static final class NullAccepting extends MutantProvider {
    public NullAccepting() {
      super("null-accepting", () -> new SelectorEventLoop() {
        @Override
        public Handle callSoon(Runnable callback) {
          return super.callSoon(callback != null ? callback : () -> { });
        }
      });
    }
  }

  /** A closed loop quietly accepts call_soon. */
  public static final class ClosedAccepting extends MutantProvider {
    public ClosedAccepting() {
      super("closed-accepting", () -> new SelectorEventLoop() {
        @Override
        public Handle callSoon(Runnable callback) {
          return isClosed() ? new Handle(this, callback) : super.callSoon(callback);
        }
      });
    }
  }
}
