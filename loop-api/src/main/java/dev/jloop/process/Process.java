package dev.jloop.process;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.internal.process.SubprocessStreamProtocol;
import dev.jloop.io.SubprocessTransport;
import dev.jloop.streams.StreamReader;
import dev.jloop.streams.StreamWriter;
import java.io.IOException;
import org.apiguardian.api.API;

/**
 * A child process started by {@link Subprocesses}: asyncio's {@code asyncio.subprocess.Process}.
 *
 * <p>Its piped standard streams are a {@link StreamWriter} (stdin) and {@link StreamReader}s
 * (stdout, stderr), {@code null} when that stream is not piped. Methods that wait return a
 * {@link Future} to await with {@link Async#await}. Loop thread only.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Process {
  /**
   * What {@link #communicate} returns: everything the child wrote to stdout and stderr.
   *
   * @param stdout the child's output, or {@code null} if stdout was not piped
   * @param stderr the child's error output, or {@code null} if stderr was not piped
   */
  @API(status = API.Status.STABLE, since = "0.1")
  public record Output(byte[] stdout, byte[] stderr) {}

  private final EventLoop loop;
  private final SubprocessStreamProtocol protocol;
  private final SubprocessTransport transport;

  Process(EventLoop loop, SubprocessTransport transport, SubprocessStreamProtocol protocol) {
    this.loop = loop;
    this.transport = transport;
    this.protocol = protocol;
  }

  /** The child's stdin, or {@code null} if it is not piped. */
  public StreamWriter stdin() {
    return protocol.stdin();
  }

  /** The child's stdout, or {@code null} if it is not piped. */
  public StreamReader stdout() {
    return protocol.stdout();
  }

  /** The child's stderr, or {@code null} if it is not piped. */
  public StreamReader stderr() {
    return protocol.stderr();
  }

  /** The child's process id. */
  public long pid() {
    return transport.getPid();
  }

  /**
   * The exit status, {@code null} while the child runs; a child ended by signal N that this
   * process sent has -N (see {@link SubprocessTransport#getReturncode()}).
   */
  public Integer returncode() {
    return transport.getReturncode();
  }

  /**
   * Done with the return code: at once if the child has exited, else when it has exited and
   * its pipes have closed. asyncio: {@code wait()} (Java's {@code Object.wait()} is taken).
   * Beware, as asyncio warns: with piped output nobody reads, the child may block on a full
   * pipe and never exit; {@link #communicate} reads as it waits.
   */
  public Future<Integer> waitFor() {
    return protocol.exitWaiter();
  }

  /**
   * Sends {@code input} (if not {@code null}) to stdin and closes it, reads stdout and stderr to
   * their end, waits for the exit, and completes with the output. A child that stops reading
   * its stdin (broken pipe) is not an error, as in asyncio. asyncio: {@code communicate}.
   *
   * @throws IllegalStateException if {@code input} is given but stdin is not piped
   */
  public Future<Output> communicate(byte[] input) {
    if (input != null && stdin() == null) {
      throw new IllegalStateException("communicate(input) needs stdin=PIPE");
    }
    return loop.createTask(() -> {
      Future<Void> in = input != null ? loop.createTask(() -> feedStdin(input)) : done(null);
      Future<byte[]> out = stdout() != null ? loop.createTask(() -> readAll(1)) : done(null);
      Future<byte[]> err = stderr() != null ? loop.createTask(() -> readAll(2)) : done(null);
      Async.await(Async.gather(in, out, err));
      Async.await(waitFor());
      return new Output(out.result(), err.result());
    }, "communicate-" + pid());
  }

  /** {@link #communicate(byte[])} without input. */
  public Future<Output> communicate() {
    return communicate(null);
  }

  private Void feedStdin(byte[] input) {
    StreamWriter w = stdin();
    try {
      w.write(input);
      Async.await(w.drain());
    } catch (Exception e) { // Async.await rethrows checked exceptions as they were set
      if (!(e instanceof IOException)) {
        throw e;
      }
      // asyncio's communicate ignores BrokenPipeError and ConnectionResetError
    }
    w.close();
    return null;
  }

  private byte[] readAll(int fd) {
    StreamReader r = fd == 1 ? stdout() : stderr();
    byte[] data = Async.await(r.read());
    transport.getPipeTransport(fd).close();
    return data;
  }

  private <T> Future<T> done(T value) {
    Future<T> f = loop.createFuture();
    f.setResult(value);
    return f;
  }

  /** Sends {@code signal} (a POSIX number) to the child. asyncio: {@code send_signal}. */
  public void sendSignal(int signal) {
    transport.sendSignal(signal);
  }

  /** Sends SIGTERM. asyncio: {@code terminate}. */
  public void terminate() {
    transport.terminate();
  }

  /** Sends SIGKILL. asyncio: {@code kill}. */
  public void kill() {
    transport.kill();
  }

  @Override
  public String toString() {
    return "Process[pid=" + pid() + (returncode() != null ? ", returncode=" + returncode() : "") + "]";
  }
}
