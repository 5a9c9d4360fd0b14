package dev.jloop.bench.echo;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.BufferedProtocol;
import dev.jloop.io.Protocol;
import dev.jloop.io.Server;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.Transport;
import dev.jloop.spi.LoopProviders;
import dev.jloop.streams.StreamReader;
import dev.jloop.streams.StreamWriter;
import dev.jloop.streams.Streams;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Echo servers on a jloop loop (any provider, by id), in the modes of uvloop's vmbench:
 * {@code protocol} (a {@link Protocol} writes each chunk back), {@code buffered} (a
 * {@link BufferedProtocol} echoing from its own buffer), {@code streams} ({@code start_server}:
 * read up to 256 KiB, write, drain) and {@code tls} ({@code protocol} behind
 * {@code create_server(ssl=...)}, with the PKCS#12 key store given by {@code --keystore}).
 *
 * <p>Usage: {@code JloopEchoServer [--loop reference] [--mode protocol|buffered|streams|tls]
 * [--port P] [--keystore FILE --password PW]}. Prints {@code SKIP reason} when the loop does not
 * implement what the mode needs (UnsupportedOperationException), for example TLS.
 */
public final class JloopEchoServer {
  static final int READ_SIZE = 256 * 1024;

  private JloopEchoServer() {}

  /** asyncio's echo protocol: {@code data_received} writes the data back. */
  static final class EchoProtocol implements Protocol {
    private Transport transport;

    @Override
    public void connectionMade(BaseTransport t) {
      transport = (Transport) t;
    }

    @Override
    public void dataReceived(byte[] data) {
      transport.write(data);
    }
  }

  /** Receives into its own buffer and writes the filled part back (the transport copies it). */
  static final class EchoBuffered implements BufferedProtocol {
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_SIZE);
    private Transport transport;

    @Override
    public void connectionMade(BaseTransport t) {
      transport = (Transport) t;
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
      return buffer.clear();
    }

    @Override
    public void bufferUpdated(int nbytes) {
      transport.write(buffer.position(0).limit(nbytes));
    }
  }

  static void echoStreams(StreamReader reader, StreamWriter writer) {
    while (true) {
      byte[] data = Async.await(reader.read(READ_SIZE));
      if (data.length == 0) {
        break;
      }
      writer.write(data);
      Async.await(writer.drain());
    }
    writer.close();
  }

  public static void main(String[] args) throws Exception {
    String loopId = "reference";
    String mode = "protocol";
    int port = 0;
    Path keystore = null;
    String password = "";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--loop" -> loopId = args[i + 1];
        case "--mode" -> mode = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--keystore" -> keystore = Path.of(args[i + 1]);
        case "--password" -> password = args[i + 1];
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: "
            + "JloopEchoServer [--loop ID] [--mode protocol|buffered|streams|tls] [--port P]"
            + " [--keystore FILE --password PW]");
      }
    }
    ServerOptions.Builder options = ServerOptions.builder().host("127.0.0.1").port(port).backlog(1024);
    if (mode.equals("tls")) {
      if (keystore == null) {
        throw new IllegalArgumentException("--mode tls needs --keystore");
      }
      options.ssl(serverContext(keystore, password.toCharArray()));
    }
    ServerOptions opts = options.build();
    EventLoop loop = LoopProviders.find(loopId).newLoop();
    Server server;
    try {
      server = loop.runUntilComplete(switch (mode) {
        case "protocol", "tls" -> loop.createServer(EchoProtocol::new, opts);
        case "buffered" -> loop.createServer(EchoBuffered::new, opts);
        case "streams" -> Streams.startServer(loop, JloopEchoServer::echoStreams, opts, Streams.DEFAULT_LIMIT);
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      });
    } catch (UnsupportedOperationException e) {
      ServerControl.skip("loop '" + loopId + "' does not implement " + mode + " mode: " + e.getMessage());
      return;
    }
    ServerControl.ready(server.sockets().get(0).socket().getLocalPort());
    loop.runForever();
  }

  static SSLContext serverContext(Path keystore, char[] password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }
}
