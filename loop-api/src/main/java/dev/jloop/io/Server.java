package dev.jloop.io;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import org.apiguardian.api.API;

/**
 * asyncio's {@code Server}: the listening sockets made by {@code createServer} or
 * {@code createUnixServer}, and the connections they accepted.
 *
 * <p>Loop thread only. The futures returned complete on the loop thread.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Server extends AutoCloseable {
  /** The loop the server runs on. asyncio: {@code get_loop}. */
  EventLoop getLoop();

  /** Whether the server accepts connections. asyncio: {@code is_serving}. */
  boolean isServing();

  /**
   * The listening sockets, empty once closed. Read-only use: do not close or reconfigure them.
   * asyncio: {@code sockets}.
   */
  List<ServerSocketChannel> sockets();

  /**
   * Stops listening and closes the listening sockets; the connections already accepted stay
   * open. Idempotent. A pending {@link #serveForever()} future is cancelled. asyncio:
   * {@code close}.
   */
  @Override
  void close();

  /** Closes every accepted connection that is still open (flushing). asyncio 3.13. */
  void closeClients();

  /** Aborts every accepted connection that is still open. asyncio 3.13. */
  void abortClients();

  /**
   * Starts accepting, if not already; the future is done one pass later, once the sockets are
   * registered. asyncio: {@code start_serving}.
   */
  Future<Void> startServing();

  /**
   * Starts accepting and returns a future that is only ever cancelled: cancelling it closes the
   * server, and closing the server cancels it. asyncio: {@code serve_forever}.
   *
   * @throws IllegalStateException if the server is closed or already serving forever
   */
  Future<Void> serveForever();

  /**
   * A future done once the server is closed and every connection it accepted is gone.
   * asyncio 3.12: {@code wait_closed}.
   */
  Future<Void> waitClosed();
}
