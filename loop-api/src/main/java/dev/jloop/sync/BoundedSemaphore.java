package dev.jloop.sync;

import org.apiguardian.api.API;

/**
 * asyncio's {@code BoundedSemaphore}: a {@link Semaphore} that refuses to be released above its
 * initial value, which catches a release without a matching acquire.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class BoundedSemaphore extends Semaphore {
  private final int bound;

  /** A bounded semaphore with one permit. */
  public BoundedSemaphore() {
    this(1);
  }

  /**
   * A bounded semaphore with {@code value} permits, which is also its bound.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public BoundedSemaphore(int value) {
    super(value);
    this.bound = value;
  }

  /**
   * Returns a permit, as {@link Semaphore#release()}.
   *
   * @throws IllegalStateException if every permit is already free (asyncio raises ValueError
   *     "BoundedSemaphore released too many times")
   */
  @Override
  public void release() {
    if (permits() >= bound) {
      throw new IllegalStateException("BoundedSemaphore released too many times: " + this);
    }
    super.release();
  }
}
