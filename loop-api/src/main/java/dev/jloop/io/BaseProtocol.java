package dev.jloop.io;

import org.apiguardian.api.API;

/**
 * asyncio's {@code BaseProtocol}: the callbacks every protocol receives from its transport.
 *
 * <p>All callbacks run on the loop thread. Order: {@link #connectionMade} first, exactly once;
 * then data callbacks (in the sub-interfaces); then {@link #connectionLost} exactly once, last.
 * {@link #pauseWriting}/{@link #resumeWriting} alternate, starting with pause.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface BaseProtocol {
  /** The connection is up; {@code transport} is the protocol's to use. */
  default void connectionMade(BaseTransport transport) {}

  /**
   * The connection is gone. {@code exc} is {@code null} after a clean close or EOF, else the
   * error that ended it. Called exactly once, after every other callback.
   */
  default void connectionLost(Throwable exc) {}

  /** The transport's write buffer went over its high-water mark: stop writing. */
  default void pauseWriting() {}

  /** The transport's write buffer drained to its low-water mark: writing may go on. */
  default void resumeWriting() {}
}
