package dev.jloop.reference.net;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.Protocol;
import dev.jloop.io.ReadTransport;
import dev.jloop.io.WriteTransport;
import java.net.SocketException;

/**
 * asyncio's {@code _SendfileFallbackProtocol}: stands in for a transport's protocol while
 * {@code sendfile} writes chunks, so that the writer can wait for {@code resumeWriting}.
 * Reading is paused meanwhile; {@link #restore()} puts the original protocol back.
 */
final class SendfileFallbackProtocol implements Protocol {
  private final EventLoop loop;
  private final WriteTransport transport;
  private final BaseProtocol original;
  private final boolean shouldResumeReading;
  private final boolean shouldResumeWriting;
  private Future<Void> writeReady;

  SendfileFallbackProtocol(EventLoop loop, WriteTransport transport) {
    this.loop = loop;
    this.transport = transport;
    this.original = transport.getProtocol();
    this.shouldResumeReading = transport instanceof ReadTransport r && r.isReading();
    this.shouldResumeWriting = transport instanceof SocketTransport st
        ? st.isProtocolPaused()
        : transport.getWriteBufferSize() > transport.getWriteBufferLimits().high();
    if (transport instanceof ReadTransport r) {
      r.pauseReading();
    }
    transport.setProtocol(this);
    if (shouldResumeWriting) {
      writeReady = loop.createFuture();
    }
  }

  /** Done when the transport takes more data; fails if the connection is closing or gone. */
  Future<Void> drain() {
    Future<Void> f = loop.createFuture();
    if (transport.isClosing()) {
      f.setException(new SocketException("Connection closed by peer"));
      return f;
    }
    return writeReady == null ? done(f) : writeReady;
  }

  private static Future<Void> done(Future<Void> f) {
    f.setResult(null);
    return f;
  }

  @Override
  public void connectionMade(BaseTransport t) {
    throw new IllegalStateException("Invalid state: connection should have been established already.");
  }

  @Override
  public void connectionLost(Throwable exc) {
    if (writeReady != null && !writeReady.done()) {
      writeReady.setException(exc != null ? exc : new SocketException("Connection is closed by peer"));
    }
    original.connectionLost(exc);
  }

  @Override
  public void pauseWriting() {
    if (writeReady == null) {
      writeReady = loop.createFuture();
    }
  }

  @Override
  public void resumeWriting() {
    if (writeReady != null) {
      writeReady.setResult(null);
      writeReady = null;
    }
  }

  @Override
  public void dataReceived(byte[] data) {
    throw new IllegalStateException("Invalid state: reading should be paused");
  }

  @Override
  public boolean eofReceived() {
    throw new IllegalStateException("Invalid state: reading should be paused");
  }

  /** Gives the transport its protocol back and undoes the pauses. */
  void restore() {
    transport.setProtocol(original);
    if (shouldResumeReading) {
      ((ReadTransport) transport).resumeReading();
    }
    if (writeReady != null) {
      writeReady.cancel();
      writeReady = null;
    }
    if (shouldResumeWriting) {
      original.resumeWriting();
    }
  }
}
