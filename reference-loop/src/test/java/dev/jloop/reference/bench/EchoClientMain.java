package dev.jloop.reference.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A simple echo load generator, independent of any event loop: one platform thread per
 * connection with a blocking socket, each sending a message and waiting for its echo in a loop
 * (request/response, like uvloop's {@code echoclient.py}). Reports requests per second,
 * throughput and latency percentiles.
 *
 * <p>Usage: {@code EchoClientMain [--host H] --port P [--conns 10] [--msize 1024]
 * [--duration 10] [--warmup 2]}
 */
public final class EchoClientMain {
  private EchoClientMain() {}

  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = -1;
    int conns = 10;
    int msize = 1024;
    double duration = 10;
    double warmup = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--conns" -> conns = Integer.parseInt(args[++i]);
        case "--msize" -> msize = Integer.parseInt(args[++i]);
        case "--duration" -> duration = Double.parseDouble(args[++i]);
        case "--warmup" -> warmup = Double.parseDouble(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (port < 0) {
      throw new IllegalArgumentException("--port is required");
    }
    InetSocketAddress addr = new InetSocketAddress(host, port);
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmup * 1e9);
    long end = measureFrom + (long) (duration * 1e9);
    LongAdder requests = new LongAdder();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    int size = msize;
    for (int c = 0; c < conns; c++) {
      long[] lat = new long[1 << 20];
      latencies.add(lat);
      threads.add(Thread.ofPlatform().start(() -> run(addr, size, measureFrom, end, requests, lat)));
    }
    for (Thread t : threads) {
      t.join();
    }
    long n = requests.sum();
    long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 1, (int) Math.min(l[0] + 1, l.length)))
        .sorted().toArray();
    System.out.printf("conns=%d msize=%d duration=%.1fs requests=%d -> %.0f req/s, %.1f MiB/s each way,"
            + " latency p50=%.1fus p99=%.1fus%n",
        conns, msize, duration, n, n / duration, n * (double) msize / duration / (1 << 20),
        pct(all, 0.50) / 1e3, pct(all, 0.99) / 1e3);
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }

  /** lat[0] counts the samples kept in lat[1..]. */
  private static void run(InetSocketAddress addr, int msize, long measureFrom, long end,
      LongAdder requests, long[] lat) {
    ByteBuffer out = ByteBuffer.allocateDirect(msize);
    ByteBuffer in = ByteBuffer.allocateDirect(msize);
    for (int i = 0; i < msize; i++) {
      out.put(i, (byte) i);
    }
    try (SocketChannel ch = SocketChannel.open(addr)) {
      ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
      while (true) {
        long t0 = System.nanoTime();
        if (t0 >= end) {
          return;
        }
        out.clear();
        while (out.hasRemaining()) {
          ch.write(out);
        }
        in.clear();
        while (in.hasRemaining()) {
          if (ch.read(in) < 0) {
            throw new IOException("the server closed the connection");
          }
        }
        long t1 = System.nanoTime();
        if (t0 >= measureFrom) {
          requests.increment();
          if (lat[0] < lat.length - 1) {
            lat[(int) ++lat[0]] = t1 - t0;
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
