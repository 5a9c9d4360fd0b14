package dev.jloop;

import dev.jloop.io.BaseProtocol;
import dev.jloop.io.Protocol;
import dev.jloop.io.ReadTransport;
import dev.jloop.io.SubprocessOptions;
import dev.jloop.io.SubprocessProtocol;
import dev.jloop.io.SubprocessTransport;
import dev.jloop.io.TransportProtocol;
import dev.jloop.io.WriteTransport;
import java.nio.channels.SelectableChannel;
import java.util.List;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The part of {@link EventLoop} that covers asyncio's pipes, subprocesses and signals:
 * {@code connect_read_pipe}, {@code connect_write_pipe}, {@code subprocess_exec},
 * {@code subprocess_shell}, {@code add_signal_handler}, {@code remove_signal_handler}.
 *
 * <p>Every method has a default that throws {@link UnsupportedOperationException} naming the
 * asyncio method, so that a loop without this feature still compiles; the TCK reports such a
 * method as "not implemented". Loop thread only, like the rest of {@link EventLoop}; futures
 * and protocol callbacks complete and run on the loop thread.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface EventLoopProcesses {

  /**
   * Reads {@code pipe}, a selectable channel that is also a
   * {@link java.nio.channels.ReadableByteChannel} (a {@link java.nio.channels.Pipe.SourceChannel},
   * a socket...), through a {@link ReadTransport}. asyncio: {@code connect_read_pipe}. The loop
   * makes the channel non-blocking. Calls: {@code connectionMade}, {@code dataReceived}*, at the
   * end of the data {@code eofReceived} (its result is ignored, as asyncio ignores it) then
   * {@code connectionLost(null)}; on a read error {@code connectionLost(error)}. The future
   * completes once {@code connectionMade} has run.
   *
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code pipe} is not readable, or closed
   * @throws IllegalStateException if the loop is closed
   */
  default <P extends Protocol> Future<TransportProtocol<ReadTransport, P>> connectReadPipe(
      Supplier<? extends P> protocolFactory, SelectableChannel pipe) {
    throw new UnsupportedOperationException("connect_read_pipe");
  }

  /**
   * Writes {@code pipe}, a selectable channel that is also a
   * {@link java.nio.channels.WritableByteChannel}, through a {@link WriteTransport} with
   * buffering and water marks. asyncio: {@code connect_write_pipe}. {@code close()} and
   * {@code writeEof()} flush the buffer, close the channel and call {@code connectionLost(null)};
   * a write that fails because the reader went away ends in {@code connectionLost} with the
   * {@link java.io.IOException} ("Broken pipe", asyncio's {@code BrokenPipeError}).
   *
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code pipe} is not writable, or closed
   * @throws IllegalStateException if the loop is closed
   */
  default <P extends BaseProtocol> Future<TransportProtocol<WriteTransport, P>> connectWritePipe(
      Supplier<? extends P> protocolFactory, SelectableChannel pipe) {
    throw new UnsupportedOperationException("connect_write_pipe");
  }

  /**
   * Starts {@code args.get(0)} with the remaining arguments, without a shell. asyncio:
   * {@code subprocess_exec}. The future completes once the protocol's {@code connectionMade}
   * has run; it fails with the {@link java.io.IOException} of a program that cannot be
   * started. Calls on the protocol: {@code connectionMade}; then, in the order they happen,
   * {@code pipeDataReceived(fd, data)}, {@code pipeConnectionLost(fd, exc)} and
   * {@code processExited()}; {@code connectionLost(null)} last, once the child has exited and
   * every pipe is closed.
   *
   * @throws NullPointerException if an argument or an element of {@code args} is {@code null}
   * @throws IllegalArgumentException if {@code args} is empty
   * @throws IllegalStateException if the loop is closed
   */
  default <P extends SubprocessProtocol> Future<TransportProtocol<SubprocessTransport, P>>
      subprocessExec(Supplier<? extends P> protocolFactory, List<String> args,
          SubprocessOptions options) {
    throw new UnsupportedOperationException("subprocess_exec");
  }

  /**
   * Runs {@code cmd} with the system shell ({@code /bin/sh -c cmd}). asyncio:
   * {@code subprocess_shell}. Otherwise as {@link #subprocessExec}.
   *
   * @throws IllegalArgumentException if {@code cmd} is empty
   */
  default <P extends SubprocessProtocol> Future<TransportProtocol<SubprocessTransport, P>>
      subprocessShell(Supplier<? extends P> protocolFactory, String cmd,
          SubprocessOptions options) {
    throw new UnsupportedOperationException("subprocess_shell");
  }

  /**
   * Runs {@code callback} on the loop thread each time the process receives {@code signal}, a
   * POSIX signal number; replaces this loop's earlier handler for it. asyncio:
   * {@code add_signal_handler}. The signal wakes a loop blocked waiting for I/O.
   *
   * @throws NullPointerException if {@code callback} is {@code null}
   * @throws IllegalArgumentException if the signal is unknown, cannot be caught
   *     ({@code SIGKILL}, {@code SIGSTOP}) or is the JVM's own ({@code SIGQUIT}, {@code SIGSEGV}...)
   * @throws IllegalStateException if the loop is closed
   */
  default void addSignalHandler(int signal, Runnable callback) {
    throw new UnsupportedOperationException("add_signal_handler");
  }

  /**
   * {@link #addSignalHandler(int, Runnable)} with a signal name, with or without the
   * {@code SIG} prefix: {@code "USR1"}, {@code "SIGUSR1"}.
   */
  default void addSignalHandler(String signal, Runnable callback) {
    throw new UnsupportedOperationException("add_signal_handler");
  }

  /**
   * Removes this loop's handler for {@code signal} and puts back the handler that was in place
   * before it; returns whether there was one. asyncio: {@code remove_signal_handler}.
   *
   * @throws IllegalArgumentException if the signal is unknown
   */
  default boolean removeSignalHandler(int signal) {
    throw new UnsupportedOperationException("remove_signal_handler");
  }

  /** {@link #removeSignalHandler(int)} with a signal name. */
  default boolean removeSignalHandler(String signal) {
    throw new UnsupportedOperationException("remove_signal_handler");
  }
}
