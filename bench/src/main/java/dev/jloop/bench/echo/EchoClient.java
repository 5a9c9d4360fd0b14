package dev.jloop.bench.echo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * The echo load generator: one thread, one plain NIO {@link Selector}, independent of any event
 * loop under test. Each connection sends a message, waits for the whole echo, checks it byte for
 * byte and sends the next (ping-pong, as uvloop's vmbench client). Every message carries its
 * sequence number in its first 8 bytes and the connection's random pattern after it, so a stale,
 * short or shuffled echo fails the check.
 *
 * <p>Usage: {@code EchoClient --port P [--host H] [--server-pid PID] [--configs 4x1024,16x1024]
 * [--warmup S] [--duration S] [--server-warmup S] [--tls-keystore FILE --tls-password PW]}.
 * It first warms the server up: each configuration gets its share of {@code --server-warmup}
 * seconds and more, up to 4 times that, until the server's CPU time per request stops moving
 * (two 1 s slices within 10%: its JIT has settled). Then, per configuration, it opens fresh
 * connections (TLS ones trusting only the key store's certificate, handshaken before the clock
 * starts), runs {@code --warmup} seconds unmeasured and {@code --duration} seconds measured, and
 * prints one line {@code RESULT {json}}: requests, requests/s, p50/p99/max latency (us), the
 * server's CPU time per request from {@code /proc} (us; -1 without /proc or pid), the client's
 * own, how many echoes were verified and how long the server warm-up of that configuration took.
 * A wrong echo, a closed connection or 30 s without progress print {@code ERROR reason} and exit
 * with status 1.
 */
public final class EchoClient {
  private static final long STALL_NANOS = 30_000_000_000L;
  /** The server warm-up of a configuration goes on for at most this multiple of its share. */
  private static final int WARMUP_LIMIT = 4;

  private final InetSocketAddress address;
  private final long serverPid;
  private final SSLContext tls;
  private final LatencyHistogram histogram = new LatencyHistogram();
  private long verified;

  private EchoClient(InetSocketAddress address, long serverPid, SSLContext tls) {
    this.address = address;
    this.serverPid = serverPid;
    this.tls = tls;
  }

  /** One configuration: connections and message size in bytes. */
  record Config(int connections, int messageSize) {
    Config {
      if (connections < 1 || messageSize < 8) {
        throw new IllegalArgumentException("need at least 1 connection and 8-byte messages, got "
            + connections + "x" + messageSize);
      }
    }

    /** {@code "16x1024"}. */
    static Config parse(String s) {
      String[] p = s.trim().split("x");
      if (p.length != 2) {
        throw new IllegalArgumentException("a configuration is CONNECTIONSxBYTES, got " + s);
      }
      return new Config(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    @Override
    public String toString() {
      return connections + "x" + messageSize;
    }
  }

  /** The measured figures of one configuration. */
  record Result(Config config, long requests, double seconds, long p50Nanos, long p99Nanos,
      long maxNanos, long serverCpuNanos, long clientCpuNanos, long verified, double warmedSeconds) {
    String json() {
      return String.format(Locale.ROOT, "{\"connections\":%d,\"messageSize\":%d,\"requests\":%d,"
              + "\"seconds\":%.6f,\"requestsPerSecond\":%.3f,\"p50Us\":%.3f,\"p99Us\":%.3f,"
              + "\"maxUs\":%.3f,\"serverCpuUsPerRequest\":%.4f,\"clientCpuUsPerRequest\":%.4f,"
              + "\"verified\":%d,\"serverWarmupSeconds\":%.1f}",
          config.connections(), config.messageSize(), requests, seconds, requests / seconds,
          p50Nanos / 1e3, p99Nanos / 1e3, maxNanos / 1e3, serverCpuPerRequest(),
          perRequest(clientCpuNanos), verified, warmedSeconds);
    }

    /** The server's CPU microseconds per request, or -1 when unknown. */
    double serverCpuPerRequest() {
      return perRequest(serverCpuNanos);
    }

    private double perRequest(long cpuNanos) {
      return cpuNanos < 0 || requests == 0 ? -1 : cpuNanos / 1e3 / requests;
    }
  }

  /** A connection and its current request. */
  private static final class Conn {
    final SocketChannel channel;
    final ByteBuffer out;
    final ByteBuffer in;
    /** The TLS state, or null on a plain connection. */
    TlsConn tls;
    SelectionKey key;
    long sequence;
    long sentAt;

    Conn(SocketChannel channel, int size, SplittableRandom random) {
      this.channel = channel;
      this.out = ByteBuffer.allocateDirect(size);
      this.in = ByteBuffer.allocateDirect(size);
      for (int i = 0; i < size; i++) {
        out.put(i, (byte) random.nextInt());
      }
    }
  }

  public static void main(String[] args) {
    String host = "127.0.0.1";
    int port = -1;
    long pid = -1;
    List<Config> configs = List.of(new Config(4, 1024));
    double warmup = 1;
    double duration = 5;
    double serverWarmup = 0;
    String keystore = null;
    String password = "";
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i++]) {
        case "--host" -> host = v;
        case "--port" -> port = Integer.parseInt(v);
        case "--server-pid" -> pid = Long.parseLong(v);
        case "--configs" -> configs = java.util.Arrays.stream(v.split(",")).map(Config::parse).toList();
        case "--warmup" -> warmup = Double.parseDouble(v);
        case "--duration" -> duration = Double.parseDouble(v);
        case "--server-warmup" -> serverWarmup = Double.parseDouble(v);
        case "--tls-keystore" -> keystore = v;
        case "--tls-password" -> password = v;
        default -> throw new IllegalArgumentException("unknown argument " + args[i - 1]
            + "; usage: EchoClient --port P [--host H] [--server-pid PID] [--configs 4x1024,...]"
            + " [--warmup S] [--duration S] [--server-warmup S] [--tls-keystore F --tls-password P]");
      }
    }
    if (port <= 0) {
      throw new IllegalArgumentException("--port is required");
    }
    try {
      SSLContext context = keystore == null ? null : TlsMaterial.clientContext(Path.of(keystore), password);
      run(new InetSocketAddress(host, port), pid, context, configs, warmup, duration, serverWarmup, r -> {
        System.out.println("RESULT " + r.json());
        System.out.flush();
      });
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      System.out.println("ERROR " + e);
      System.out.flush();
      System.exit(1);
    }
  }

  /**
   * Loads the server at {@code address} for {@code serverWarmup} seconds spread over
   * {@code configs}, then measures each configuration and hands its result to {@code sink}.
   *
   * @param serverPid the server's pid for its CPU time, or -1
   * @param tls the context for TLS connections, or null for plain TCP
   * @throws IOException on a wrong echo, a lost connection, a TLS failure or a stall
   */
  static void run(InetSocketAddress address, long serverPid, SSLContext tls, List<Config> configs,
      double warmup, double duration, double serverWarmup, Consumer<Result> sink) throws IOException {
    EchoClient client = new EchoClient(address, serverPid, tls);
    double[] warmed = new double[configs.size()];
    double least = serverWarmup / configs.size();
    for (int i = 0; i < configs.size(); i++) {
      warmed[i] = client.warm(configs.get(i), least, WARMUP_LIMIT * least);
    }
    for (int i = 0; i < configs.size(); i++) {
      Result r = client.run(configs.get(i), warmup, duration);
      sink.accept(new Result(r.config(), r.requests(), r.seconds(), r.p50Nanos(), r.p99Nanos(),
          r.maxNanos(), r.serverCpuNanos(), r.clientCpuNanos(), r.verified(), warmed[i]));
    }
  }

  /**
   * Warms the server up on {@code config} in slices of up to a second: for at least
   * {@code least} seconds, then until two slices in a row cost the server the same CPU time per
   * request within 10% (its JIT has settled), but at most {@code most} seconds. Returns the
   * seconds spent.
   */
  private double warm(Config config, double least, double most) throws IOException {
    double spent = 0;
    double last = -1;
    while (spent < most) {
      double slice = Math.min(1, most - spent);
      double cpu = run(config, 0, slice).serverCpuPerRequest();
      spent += slice;
      if (spent >= least && (cpu < 0 || last > 0 && Math.abs(cpu - last) <= 0.1 * last)) {
        break;
      }
      last = cpu;
    }
    return spent;
  }

  /** Runs one configuration: {@code warmup} seconds unmeasured, then {@code duration} measured. */
  private Result run(Config config, double warmup, double duration) throws IOException {
    SplittableRandom random = new SplittableRandom(config.messageSize() * 31L + config.connections());
    List<Conn> conns = new ArrayList<>();
    try (Selector selector = Selector.open()) {
      for (int i = 0; i < config.connections(); i++) {
        SocketChannel ch = SocketChannel.open(address);
        Conn c = new Conn(ch, config.messageSize(), random);
        conns.add(c);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (tls != null) {
          c.tls = TlsConn.handshake(ch, tls, config.messageSize());
        }
        ch.configureBlocking(false);
        c.key = ch.register(selector, SelectionKey.OP_READ, c);
      }
      return drive(selector, conns, config, warmup, duration);
    } finally {
      for (Conn c : conns) {
        c.channel.close();
      }
    }
  }

  private Result drive(Selector selector, List<Conn> conns, Config config, double warmup,
      double duration) throws IOException {
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmup * 1e9);
    long end = measureFrom + (long) (duration * 1e9);
    boolean measuring = false;
    long measuredAt = 0;
    long serverCpu = 0;
    long clientCpu = 0;
    long requests = 0;
    long lastProgress = start;
    histogram.reset();
    for (Conn c : conns) {
      send(c);
    }
    long now = start;
    while (now < end) {
      if (!measuring && now >= measureFrom) {
        measuring = true;
        measuredAt = now;
        serverCpu = ProcStat.cpuNanos(serverPid);
        clientCpu = ProcStat.cpuNanos(ProcessHandle.current().pid());
        requests = 0;
        histogram.reset();
      }
      selector.select(Math.max(1, Math.min(100, (end - now) / 1_000_000)));
      now = System.nanoTime();
      for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
        SelectionKey key = it.next();
        it.remove();
        Conn c = (Conn) key.attachment();
        if (key.isWritable()) {
          write(c);
        }
        if (key.isReadable() && read(c)) {
          histogram.record(now - c.sentAt);
          requests++;
          lastProgress = now;
          send(c);
        }
      }
      if (now - lastProgress > STALL_NANOS) {
        throw new IOException("no echo completed for " + STALL_NANOS / 1_000_000_000 + " s");
      }
    }
    if (!measuring) {
      return new Result(config, 0, 0, 0, 0, 0, -1, -1, verified, 0);
    }
    long serverCpuEnd = ProcStat.cpuNanos(serverPid);
    long clientCpuEnd = ProcStat.cpuNanos(ProcessHandle.current().pid());
    return new Result(config, requests, (now - measuredAt) / 1e9, histogram.percentile(0.50),
        histogram.percentile(0.99), histogram.max(),
        serverCpu < 0 || serverCpuEnd < 0 ? -1 : serverCpuEnd - serverCpu,
        clientCpu < 0 || clientCpuEnd < 0 ? -1 : clientCpuEnd - clientCpu, verified, 0);
  }

  /** Starts the next request on {@code c}: a new sequence number, written as far as it goes. */
  private static void send(Conn c) throws IOException {
    c.out.putLong(0, ++c.sequence);
    c.out.clear();
    c.in.clear();
    c.sentAt = System.nanoTime();
    if (c.tls != null) {
      c.tls.encrypt(c.out);
    }
    write(c);
  }

  /** What is still to be sent of the current request: the message, or its cipher text. */
  private static ByteBuffer outgoing(Conn c) {
    return c.tls != null ? c.tls.net : c.out;
  }

  private static void write(Conn c) throws IOException {
    ByteBuffer src = outgoing(c);
    c.channel.write(src);
    int ops = src.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
    if (c.key.interestOps() != ops) {
      c.key.interestOps(ops);
    }
  }

  /** Reads what is there; true when the whole echo arrived (and matched). */
  private boolean read(Conn c) throws IOException {
    if ((c.tls != null ? c.tls.read(c.channel, c.in) : c.channel.read(c.in)) < 0) {
      throw new IOException("the server closed a connection in the middle of an echo");
    }
    if (c.in.hasRemaining()) {
      return false;
    }
    if (outgoing(c).hasRemaining()) {
      throw new IOException("the echo ran ahead of the request (sequence " + c.sequence + ")");
    }
    c.in.flip();
    c.out.clear();
    int at = c.in.mismatch(c.out);
    if (at >= 0) {
      throw new IOException("wrong echo: byte " + at + " of request " + c.sequence + " ("
          + c.out.capacity() + " bytes) differs");
    }
    verified++;
    return true;
  }
}
