package dev.jloop.reference.internal.process;

import dev.jloop.Async;
import dev.jloop.Future;
import dev.jloop.io.SubprocessOptions;
import dev.jloop.io.SubprocessOptions.Stdio;
import dev.jloop.io.SubprocessProtocol;
import dev.jloop.io.SubprocessTransport;
import dev.jloop.io.TransportProtocol;
import dev.jloop.reference.SelectorEventLoop;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * asyncio's {@code subprocess_exec}/{@code subprocess_shell}: check the arguments, start the
 * child with a {@link ProcessBuilder}, wrap it in a {@link ChildProcessTransport} and complete
 * the future once the protocol's {@code connectionMade} has run. If that wait is cancelled the
 * child is killed and reaped before the cancellation propagates, as asyncio does. Loop thread
 * only.
 */
public final class SubprocessLauncher {
  private static final File DEV_NULL = new File("/dev/null");

  private final SelectorEventLoop loop;

  public SubprocessLauncher(SelectorEventLoop loop) {
    this.loop = loop;
  }

  public <P extends SubprocessProtocol> Future<TransportProtocol<SubprocessTransport, P>> exec(
      Supplier<? extends P> factory, List<String> args, SubprocessOptions options) {
    Objects.requireNonNull(args, "args");
    if (args.isEmpty()) {
      throw new IllegalArgumentException("args must name the program to run");
    }
    List<String> command = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      command.add(Objects.requireNonNull(args.get(i), "args[" + i + "]"));
    }
    return start(factory, command, options, "subprocess_exec");
  }

  public <P extends SubprocessProtocol> Future<TransportProtocol<SubprocessTransport, P>> shell(
      Supplier<? extends P> factory, String cmd, SubprocessOptions options) {
    Objects.requireNonNull(cmd, "cmd");
    if (cmd.isBlank()) {
      throw new IllegalArgumentException("cmd must not be empty");
    }
    return start(factory, List.of("/bin/sh", "-c", cmd), options, "subprocess_shell");
  }

  private <P extends SubprocessProtocol> Future<TransportProtocol<SubprocessTransport, P>> start(
      Supplier<? extends P> factory, List<String> command, SubprocessOptions options, String what) {
    Objects.requireNonNull(factory, "protocolFactory");
    Objects.requireNonNull(options, "options");
    return loop.createTask(() -> {
      P protocol = Objects.requireNonNull(factory.get(), "protocolFactory returned null");
      Process process = builder(command, options).start();
      Future<Void> waiter = loop.createFuture();
      ChildProcessTransport t = new ChildProcessTransport(loop, protocol, process,
          options.stdin() == Stdio.PIPE, options.stdout() == Stdio.PIPE,
          options.stderr() == Stdio.PIPE, waiter);
      try {
        Async.await(waiter);
      } catch (RuntimeException | Error e) {
        t.close();
        Async.await(t.exitFuture());
        throw e;
      }
      return new TransportProtocol<SubprocessTransport, P>(t, protocol);
    }, what);
  }

  static ProcessBuilder builder(List<String> command, SubprocessOptions o) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (o.cwd() != null) {
      pb.directory(o.cwd().toFile());
    }
    if (o.env() != null) {
      pb.environment().clear();
      pb.environment().putAll(o.env());
    }
    pb.redirectInput(switch (o.stdin()) {
      case PIPE -> ProcessBuilder.Redirect.PIPE;
      case DEVNULL -> ProcessBuilder.Redirect.from(DEV_NULL);
      case INHERIT, STDOUT -> ProcessBuilder.Redirect.INHERIT;
    });
    pb.redirectOutput(output(o.stdout()));
    if (o.stderr() == Stdio.STDOUT) {
      pb.redirectErrorStream(true);
    } else {
      pb.redirectError(output(o.stderr()));
    }
    return pb;
  }

  private static ProcessBuilder.Redirect output(Stdio s) {
    return switch (s) {
      case PIPE -> ProcessBuilder.Redirect.PIPE;
      case DEVNULL -> ProcessBuilder.Redirect.DISCARD;
      case INHERIT, STDOUT -> ProcessBuilder.Redirect.INHERIT;
    };
  }
}
