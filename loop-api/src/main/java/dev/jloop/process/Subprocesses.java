package dev.jloop.process;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.internal.process.SubprocessStreamProtocol;
import dev.jloop.io.SubprocessOptions;
import dev.jloop.io.SubprocessTransport;
import dev.jloop.io.TransportProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * asyncio's {@code create_subprocess_exec}/{@code create_subprocess_shell}: start a child on the
 * running loop and get a {@link Process} with stream readers and writer for its piped stdio.
 * Built only on {@link dev.jloop.EventLoopProcesses#subprocessExec}, so any loop that
 * implements that gets these.
 *
 * <p>Without options the child inherits the JVM's stdin, stdout and stderr, as asyncio's
 * defaults ({@code None}) do; pass {@link SubprocessOptions} with {@code PIPE} to talk to it.
 * Call on the loop thread (from a task or a callback); the future completes there.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Subprocesses {
  private Subprocesses() {}

  /**
   * Starts {@code program} with {@code args}, inheriting stdio.
   *
   * @throws IllegalStateException if no loop is running on this thread
   */
  public static Future<Process> createSubprocessExec(String program, String... args) {
    Objects.requireNonNull(program, "program");
    List<String> all = new ArrayList<>(args.length + 1);
    all.add(program);
    all.addAll(List.of(args));
    return createSubprocessExec(all, SubprocessOptions.inherit());
  }

  /**
   * Starts {@code args.get(0)} with the other arguments. asyncio: {@code create_subprocess_exec}.
   * The future fails as {@link dev.jloop.EventLoopProcesses#subprocessExec}'s does.
   *
   * @throws IllegalStateException if no loop is running on this thread
   */
  public static Future<Process> createSubprocessExec(List<String> args, SubprocessOptions options) {
    Objects.requireNonNull(options, "options");
    EventLoop loop = Async.getRunningLoop();
    var started = loop.subprocessExec(
        () -> new SubprocessStreamProtocol(loop, options.limit()), args, options);
    return wrap(loop, started);
  }

  /** Runs {@code cmd} with the shell, inheriting stdio. */
  public static Future<Process> createSubprocessShell(String cmd) {
    return createSubprocessShell(cmd, SubprocessOptions.inherit());
  }

  /**
   * Runs {@code cmd} with {@code /bin/sh -c}. asyncio: {@code create_subprocess_shell}.
   *
   * @throws IllegalStateException if no loop is running on this thread
   */
  public static Future<Process> createSubprocessShell(String cmd, SubprocessOptions options) {
    Objects.requireNonNull(options, "options");
    EventLoop loop = Async.getRunningLoop();
    var started = loop.subprocessShell(
        () -> new SubprocessStreamProtocol(loop, options.limit()), cmd, options);
    return wrap(loop, started);
  }

  private static Future<Process> wrap(EventLoop loop,
      Future<TransportProtocol<SubprocessTransport, SubprocessStreamProtocol>> started) {
    return loop.createTask(() -> {
      TransportProtocol<SubprocessTransport, SubprocessStreamProtocol> tp = Async.await(started);
      return new Process(loop, tp.transport(), tp.protocol());
    }, "create_subprocess");
  }
}
