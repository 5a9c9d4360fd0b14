package dev.jloop.tls;

import dev.jloop.EventLoop;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.BufferedProtocol;
import dev.jloop.io.Protocol;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The application protocol of an {@link SslProtocol} and the order of its calls: asyncio's
 * {@code AppProtocolState}, {@code INIT -made-> CON_MADE [-eof-> EOF] -lost-> CON_LOST}.
 * Decrypted bytes go to {@code dataReceived} (one array per batch) or, for a
 * {@link BufferedProtocol}, into the buffers it lends. Loop thread only.
 */
final class AppSide {
  private enum State { INIT, CON_MADE, EOF, CON_LOST }

  private BaseProtocol protocol;
  private State state;

  /** @param connected whether the protocol already had {@code connectionMade} (start_tls) */
  AppSide(BaseProtocol protocol, boolean connected) {
    set(protocol);
    this.state = connected ? State.CON_MADE : State.INIT;
  }

  void set(BaseProtocol p) {
    Objects.requireNonNull(p, "protocol");
    if (!(p instanceof Protocol) && !(p instanceof BufferedProtocol)) {
      throw new IllegalArgumentException("a TLS transport needs a Protocol or a BufferedProtocol, not " + p);
    }
    protocol = p;
  }

  BaseProtocol protocol() {
    return protocol;
  }

  /** Whether data and EOF may be delivered (connected, no EOF yet). */
  boolean open() {
    return state == State.CON_MADE;
  }

  /** Calls {@code connectionMade} unless the protocol was connected already. */
  void made(SslTransport transport) {
    if (state == State.INIT) {
      state = State.CON_MADE;
      protocol.connectionMade(transport);
    }
  }

  /** Hands decrypted bytes over until they are gone or {@code paused} says stop. */
  void deliver(TlsEngine tls, java.util.function.BooleanSupplier paused) {
    while (tls.pendingPlain() > 0 && state == State.CON_MADE && !paused.getAsBoolean()) {
      if (protocol instanceof BufferedProtocol bp) {
        ByteBuffer dst = bp.getBuffer(tls.pendingPlain());
        if (dst == null || !dst.hasRemaining()) {
          throw new IllegalStateException("getBuffer() returned an empty buffer");
        }
        ByteBuffer plain = tls.plain();
        int n = Math.min(dst.remaining(), plain.remaining());
        dst.put(dst.position(), plain, plain.position(), n);
        plain.position(plain.position() + n);
        tls.consumedPlain();
        bp.bufferUpdated(n);
      } else {
        ByteBuffer plain = tls.plain();
        byte[] data = new byte[plain.remaining()];
        plain.get(data);
        tls.consumedPlain();
        ((Protocol) protocol).dataReceived(data);
      }
    }
  }

  /** {@code eofReceived}, once; a {@code true} answer cannot keep a TLS connection half-open. */
  void eof() {
    if (state != State.CON_MADE) {
      return;
    }
    state = State.EOF;
    boolean keepOpen = protocol instanceof Protocol p ? p.eofReceived() : ((BufferedProtocol) protocol).eofReceived();
    if (keepOpen) {
      SslProtocol.LOG.log(System.Logger.Level.WARNING,
          "returning true from eofReceived() has no effect when using ssl");
    }
  }

  /** Schedules {@code connectionLost(exc)} if the protocol was connected. */
  void lost(EventLoop loop, Throwable exc) {
    if (state == State.CON_MADE || state == State.EOF) {
      state = State.CON_LOST;
      BaseProtocol p = protocol;
      loop.callSoon(() -> p.connectionLost(exc));
    }
  }
}
