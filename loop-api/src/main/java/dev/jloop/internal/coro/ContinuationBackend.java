package dev.jloop.internal.coro;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Fibers on {@code jdk.internal.vm.Continuation}, looked up with method handles at run time so
 * that the code compiles under {@code --release 21}. Needs
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}. The task runs on the loop thread
 * itself; a switch costs a stack copy, about 100 ns.
 */
final class ContinuationBackend implements CoroutineBackend {
  private static final MethodHandle NEW_CONTINUATION;
  private static final MethodHandle RUN;
  private static final MethodHandle IS_DONE;
  private static final MethodHandle YIELD;
  private static final Object SCOPE;
  private static final Throwable UNAVAILABLE;

  static {
    MethodHandle ctor = null;
    MethodHandle run = null;
    MethodHandle isDone = null;
    MethodHandle yield = null;
    Object scope = null;
    Throwable why = null;
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
      Class<?> contClass = Class.forName("jdk.internal.vm.Continuation");
      scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
          .invoke("jloop-task");
      ctor = lookup.findConstructor(contClass,
              MethodType.methodType(void.class, scopeClass, Runnable.class))
          .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
      run = lookup.findVirtual(contClass, "run", MethodType.methodType(void.class))
          .asType(MethodType.methodType(void.class, Object.class));
      isDone = lookup.findVirtual(contClass, "isDone", MethodType.methodType(boolean.class))
          .asType(MethodType.methodType(boolean.class, Object.class));
      yield = lookup.findStatic(contClass, "yield",
              MethodType.methodType(boolean.class, scopeClass))
          .asType(MethodType.methodType(boolean.class, Object.class));
    } catch (Throwable t) {
      why = t;
    }
    NEW_CONTINUATION = ctor;
    RUN = run;
    IS_DONE = isDone;
    YIELD = yield;
    SCOPE = scope;
    UNAVAILABLE = why;
  }

  /** Why the backend cannot be used here, or {@code null} if it can. */
  static Throwable unavailableReason() {
    return UNAVAILABLE;
  }

  /** The fiber running on each thread, in a one-slot cell (one thread-local read per switch). */
  private final ThreadLocal<ContinuationFiber[]> running =
      ThreadLocal.withInitial(() -> new ContinuationFiber[1]);

  @Override
  public String name() {
    return "continuation";
  }

  @Override
  public Fiber newFiber(Runnable body) {
    if (UNAVAILABLE != null) {
      throw new IllegalStateException("Continuation backend unavailable", UNAVAILABLE);
    }
    return new ContinuationFiber(body);
  }

  @Override
  public void suspend() {
    ContinuationFiber f = running.get()[0];
    if (f == null) {
      throw new IllegalStateException("no task body is running on this thread");
    }
    boolean yielded;
    try {
      yielded = (boolean) YIELD.invokeExact(SCOPE);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    if (!yielded) {
      throw new IllegalStateException(
          "the task could not suspend: its continuation is pinned (a native frame or a held monitor)");
    }
  }

  private final class ContinuationFiber implements Fiber {
    private final Object continuation;

    ContinuationFiber(Runnable body) {
      try {
        continuation = NEW_CONTINUATION.invokeExact(SCOPE, body);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }

    @Override
    public void resume() {
      ContinuationFiber[] cell = running.get();
      ContinuationFiber outer = cell[0];
      cell[0] = this;
      try {
        RUN.invokeExact(continuation);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      } finally {
        cell[0] = outer;
      }
    }

    @Override
    public boolean isDone() {
      try {
        return (boolean) IS_DONE.invokeExact(continuation);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
  }
}
