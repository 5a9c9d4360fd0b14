package dev.jloop.bench.echo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The load generator's TLS side of one connection, on an {@link SSLEngine}: the handshake runs
 * while the channel is still blocking (before anything is measured), then each message is
 * encrypted whole into {@link #net} before it is sent, and what arrives is decrypted into the
 * connection's plain-text buffer.
 */
final class TlsConn {
  private final SSLEngine engine;
  /** Cipher text to send: in read mode, position..limit unsent. */
  final ByteBuffer net;
  /** Cipher text received and not yet decrypted, in write mode. */
  private final ByteBuffer netIn;
  /** Plain text decrypted and not yet handed on, in write mode: a whole record always fits. */
  private final ByteBuffer plainIn;

  private TlsConn(SSLEngine engine, int messageSize) {
    this.engine = engine;
    int packet = engine.getSession().getPacketBufferSize();
    this.net = ByteBuffer.allocateDirect(messageSize + (messageSize / 16384 + 2) * packet).flip();
    this.netIn = ByteBuffer.allocateDirect(Math.max(2 * packet, messageSize + packet * 4));
    this.plainIn = ByteBuffer.allocateDirect(2 * engine.getSession().getApplicationBufferSize());
  }

  /** Runs the client handshake on {@code ch}, which must still be blocking. */
  static TlsConn handshake(SocketChannel ch, SSLContext context, int messageSize) throws IOException {
    SSLEngine engine = context.createSSLEngine("localhost", ch.socket().getPort());
    engine.setUseClientMode(true);
    SSLParameters params = engine.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(params);
    TlsConn t = new TlsConn(engine, messageSize);
    ByteBuffer empty = ByteBuffer.allocate(0);
    ByteBuffer sink = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    engine.beginHandshake();
    while (true) {
      switch (engine.getHandshakeStatus()) {
        case NEED_WRAP -> {
          t.net.clear();
          check(engine.wrap(empty, t.net));
          t.net.flip();
          while (t.net.hasRemaining()) {
            ch.write(t.net);
          }
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          t.netIn.flip();
          SSLEngineResult r = engine.unwrap(t.netIn, sink.clear());
          t.netIn.compact();
          if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && ch.read(t.netIn) < 0) {
            throw new SSLException("the server closed the connection during the handshake");
          }
          check(r);
        }
        case NEED_TASK -> runTasks(engine);
        case FINISHED, NOT_HANDSHAKING -> {
          t.net.clear().flip();
          return t;
        }
      }
    }
  }

  /** Encrypts all of {@code plain} into {@link #net}, ready to send. */
  void encrypt(ByteBuffer plain) throws IOException {
    net.clear();
    while (plain.hasRemaining()) {
      check(engine.wrap(plain, net));
    }
    net.flip();
  }

  /** Reads what {@code ch} has and decrypts it; moves what fits into {@code plain}; -1 at EOF. */
  int read(SocketChannel ch, ByteBuffer plain) throws IOException {
    int n = ch.read(netIn);
    netIn.flip();
    try {
      while (netIn.hasRemaining()) {
        SSLEngineResult r = engine.unwrap(netIn, plainIn);
        if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
          runTasks(engine);
        }
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
          break;
        }
        check(r);
        drain(plain);
      }
    } finally {
      netIn.compact();
    }
    drain(plain);
    return n;
  }

  private void drain(ByteBuffer plain) {
    plainIn.flip();
    int k = Math.min(plainIn.remaining(), plain.remaining());
    plain.put(plain.position(), plainIn, plainIn.position(), k).position(plain.position() + k);
    plainIn.position(plainIn.position() + k).compact();
  }

  private static void check(SSLEngineResult r) throws SSLException {
    if (r.getStatus() == SSLEngineResult.Status.CLOSED
        || r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      throw new SSLException("TLS " + r.getStatus() + " (" + r + ")");
    }
  }

  private static void runTasks(SSLEngine engine) {
    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
      task.run();
    }
  }
}
