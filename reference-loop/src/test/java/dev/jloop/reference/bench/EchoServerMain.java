package dev.jloop.reference.bench;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.BufferedProtocol;
import dev.jloop.io.Protocol;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.Transport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.streams.StreamReader;
import dev.jloop.streams.StreamWriter;
import dev.jloop.streams.Streams;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Echo servers on the reference loop for the echo benchmark, in the modes of uvloop's
 * {@code echoserver.py}: {@code protocol} (a Protocol writing back each chunk), {@code buffered}
 * (a BufferedProtocol, zero-copy receive) and {@code streams} (start_server, read + write +
 * drain).
 *
 * <p>Usage: {@code EchoServerMain [--host H] [--port P] [--modes protocol,buffered,streams]}.
 * The modes listen on consecutive ports from P (default 25000); P = 0 picks free ports. Prints
 * one line {@code READY mode=port ...} once listening and serves until the process is killed.
 */
public final class EchoServerMain {
  private EchoServerMain() {}

  /** asyncio's echo protocol. */
  static final class EchoProtocol implements Protocol {
    private Transport t;

    @Override
    public void connectionMade(BaseTransport transport) {
      t = (Transport) transport;
    }

    @Override
    public void dataReceived(byte[] data) {
      t.write(data);
    }
  }

  /** Echo through the protocol's own buffer (uvloop's --buffered mode). */
  static final class EchoBuffered implements BufferedProtocol {
    private final ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
    private Transport t;

    @Override
    public void connectionMade(BaseTransport transport) {
      t = (Transport) transport;
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
      return buf.clear();
    }

    @Override
    public void bufferUpdated(int nbytes) {
      t.write(buf.limit(nbytes));
    }
  }

  static void echoStreams(StreamReader r, StreamWriter w) {
    while (true) {
      byte[] data = Async.await(r.read(256 * 1024));
      if (data.length == 0) {
        break;
      }
      w.write(data);
      Async.await(w.drain());
    }
    w.close();
  }

  public static void main(String[] args) {
    String host = "127.0.0.1";
    int port = 25000;
    String modes = "protocol,buffered,streams";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--modes" -> modes = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: EchoServerMain [--host H] [--port P] [--modes protocol,buffered,streams]");
      }
    }
    String h = host;
    int base = port;
    String[] list = modes.split(",");
    try (SelectorEventLoop loop = new SelectorEventLoop()) {
      loop.runUntilComplete(() -> {
        List<String> ready = new ArrayList<>();
        for (int i = 0; i < list.length; i++) {
          ServerOptions opts = ServerOptions.builder().host(h).port(base == 0 ? 0 : base + i).backlog(1024).build();
          Server s = Async.await(switch (list[i]) {
            case "protocol" -> loop.createServer(EchoProtocol::new, opts);
            case "buffered" -> loop.createServer(EchoBuffered::new, opts);
            case "streams" -> Streams.startServer(loop, EchoServerMain::echoStreams, opts, Streams.DEFAULT_LIMIT);
            default -> throw new IllegalArgumentException("unknown mode " + list[i]);
          });
          ready.add(list[i] + "=" + ((InetSocketAddress) s.sockets().get(0).getLocalAddress()).getPort());
        }
        System.out.println("READY " + String.join(" ", ready));
        System.out.flush();
        Future<Void> forever = loop.createFuture();
        return Async.await(forever);
      });
    }
  }
}
