package dev.jloop.streams;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.UnixConnectionOptions;
import dev.jloop.io.UnixServerOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * asyncio's stream functions: {@code open_connection}, {@code start_server} and their Unix
 * variants, built only on {@link EventLoop}'s connection methods and the protocol API, so they
 * run unchanged on any loop.
 *
 * <p>The short forms use the running loop ({@link Async#getRunningLoop()}) and throw
 * {@link IllegalStateException} outside one. Loop thread only.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Streams {
  /** asyncio's default reader limit: 64 KiB. */
  public static final int DEFAULT_LIMIT = 64 * 1024;

  private Streams() {}

  /** {@code open_connection(host, port)} on the running loop. */
  public static Future<StreamPair> openConnection(String host, int port) {
    return openConnection(Async.getRunningLoop(), ConnectionOptions.of(host, port), DEFAULT_LIMIT);
  }

  /**
   * Connects (with {@link EventLoop#createConnection(Supplier, ConnectionOptions)}) and returns
   * the reader and writer. asyncio: {@code open_connection}.
   *
   * @throws IllegalArgumentException if {@code limit <= 0}, or for bad options
   */
  public static Future<StreamPair> openConnection(EventLoop loop, ConnectionOptions options, int limit) {
    Objects.requireNonNull(loop, "loop");
    StreamReader reader = new StreamReader(loop, limit);
    StreamReaderProtocol protocol = new StreamReaderProtocol(loop, reader);
    return pair(loop, loop.createConnection(() -> protocol, options), reader);
  }

  /** {@code open_unix_connection(path)} on the running loop. */
  public static Future<StreamPair> openUnixConnection(Path path) {
    return openUnixConnection(Async.getRunningLoop(),
        UnixConnectionOptions.builder().path(path).build(), DEFAULT_LIMIT);
  }

  /** As {@link #openConnection(EventLoop, ConnectionOptions, int)} over a Unix socket. */
  public static Future<StreamPair> openUnixConnection(
      EventLoop loop, UnixConnectionOptions options, int limit) {
    Objects.requireNonNull(loop, "loop");
    StreamReader reader = new StreamReader(loop, limit);
    StreamReaderProtocol protocol = new StreamReaderProtocol(loop, reader);
    return pair(loop, loop.createUnixConnection(() -> protocol, options), reader);
  }

  private static Future<StreamPair> pair(EventLoop loop,
      Future<ConnectionResult<StreamReaderProtocol>> connecting, StreamReader reader) {
    Future<StreamPair> result = loop.createFuture();
    connecting.addDoneCallback(c -> {
      if (result.done()) {
        if (!c.cancelled() && c.exception() == null) {
          c.result().transport().close(); // the caller gave up meanwhile
        }
        return;
      }
      if (c.cancelled()) {
        result.cancel();
      } else if (c.exception() != null) {
        result.setException(c.exception());
      } else {
        ConnectionResult<StreamReaderProtocol> r = c.result();
        result.setResult(new StreamPair(reader, new StreamWriter(r.transport(), r.protocol(), reader, loop)));
      }
    });
    result.addDoneCallback(r -> {
      if (r.cancelled()) {
        connecting.cancel();
      }
    });
    return result;
  }

  /** {@code start_server(cb, host, port)} on the running loop. */
  public static Future<Server> startServer(ClientConnectedCallback callback, String host, int port) {
    return startServer(Async.getRunningLoop(), callback, ServerOptions.of(host, port), DEFAULT_LIMIT);
  }

  /**
   * Starts a server whose connections each get a reader, a writer and a task running
   * {@code callback}. asyncio: {@code start_server}.
   */
  public static Future<Server> startServer(
      EventLoop loop, ClientConnectedCallback callback, ServerOptions options, int limit) {
    return loop.createServer(factory(loop, callback, limit), options);
  }

  /** {@code start_unix_server(cb, path)} on the running loop. */
  public static Future<Server> startUnixServer(ClientConnectedCallback callback, Path path) {
    return startUnixServer(Async.getRunningLoop(), callback,
        UnixServerOptions.builder().path(path).build(), DEFAULT_LIMIT);
  }

  /** As {@link #startServer(EventLoop, ClientConnectedCallback, ServerOptions, int)} on a Unix socket. */
  public static Future<Server> startUnixServer(
      EventLoop loop, ClientConnectedCallback callback, UnixServerOptions options, int limit) {
    return loop.createUnixServer(factory(loop, callback, limit), options);
  }

  private static Supplier<StreamReaderProtocol> factory(
      EventLoop loop, ClientConnectedCallback callback, int limit) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(callback, "callback");
    if (limit <= 0) {
      throw new IllegalArgumentException("Limit cannot be <= 0, got " + limit);
    }
    return () -> new StreamReaderProtocol(loop, new StreamReader(loop, limit), callback);
  }
}
