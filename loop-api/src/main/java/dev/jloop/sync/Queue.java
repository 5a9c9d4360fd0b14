package dev.jloop.sync;

import dev.jloop.Async;
import dev.jloop.CancelledException;
import dev.jloop.Future;
import java.util.ArrayDeque;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * asyncio's {@code Queue}: a first-in first-out queue for producer and consumer tasks, with an
 * optional bound and the {@link #taskDone()}/{@link #join()} protocol.
 *
 * <p>Contract:
 * <ul>
 *   <li>Not thread-safe: use it from tasks of one loop (it binds to the running loop the first
 *       time a task waits on it). On that thread {@link #qsize()} is exact, as in asyncio.
 *   <li>Blocked getters are served in FIFO order, and so are blocked putters. A waiter that is
 *       woken but then cancelled passes its wake-up on to the next in line.
 *   <li>Items are never {@code null}: {@code put(null)} throws {@link NullPointerException}.
 * </ul>
 *
 * <p>{@link PriorityQueue} and {@link LifoQueue} change only the order of retrieval, by giving
 * this class a different {@link java.util.Queue} to store the items in (asyncio's overridable
 * {@code _init}/{@code _put}/{@code _get}).
 *
 * @param <E> the item type
 */
@API(status = API.Status.STABLE, since = "0.1")
public class Queue<E> {
  private final LoopBinding binding = new LoopBinding();
  private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
  private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
  private final Event finished = new Event();
  private final java.util.Queue<E> items;
  private final int maxsize;
  private int unfinishedTasks;

  /** An unbounded FIFO queue. */
  public Queue() {
    this(0);
  }

  /**
   * A FIFO queue holding at most {@code maxsize} items; 0 means unbounded.
   *
   * @throws IllegalArgumentException if {@code maxsize} is negative
   */
  public Queue(int maxsize) {
    this(maxsize, new ArrayDeque<>());
  }

  /**
   * A queue that keeps its items in {@code items} (empty, used only by this queue): the
   * storage's {@code offer}/{@code poll} decide the order of retrieval.
   *
   * @throws IllegalArgumentException if {@code maxsize} is negative or {@code items} is not empty
   * @throws NullPointerException if {@code items} is {@code null}
   */
  protected Queue(int maxsize, java.util.Queue<E> items) {
    if (maxsize < 0) {
      throw new IllegalArgumentException("maxsize must be >= 0 (0 = unbounded), got " + maxsize);
    }
    Objects.requireNonNull(items, "items");
    if (!items.isEmpty()) {
      throw new IllegalArgumentException("items must be an empty collection");
    }
    this.maxsize = maxsize;
    this.items = items;
    finished.set();
  }

  /** The number of items in the queue. asyncio: {@code qsize()}. */
  public int qsize() {
    return items.size();
  }

  /** The bound given at construction; 0 means unbounded. asyncio: {@code maxsize}. */
  public int maxsize() {
    return maxsize;
  }

  /** Whether the queue holds no item. asyncio: {@code empty()}. */
  public boolean empty() {
    return items.isEmpty();
  }

  /** Whether the queue is bounded and holds {@code maxsize} items. asyncio: {@code full()}. */
  public boolean full() {
    return maxsize > 0 && items.size() >= maxsize;
  }

  /**
   * Adds {@code item}, first suspending the current task while the queue is full. asyncio:
   * {@code put(item)}.
   *
   * @throws NullPointerException if {@code item} is {@code null}
   * @throws CancelledException if the task is cancelled while waiting (the item is not added)
   * @throws IllegalStateException if it must wait outside a task, or on a different loop
   */
  public void put(E item) {
    Objects.requireNonNull(item, "item");
    while (full()) {
      Future<Void> putter = binding.newWaiter(this, "put");
      putters.addLast(putter);
      try {
        Async.await(putter);
      } catch (Throwable t) {
        abandon(putter, putters);
        if (!full() && !putter.cancelled()) {
          // Woken by a get but leaving without putting: wake the next putter instead.
          wakeUpNext(putters);
        }
        throw t;
      }
    }
    putNowait(item);
  }

  /**
   * Adds {@code item} without waiting and wakes the first blocked getter. asyncio:
   * {@code put_nowait(item)}.
   *
   * @throws QueueFullException if the queue is full
   * @throws NullPointerException if {@code item} is {@code null}
   */
  public void putNowait(E item) {
    Objects.requireNonNull(item, "item");
    if (full()) {
      throw new QueueFullException("queue is full: " + this);
    }
    items.add(item);
    unfinishedTasks++;
    finished.clear();
    wakeUpNext(getters);
  }

  /**
   * Removes and returns the next item, first suspending the current task while the queue is
   * empty. asyncio: {@code get()}.
   *
   * @throws CancelledException if the task is cancelled while waiting (no item is taken)
   * @throws IllegalStateException if it must wait outside a task, or on a different loop
   */
  public E get() {
    while (empty()) {
      Future<Void> getter = binding.newWaiter(this, "get");
      getters.addLast(getter);
      try {
        Async.await(getter);
      } catch (Throwable t) {
        abandon(getter, getters);
        if (!empty() && !getter.cancelled()) {
          // Woken by a put but leaving without taking: wake the next getter instead.
          wakeUpNext(getters);
        }
        throw t;
      }
    }
    return getNowait();
  }

  /**
   * Removes and returns the next item without waiting and wakes the first blocked putter.
   * asyncio: {@code get_nowait()}.
   *
   * @throws QueueEmptyException if the queue is empty
   */
  public E getNowait() {
    E item = items.poll();
    if (item == null) {
      throw new QueueEmptyException("queue is empty: " + this);
    }
    wakeUpNext(putters);
    return item;
  }

  /**
   * Marks one item taken with {@link #get()} as processed; when every item put has been
   * processed, {@link #join()} returns. asyncio: {@code task_done()}.
   *
   * @throws IllegalStateException if called more times than items were put (asyncio raises
   *     ValueError)
   */
  public void taskDone() {
    if (unfinishedTasks <= 0) {
      throw new IllegalStateException("taskDone() called too many times: " + this);
    }
    unfinishedTasks--;
    if (unfinishedTasks == 0) {
      finished.set();
    }
  }

  /**
   * Suspends the current task until every item ever put has been marked with
   * {@link #taskDone()}; returns at once if none is outstanding. asyncio: {@code join()}.
   *
   * @throws CancelledException if the task is cancelled while waiting
   */
  public void join() {
    if (unfinishedTasks > 0) {
      finished.await();
    }
  }

  /** Cancels a waiter that is leaving (in case it is still pending) and drops it from its queue. */
  private static void abandon(Future<Void> waiter, ArrayDeque<Future<Void>> queue) {
    waiter.cancel();
    // It may be gone already: wakeUpNext removes the waiters it wakes.
    queue.remove(waiter);
  }

  /** Removes waiters from the head of {@code queue} until one that is not done is woken. */
  private static void wakeUpNext(ArrayDeque<Future<Void>> queue) {
    Future<Void> w;
    while ((w = queue.pollFirst()) != null) {
      if (!w.done()) {
        w.setResult(null);
        return;
      }
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append("[maxsize=").append(maxsize);
    sb.append(", qsize=").append(items.size());
    if (!getters.isEmpty()) {
      sb.append(", getters=").append(getters.size());
    }
    if (!putters.isEmpty()) {
      sb.append(", putters=").append(putters.size());
    }
    if (unfinishedTasks != 0) {
      sb.append(", tasks=").append(unfinishedTasks);
    }
    return sb.append(']').toString();
  }
}
