package dev.jloop.bench.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;

/**
 * Netty's echo server, the JVM's high bar: {@code channelRead} writes the buffer back,
 * {@code channelReadComplete} flushes, on Netty's defaults (pooled buffers, TCP_NODELAY).
 * Usage: {@code NettyEchoServer [--transport nio|epoll] [--threads N] [--port P]}; with
 * {@code --threads 1} a single event loop thread accepts and serves every connection, 0 means
 * Netty's default count (twice the cores). With {@code --keystore} it serves TLS (Netty's
 * {@code SslHandler} on the JDK provider). Prints {@code SKIP} when native epoll does not load.
 */
public final class NettyEchoServer {
  private NettyEchoServer() {}

  /** Shared by every connection: it keeps no state. */
  @ChannelHandler.Sharable
  static final class EchoHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.write(msg, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  public static void main(String[] args) throws Exception {
    String transport = "nio";
    int threads = 1;
    int port = 0;
    String keystore = null;
    String password = "";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--transport" -> transport = args[i + 1];
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--keystore" -> keystore = args[i + 1];
        case "--password" -> password = args[i + 1];
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: "
            + "NettyEchoServer [--transport nio|epoll] [--threads N] [--port P] [--keystore F --password P]");
      }
    }
    IoHandlerFactory io;
    Class<? extends ServerChannel> channel;
    switch (transport) {
      case "nio" -> {
        io = NioIoHandler.newFactory();
        channel = NioServerSocketChannel.class;
      }
      case "epoll" -> {
        if (!Epoll.isAvailable()) {
          ServerControl.skip("native epoll does not load: " + Epoll.unavailabilityCause());
        }
        io = EpollIoHandler.newFactory();
        channel = EpollServerSocketChannel.class;
      }
      default -> throw new IllegalArgumentException("unknown transport " + transport);
    }
    SslContext tls = keystore == null ? null : tlsContext(Path.of(keystore), password.toCharArray());
    EchoHandler echo = new EchoHandler();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
    Channel server = new ServerBootstrap().group(group).channel(channel)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(tls == null ? echo : new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(tls.newHandler(ch.alloc()), echo);
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    ServerControl.ready(((InetSocketAddress) server.localAddress()).getPort());
    server.closeFuture().sync();
  }

  /** A server context on the JDK's TLS provider (as jloop's), from a PKCS#12 key store. */
  private static SslContext tlsContext(Path keystore, char[] password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password);
    return SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK).build();
  }
}
