package dev.jloop.streams;

import dev.jloop.EventLoop;
import dev.jloop.ExceptionContext;
import dev.jloop.Future;
import dev.jloop.Task;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.Protocol;
import dev.jloop.io.WriteTransport;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * asyncio's {@code StreamReaderProtocol} (with its {@code FlowControlMixin}): feeds a
 * {@link StreamReader} from a transport, tracks the transport's write pauses for
 * {@link StreamWriter#drain()}, and, on a server, starts the client-connected callback.
 *
 * <p>Loop thread only, like every protocol.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class StreamReaderProtocol implements Protocol {
  private final EventLoop loop;
  private final StreamReader reader;
  private final ClientConnectedCallback clientConnected;
  private final Future<Void> closed;
  private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>();
  private boolean paused;
  private boolean connectionLost;
  private boolean overSsl;

  /** A client-side protocol feeding {@code reader}. */
  public StreamReaderProtocol(EventLoop loop, StreamReader reader) {
    this(loop, reader, null);
  }

  /**
   * A protocol feeding {@code reader}; with a callback (server side) it makes the
   * {@link StreamWriter} and runs the callback in a new task once connected.
   */
  public StreamReaderProtocol(EventLoop loop, StreamReader reader, ClientConnectedCallback clientConnected) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.clientConnected = clientConnected;
    this.closed = loop.createFuture();
  }

  @Override
  public void connectionMade(BaseTransport t) {
    reader.setTransport(t);
    overSsl = t.getExtraInfo("sslcontext") != null;
    if (clientConnected == null) {
      return;
    }
    StreamWriter w = new StreamWriter((WriteTransport) t, this, reader, loop);
    Task<Void> task = loop.createTask(() -> {
      clientConnected.connected(reader, w);
      return null;
    });
    task.addDoneCallback(done -> {
      if (!done.cancelled() && done.exception() != null) {
        loop.callExceptionHandler(ExceptionContext.builder("Unhandled exception in client_connected_cb")
            .exception(done.exception())
            .put(ExceptionContext.TRANSPORT, t)
            .build());
        t.close();
      }
    });
  }

  @Override
  public void dataReceived(byte[] data) {
    if (reader.getClass() == StreamReader.class) {
      reader.feedOwnedData(data); // the array is ours (Protocol's contract): no copy
    } else {
      reader.feedData(data); // a subclass may override feedData: call it, as asyncio does
    }
  }

  @Override
  public boolean eofReceived() {
    reader.feedEof();
    return !overSsl; // keep the write side open, except over TLS where half-close is not possible
  }

  @Override
  public void connectionLost(Throwable exc) {
    if (exc == null) {
      reader.feedEof();
    } else {
      reader.setException(exc);
    }
    if (!closed.done()) {
      if (exc == null) {
        closed.setResult(null);
      } else {
        closed.setException(exc);
        closed.exception(); // asyncio marks it retrieved: the reader reports the error
      }
    }
    connectionLost = true;
    if (paused) {
      for (Future<Void> w : drainWaiters) {
        if (!w.done()) {
          if (exc == null) {
            w.setResult(null);
          } else {
            w.setException(exc);
          }
        }
      }
    }
  }

  @Override
  public void pauseWriting() {
    paused = true;
  }

  @Override
  public void resumeWriting() {
    paused = false;
    for (Future<Void> w : drainWaiters) {
      if (!w.done()) {
        w.setResult(null);
      }
    }
  }

  /** Whether this protocol serves a server's connection (it has a client-connected callback). */
  boolean isServerSide() {
    return clientConnected != null;
  }

  /** asyncio's {@code _replace_writer}: the connection now runs over {@code transport}. */
  void replaceTransport(BaseTransport transport) {
    overSsl = transport.getExtraInfo("sslcontext") != null;
    reader.replaceTransport(transport);
  }

  /** asyncio's {@code _drain_helper}: completes {@code f} when writing may go on. */
  void drainHelper(Future<Void> f) {
    if (connectionLost) {
      f.setException(new SocketException("Connection lost"));
      return;
    }
    if (!paused) {
      f.setResult(null);
      return;
    }
    drainWaiters.add(f);
    f.addDoneCallback(done -> drainWaiters.remove(done));
  }

  /** Done when the connection is lost: with its error, or {@code null}. */
  Future<Void> closeWaiter() {
    return closed;
  }
}
