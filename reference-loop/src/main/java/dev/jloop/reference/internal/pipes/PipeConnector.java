package dev.jloop.reference.internal.pipes;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.Protocol;
import dev.jloop.io.ReadTransport;
import dev.jloop.io.TransportProtocol;
import dev.jloop.io.WriteTransport;
import dev.jloop.reference.SelectorEventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * asyncio's {@code connect_read_pipe}/{@code connect_write_pipe}: check the channel, make it
 * non-blocking, wrap it, and complete the future once {@code connectionMade} has run (closing
 * the transport if the future was cancelled meanwhile). Loop thread only.
 */
public final class PipeConnector {
  /** asyncio's {@code _UnixReadPipeTransport.max_size}: 256 KiB per read. */
  static final int MAX_READ = 256 * 1024;

  private final SelectorEventLoop loop;
  private final ByteBuffer readBuffer = ByteBuffer.allocate(MAX_READ);

  public PipeConnector(SelectorEventLoop loop) {
    this.loop = loop;
  }

  public <P extends Protocol> Future<TransportProtocol<ReadTransport, P>> connectRead(
      Supplier<? extends P> factory, SelectableChannel pipe) {
    check(factory, pipe);
    if (!(pipe instanceof ReadableByteChannel)) {
      throw new IllegalArgumentException("a read pipe must be a ReadableByteChannel: " + pipe);
    }
    return loop.createTask(() -> {
      P protocol = make(factory);
      nonBlocking(pipe);
      Future<Void> waiter = loop.createFuture();
      SelectorReadPipeTransport t = new SelectorReadPipeTransport(loop, pipe, protocol, readBuffer, waiter);
      awaitOrClose(waiter, t::close);
      return new TransportProtocol<ReadTransport, P>(t, protocol);
    }, "connect_read_pipe");
  }

  public <P extends BaseProtocol> Future<TransportProtocol<WriteTransport, P>> connectWrite(
      Supplier<? extends P> factory, SelectableChannel pipe) {
    check(factory, pipe);
    if (!(pipe instanceof WritableByteChannel)) {
      throw new IllegalArgumentException("a write pipe must be a WritableByteChannel: " + pipe);
    }
    return loop.createTask(() -> {
      P protocol = make(factory);
      nonBlocking(pipe);
      Future<Void> waiter = loop.createFuture();
      SelectorWritePipeTransport t = new SelectorWritePipeTransport(loop, pipe, protocol, waiter);
      awaitOrClose(waiter, t::close);
      return new TransportProtocol<WriteTransport, P>(t, protocol);
    }, "connect_write_pipe");
  }

  private static void check(Supplier<?> factory, SelectableChannel pipe) {
    Objects.requireNonNull(factory, "protocolFactory");
    Objects.requireNonNull(pipe, "pipe");
    if (!pipe.isOpen()) {
      throw new IllegalArgumentException("the pipe is closed: " + pipe);
    }
  }

  private static <P> P make(Supplier<? extends P> factory) {
    return Objects.requireNonNull(factory.get(), "protocolFactory returned null");
  }

  private static void nonBlocking(SelectableChannel pipe) throws IOException {
    pipe.configureBlocking(false);
  }

  private static void awaitOrClose(Future<Void> waiter, Runnable close) {
    try {
      Async.await(waiter);
    } catch (RuntimeException | Error e) {
      close.run();
      throw e;
    }
  }
}
