package dev.jloop.tck.mutants;

import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ConnectionResult;
import dev.jloop.io.Protocol;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.reference.SelectorEventLoop;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Mutants of the I/O layer. Most interpose a protocol between the reference loop's transports and
 * the scenario's protocol, so the loop delivers its callbacks wrongly: the last chunk lost,
 * connection_lost twice or never, no flow control, no eof_received.
 */
public final class IoMutants {
  private IoMutants() {}

  /** Forwards every call to the scenario's protocol; mutants override what they break. */
  static class Relay implements Protocol {
    final Protocol inner;

    Relay(Protocol inner) {
      this.inner = inner;
    }

    @Override
    public void connectionMade(BaseTransport transport) {
      inner.connectionMade(transport);
    }

    @Override
    public void dataReceived(byte[] data) {
      inner.dataReceived(data);
    }

    @Override
    public boolean eofReceived() {
      return inner.eofReceived();
    }

    @Override
    public void connectionLost(Throwable exc) {
      inner.connectionLost(exc);
    }

    @Override
    public void pauseWriting() {
      inner.pauseWriting();
    }

    @Override
    public void resumeWriting() {
      inner.resumeWriting();
    }
  }

  /** A reference loop whose connections (client and server side) go through a relay. */
  static class RelayingLoop extends SelectorEventLoop {
    private final UnaryOperator<Protocol> relay;

    RelayingLoop(UnaryOperator<Protocol> relay) {
      this.relay = relay;
    }

    private BaseProtocol wrap(BaseProtocol p) {
      return p instanceof Protocol stream ? relay.apply(stream) : p;
    }

    @Override
    public <P extends BaseProtocol> Future<ConnectionResult<P>> createConnection(
        Supplier<? extends P> protocolFactory, ConnectionOptions options) {
      @SuppressWarnings("unchecked")
      P[] made = (P[]) new BaseProtocol[1];
      Future<ConnectionResult<BaseProtocol>> inner = super.createConnection(() -> {
        made[0] = protocolFactory.get();
        return wrap(made[0]);
      }, options);
      Future<ConnectionResult<P>> outer = createFuture();
      inner.addDoneCallback(f -> {
        if (f.cancelled()) {
          outer.cancel();
        } else if (f.exception() != null) {
          outer.setException(f.exception());
        } else {
          outer.setResult(new ConnectionResult<>(f.result().transport(), made[0]));
        }
      });
      return outer;
    }

    @Override
    public Future<Server> createServer(Supplier<? extends BaseProtocol> protocolFactory, ServerOptions options) {
      return super.createServer(() -> wrap(protocolFactory.get()), options);
    }
  }

  /** The chunk that arrives last before EOF never reaches the protocol. */
  public static final class DropsLastChunk extends MutantProvider {
    public DropsLastChunk() {
      super("drops-last-chunk", () -> new RelayingLoop(p -> new Relay(p) {
        private byte[] held;

        @Override
        public void dataReceived(byte[] data) {
          if (held != null) {
            inner.dataReceived(held);
          }
          held = data;
        }

        @Override
        public boolean eofReceived() {
          held = null;
          return inner.eofReceived();
        }
      }));
    }
  }

  /** pause_writing and resume_writing are never sent. */
  public static final class NoFlowControl extends MutantProvider {
    public NoFlowControl() {
      super("no-flow-control", () -> new RelayingLoop(p -> new Relay(p) {
        @Override
        public void pauseWriting() {}

        @Override
        public void resumeWriting() {}
      }));
    }
  }

  /** connection_lost is called twice. */
  public static final class LostTwice extends MutantProvider {
    public LostTwice() {
      super("lost-twice", () -> new RelayingLoop(p -> new Relay(p) {
        @Override
        public void connectionLost(Throwable exc) {
          inner.connectionLost(exc);
          inner.connectionLost(exc);
        }
      }));
    }
  }

  /** connection_lost is never called. */
  public static final class LostNever extends MutantProvider {
    public LostNever() {
      super("lost-never", () -> new RelayingLoop(p -> new Relay(p) {
        @Override
        public void connectionLost(Throwable exc) {}
      }));
    }
  }

  /** eof_received is never called; the connection just ends. */
  public static final class NoEof extends MutantProvider {
    public NoEof() {
      super("no-eof", () -> new RelayingLoop(p -> new Relay(p) {
        @Override
        public boolean eofReceived() {
          return false;
        }
      }));
    }
  }

  /** Closing a server leaves its listening socket open and accepting. */
  public static final class ServerKeepsListening extends MutantProvider {
    public ServerKeepsListening() {
      super("server-keeps-listening", () -> new SelectorEventLoop() {
        @Override
        public Future<Server> createServer(Supplier<? extends BaseProtocol> factory, ServerOptions options) {
          Future<Server> real = super.createServer(factory, options);
          Future<Server> fake = createFuture();
          real.addDoneCallback(f -> {
            if (f.exception() != null) {
              fake.setException(f.exception());
            } else {
              fake.setResult(new KeepsListening(f.result()));
            }
          });
          return fake;
        }
      });
    }
  }

  /** A server whose close() only pretends: it reports closed and keeps listening. */
  private static final class KeepsListening implements Server {
    private final Server real;
    private boolean closed;

    KeepsListening(Server real) {
      this.real = real;
    }

    @Override
    public dev.jloop.EventLoop getLoop() {
      return real.getLoop();
    }

    @Override
    public boolean isServing() {
      return !closed && real.isServing();
    }

    @Override
    public List<ServerSocketChannel> sockets() {
      return real.sockets();
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public void closeClients() {
      real.closeClients();
    }

    @Override
    public void abortClients() {
      real.abortClients();
    }

    @Override
    public Future<Void> startServing() {
      return real.startServing();
    }

    @Override
    public Future<Void> serveForever() {
      return real.serveForever();
    }

    @Override
    public Future<Void> waitClosed() {
      Future<Void> done = real.getLoop().createFuture();
      done.setResult(null);
      return done;
    }
  }

  /** sock_recv at end of stream never completes instead of returning an empty array. */
  public static final class SockRecvHangs extends MutantProvider {
    public SockRecvHangs() {
      super("sock-recv-hangs", () -> new SelectorEventLoop() {
        @Override
        public Future<byte[]> sockRecv(SocketChannel sock, int n) {
          Future<byte[]> real = super.sockRecv(sock, n);
          Future<byte[]> hanging = createFuture();
          real.addDoneCallback(f -> {
            if (f.exception() != null) {
              hanging.setException(f.exception());
            } else if (f.result().length > 0) {
              hanging.setResult(f.result());
            }
          });
          return hanging;
        }
      });
    }
  }

  /** remove_reader says it removed the callback but leaves it registered. */
  public static final class StickyReader extends MutantProvider {
    public StickyReader() {
      super("sticky-reader", () -> new SelectorEventLoop() {
        private boolean removed;

        @Override
        public boolean removeReader(SelectableChannel channel) {
          boolean first = !removed;
          removed = true;
          return first;
        }
      });
    }
  }

  /** TLS connections never verify the server's host name. */
  public static final class NoHostnameCheck extends MutantProvider {
    public NoHostnameCheck() {
      super("no-hostname-check", () -> new SelectorEventLoop() {
        @Override
        public <P extends BaseProtocol> Future<ConnectionResult<P>> createConnection(
            Supplier<? extends P> protocolFactory, ConnectionOptions o) {
          ConnectionOptions unchecked = o.ssl() == null ? o : new ConnectionOptions(o.host(), o.port(), o.family(),
              o.localAddress(), o.sock(), o.happyEyeballsDelay(), o.interleave(), o.ssl(), o.useDefaultSsl(),
              o.sslParameters(), "", o.sslHandshakeTimeout(), o.sslShutdownTimeout());
          return super.createConnection(protocolFactory, unchecked);
        }
      });
    }
  }
}
