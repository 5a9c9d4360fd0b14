package dev.jloop.sync;

import java.util.ArrayDeque;
import java.util.Collections;
import org.apiguardian.api.API;

/**
 * asyncio's {@code LifoQueue}: a {@link Queue} that returns the most recently added item first.
 *
 * @param <E> the item type
 */
@API(status = API.Status.STABLE, since = "0.1")
public class LifoQueue<E> extends Queue<E> {
  /** An unbounded LIFO queue. */
  public LifoQueue() {
    this(0);
  }

  /**
   * A LIFO queue holding at most {@code maxsize} items; 0 means unbounded.
   *
   * @throws IllegalArgumentException if {@code maxsize} is negative
   */
  public LifoQueue(int maxsize) {
    super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
  }
}
