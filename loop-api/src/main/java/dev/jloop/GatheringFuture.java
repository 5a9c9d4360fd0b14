package dev.jloop;

import dev.jloop.spi.RunningLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The future {@link Async#gather} returns: asyncio's {@code _GatheringFuture} and the
 * done callback of {@code gather()}.
 *
 * <p>Rules, as in asyncio 3.11:
 * <ul>
 *   <li>The result lists the children's results in argument order; a future given twice is
 *       watched once and appears twice.
 *   <li>Without {@code returnExceptions}, the first child to fail (or to be cancelled: a
 *       {@link CancelledException} with the child's message) sets that exception on this future
 *       at once; the other children go on running. With it, exceptions and
 *       {@code CancelledException}s take the children's places in the list.
 *   <li>{@link #cancel(String)} cancels the children that are still pending and returns whether
 *       any was; this future is not marked cancelled but, once every child is done, fails with a
 *       {@code CancelledException} carrying the cancel message, even with
 *       {@code returnExceptions} (asyncio bpo-32684).
 *   <li>Once this future is done, children that finish later have their exceptions marked as
 *       retrieved.
 * </ul>
 */
final class GatheringFuture extends Future<List<Object>> {
  private final List<Future<?>> children;
  private final boolean returnExceptions;
  private final int distinct;
  private int finished;
  private boolean cancelRequested;
  private String requestedMessage;

  private GatheringFuture(EventLoop loop, List<Future<?>> children, boolean returnExceptions, int distinct) {
    super(loop);
    this.children = children;
    this.returnExceptions = returnExceptions;
    this.distinct = distinct;
  }

  /**
   * Gathers {@code futures}, which must all belong to one loop.
   *
   * @throws NullPointerException if the list or one of its elements is {@code null}
   * @throws IllegalArgumentException if the futures belong to different loops
   * @throws IllegalStateException if the list is empty and no loop is running
   */
  static Future<List<Object>> gather(boolean returnExceptions, List<? extends Future<?>> futures) {
    Objects.requireNonNull(futures, "futures");
    if (futures.isEmpty()) {
      EventLoop loop = RunningLoop.get();
      if (loop == null) {
        throw new IllegalStateException("gather() of nothing needs a running event loop");
      }
      Future<List<Object>> empty = loop.createFuture();
      empty.setResult(new ArrayList<>());
      return empty;
    }
    List<Future<?>> children = new ArrayList<>(futures.size());
    List<Future<?>> distinct = new ArrayList<>(futures.size());
    Set<Future<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    EventLoop loop = null;
    for (int i = 0; i < futures.size(); i++) {
      Future<?> f = Objects.requireNonNull(futures.get(i), "futures[" + i + "]");
      if (loop == null) {
        loop = f.getLoop();
      } else if (f.getLoop() != loop) {
        throw new IllegalArgumentException("gather(): futures[" + i + "] belongs to a different loop than futures[0]");
      }
      children.add(f);
      if (seen.add(f)) {
        distinct.add(f);
      }
    }
    GatheringFuture outer = new GatheringFuture(
        loop, Collections.unmodifiableList(children), returnExceptions, distinct.size());
    Consumer<Future<?>> onChildDone = outer::childDone;
    for (Future<?> f : distinct) {
      f.addDoneCallback(onChildDone);
    }
    return outer;
  }

  @Override
  public boolean cancel(String message) {
    if (done()) {
      return false;
    }
    boolean any = false;
    for (Future<?> child : children) {
      if (child.cancel(message)) {
        any = true;
      }
    }
    if (any) {
      cancelRequested = true;
      requestedMessage = message;
    }
    return any;
  }

  private void childDone(Future<?> child) {
    finished++;
    if (done()) {
      if (!child.cancelled()) {
        child.exception();
      }
      return;
    }
    if (!returnExceptions) {
      Throwable error = child.cancelled() ? cancelledError(child) : child.exception();
      if (error != null) {
        setException(error);
        return;
      }
    }
    if (finished < distinct) {
      return;
    }
    List<Object> results = new ArrayList<>(children.size());
    for (Future<?> f : children) {
      if (f.cancelled()) {
        results.add(cancelledError(f));
      } else {
        Throwable error = f.exception();
        results.add(error != null ? error : f.result());
      }
    }
    if (cancelRequested) {
      setException(new CancelledException(requestedMessage));
    } else {
      setResult(results);
    }
  }

  /** The exception the cancelled {@code future} raises, with its cancel message. */
  private static CancelledException cancelledError(Future<?> future) {
    try {
      future.result();
    } catch (CancelledException e) {
      return e;
    }
    throw new IllegalStateException("not cancelled: " + future);
  }
}
