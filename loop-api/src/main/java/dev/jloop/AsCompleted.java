package dev.jloop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * The iterator {@link Async#asCompleted} returns: asyncio's {@code as_completed}, yielding the
 * given futures themselves (done) in the order they complete.
 *
 * <p>{@link #next()} suspends the current task until the next future is done; it must be called
 * from a task body on the futures' loop. If a timeout was given and it passes first, that
 * {@code next()} and every later one throws {@link AsyncTimeoutException}, one per future that
 * was still pending, as each of asyncio's remaining awaitables raises {@code TimeoutError}.
 * {@link #hasNext()} never suspends: it tells whether a {@code next()} call is left. A future given
 * twice is yielded once.
 *
 * <p>Single use, like a Python iterator: {@link #iterator()} returns this object, so it works in a
 * for-each loop once. Loop thread only.
 *
 * <pre>{@code
 * for (Future<String> f : Async.asCompleted(List.of(a, b, c), 5.0)) {
 *   String first = f.result(); // may throw the future's exception
 * }
 * }</pre>
 *
 * @param <T> the result type of the futures
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class AsCompleted<T> implements Iterator<Future<T>>, Iterable<Future<T>> {
  /** Marks a timeout in {@link #done}, as asyncio queues {@code None}. */
  private static final Object TIMED_OUT = new Object();

  private final Set<Future<T>> todo = Collections.newSetFromMap(new IdentityHashMap<>());
  private final ArrayDeque<Object> done = new ArrayDeque<>();
  private final Consumer<Future<T>> onCompletion = this::onCompletion;
  private int left;
  private TimerHandle timer;
  private Future<Void> waiter;
  private boolean iterated;

  AsCompleted(Collection<? extends Future<T>> futures, Double timeout) {
    Objects.requireNonNull(futures, "futures");
    if (timeout != null) {
      Waiting.checkTimeout(timeout);
    }
    EventLoop loop = null;
    List<Future<T>> ordered = new ArrayList<>(futures.size());
    for (Future<T> f : futures) {
      Objects.requireNonNull(f, "futures contains null");
      if (loop == null) {
        loop = f.getLoop();
      } else if (f.getLoop() != loop) {
        throw new IllegalArgumentException("asCompleted(): the futures belong to different loops");
      }
      if (todo.add(f)) {
        ordered.add(f);
      }
    }
    left = ordered.size();
    for (Future<T> f : ordered) {
      f.addDoneCallback(onCompletion);
    }
    if (loop != null && timeout != null && timeout != Double.POSITIVE_INFINITY) {
      timer = loop.callLater(Math.max(0, timeout), this::onTimeout);
    }
  }

  @Override
  public boolean hasNext() {
    return left > 0;
  }

  /**
   * Waits for the next future to complete and returns it. Returns at once, without suspending,
   * if one completed already.
   *
   * @throws NoSuchElementException if every future was returned already
   * @throws AsyncTimeoutException if the timeout passed before the next future completed
   * @throws IllegalStateException if called outside a task
   * @throws CancelledException if the current task is cancelled while it waits
   */
  @Override
  @SuppressWarnings("unchecked")
  public Future<T> next() {
    if (left == 0) {
      throw new NoSuchElementException("asCompleted(): every future was returned already");
    }
    Task<?> task = Async.requireTask("asCompleted().next");
    while (done.isEmpty()) {
      waiter = task.getLoop().createFuture();
      try {
        Async.await(waiter);
      } finally {
        waiter = null;
      }
    }
    left--;
    Object next = done.poll();
    if (next == TIMED_OUT) {
      throw new AsyncTimeoutException("asCompleted() timed out");
    }
    return (Future<T>) next;
  }

  /**
   * This object, for a for-each loop.
   *
   * @throws IllegalStateException if called a second time
   */
  @Override
  public Iterator<Future<T>> iterator() {
    if (iterated) {
      throw new IllegalStateException("asCompleted() can be iterated only once");
    }
    iterated = true;
    return this;
  }

  private void onCompletion(Future<T> f) {
    if (!todo.remove(f)) {
      return; // the timeout came first
    }
    offer(f);
    if (todo.isEmpty() && timer != null) {
      timer.cancel();
    }
  }

  private void onTimeout() {
    for (Future<T> f : todo) {
      f.removeDoneCallback(onCompletion);
      offer(TIMED_OUT);
    }
    todo.clear();
  }

  private void offer(Object item) {
    done.add(item);
    if (waiter != null) {
      Waiting.release(waiter);
    }
  }
}
