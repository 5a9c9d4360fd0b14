package dev.jloop.sync;

import java.util.Comparator;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * asyncio's {@code PriorityQueue}: a {@link Queue} that returns the smallest item first (by
 * natural order, or by a comparator). Like asyncio's heap, it does not keep insertion order
 * among equal items; put a sequence number in the item if you need it.
 *
 * @param <E> the item type
 */
@API(status = API.Status.STABLE, since = "0.1")
public class PriorityQueue<E> extends Queue<E> {
  /**
   * An unbounded priority queue in the items' natural order; putting an item that is not
   * {@link Comparable} throws {@link ClassCastException}.
   */
  public PriorityQueue() {
    this(0);
  }

  /**
   * A priority queue in natural order holding at most {@code maxsize} items; 0 means unbounded.
   *
   * @throws IllegalArgumentException if {@code maxsize} is negative
   */
  public PriorityQueue(int maxsize) {
    super(maxsize, new java.util.PriorityQueue<>());
  }

  /**
   * A priority queue ordered by {@code comparator}, holding at most {@code maxsize} items.
   *
   * @throws IllegalArgumentException if {@code maxsize} is negative
   * @throws NullPointerException if {@code comparator} is {@code null}
   */
  public PriorityQueue(int maxsize, Comparator<? super E> comparator) {
    super(maxsize, new java.util.PriorityQueue<>(Objects.requireNonNull(comparator, "comparator")));
  }
}
