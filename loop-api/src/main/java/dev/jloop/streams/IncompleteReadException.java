package dev.jloop.streams;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * asyncio's {@code IncompleteReadError}: the stream ended before the requested bytes (or the
 * separator) arrived. {@link #partial()} holds what was read before the end.
 *
 * <p>Unchecked, so that it crosses {@link dev.jloop.Async#await} as asyncio's exception crosses
 * {@code await} (asyncio's is an {@code EOFError}).
 */
@API(status = API.Status.STABLE, since = "0.1")
public class IncompleteReadException extends RuntimeException {
  private final byte[] partial;
  private final Integer expected;

  /**
   * @param partial the bytes read before the end of the stream (copied)
   * @param expected the number of bytes asked for, or {@code null} when reading up to a
   *     separator
   */
  public IncompleteReadException(byte[] partial, Integer expected) {
    super(partial.length + " bytes read on a total of "
        + (expected == null ? "undefined" : expected.toString()) + " expected bytes");
    this.partial = partial.clone();
    this.expected = expected;
  }

  /** A copy of the bytes read before the end of the stream. */
  public byte[] partial() {
    return Arrays.copyOf(partial, partial.length);
  }

  /** The number of bytes asked for, or {@code null} for a separator read. */
  public Integer expected() {
    return expected;
  }
}
