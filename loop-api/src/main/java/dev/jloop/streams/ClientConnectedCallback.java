package dev.jloop.streams;

import org.apiguardian.api.API;

/**
 * asyncio's {@code client_connected_cb} of {@code start_server}: called for each accepted
 * connection. It runs as the body of a new task (asyncio wraps a coroutine callback in one), so
 * it may await. If it throws, the error goes to the loop's exception handler and the connection
 * is closed.
 */
@API(status = API.Status.STABLE, since = "0.1")
@FunctionalInterface
public interface ClientConnectedCallback {
  /** Serves one connection. */
  void connected(StreamReader reader, StreamWriter writer) throws Exception;
}
