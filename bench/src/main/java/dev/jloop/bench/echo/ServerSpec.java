package dev.jloop.bench.echo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One echo server entry of the benchmark: how to start it, and why it cannot run here if so.
 *
 * @param id stable id, used in the results file ({@code loop}) and on the command line
 * @param label what people read, e.g. {@code "Netty epoll, 1 loop"}
 * @param runtime {@code jvm} or {@code cpython}
 * @param command the child process's command line
 * @param tls whether the server speaks TLS (the load generator then trusts {@link Env#tls()})
 * @param skip why this entry cannot run on this machine, or null
 */
record ServerSpec(String id, String label, String runtime, List<String> command, boolean tls,
    String skip) {
  /** Every id, in the order a round visits them (before rotation). */
  static final List<String> IDS = List.of("jloop-protocol", "jloop-streams", "jloop-tls",
      "jloop-buffered", "raw-nio", "raw-nio-array", "netty-nio-1", "netty-epoll-1", "netty-nio-default",
      "netty-nio-1-tls", "asyncio-protocol", "asyncio-streams", "asyncio-tls", "uvloop-protocol",
      "uvloop-streams", "uvloop-tls");

  /** Ids there for profiling, not run by default. */
  static final List<String> PROFILING_IDS = List.of("jloop-buffered", "raw-nio-array");

  /** Ids run by default: all but {@link #PROFILING_IDS}. */
  static final List<String> DEFAULT_IDS = IDS.stream().filter(id -> !PROFILING_IDS.contains(id)).toList();

  /**
   * What the entries need from the machine.
   *
   * @param java the java launcher for JVM servers
   * @param classPath the class path holding this module and its dependencies
   * @param jvmArgs JVM options every JVM server gets
   * @param script {@code bench/python/echo_server.py}, or null if it was not found
   * @param python CPython for asyncio
   * @param uvloop the interpreter with uvloop
   * @param loop the jloop provider id
   * @param tls the TLS material, or null with {@code tlsSkip} saying why
   * @param tlsSkip why there is no TLS material, or null
   */
  record Env(String java, String classPath, List<String> jvmArgs, Path script,
      PythonInfo python, PythonInfo uvloop, String loop, TlsMaterial tls, String tlsSkip) {}

  static List<ServerSpec> all(Env env) {
    List<ServerSpec> out = new ArrayList<>();
    for (String mode : List.of("protocol", "streams", "tls", "buffered")) {
      List<String> args = new ArrayList<>(List.of("--loop", env.loop(), "--mode", mode));
      String skip = null;
      if (mode.equals("tls")) {
        if (env.tls() == null) {
          skip = env.tlsSkip();
        } else {
          args.addAll(List.of("--keystore", env.tls().keystore().toString(), "--password",
              env.tls().password()));
        }
      }
      out.add(jvm("jloop-" + mode, "jloop " + (mode.equals("tls") ? "TLS protocol" : mode),
          env, JloopEchoServer.class, args, mode.equals("tls"), skip));
    }
    out.add(jvm("raw-nio", "raw NIO (ceiling)", env, RawNioEchoServer.class, List.of(), false, null));
    out.add(jvm("raw-nio-array", "raw NIO + byte[] per read", env, RawNioEchoServer.class,
        List.of("--array"), false, null));
    out.add(jvm("netty-nio-1", "Netty NIO, 1 loop", env, NettyEchoServer.class,
        List.of("--transport", "nio", "--threads", "1"), false, null));
    out.add(jvm("netty-epoll-1", "Netty epoll, 1 loop", env, NettyEchoServer.class,
        List.of("--transport", "epoll", "--threads", "1"), false, null));
    out.add(jvm("netty-nio-default", "Netty NIO, default loops", env, NettyEchoServer.class,
        List.of("--transport", "nio", "--threads", "0"), false, null));
    out.add(jvm("netty-nio-1-tls", "Netty NIO TLS, 1 loop", env, NettyEchoServer.class,
        env.tls() == null ? List.of() : List.of("--transport", "nio", "--threads", "1", "--keystore",
            env.tls().keystore().toString(), "--password", env.tls().password()), true,
        env.tls() == null ? env.tlsSkip() : null));
    for (String loop : List.of("asyncio", "uvloop")) {
      PythonInfo py = loop.equals("asyncio") ? env.python() : env.uvloop();
      for (String mode : List.of("protocol", "streams", "tls")) {
        out.add(python(env, loop, py, mode));
      }
    }
    return out;
  }

  /** {@code bench/python/echo_server.py} on {@code py}; TLS mode gets the PEM pair. */
  private static ServerSpec python(Env env, String loop, PythonInfo py, String mode) {
    boolean tls = mode.equals("tls");
    String skip = env.script() == null ? "bench/python/echo_server.py not found" : py.skip();
    if (skip == null && tls && env.tls() == null) {
      skip = env.tlsSkip();
    }
    List<String> cmd = new ArrayList<>();
    if (skip == null) {
      cmd.addAll(List.of(py.executable(), "-u", env.script().toString(), "--loop", loop, "--mode",
          mode));
      if (tls) {
        cmd.addAll(List.of("--cert", env.tls().cert().toString(), "--key", env.tls().key().toString()));
      }
    }
    String label = (loop.equals("asyncio") ? "CPython asyncio " : "uvloop ")
        + (tls ? "TLS protocol" : mode);
    return new ServerSpec(loop + "-" + mode, label, "cpython", List.copyOf(cmd), tls, skip);
  }

  private static ServerSpec jvm(String id, String label, Env env, Class<?> main, List<String> args,
      boolean tls, String skip) {
    List<String> cmd = new ArrayList<>();
    cmd.add(env.java());
    cmd.addAll(env.jvmArgs());
    cmd.addAll(List.of("-cp", env.classPath(), main.getName()));
    cmd.addAll(args);
    return new ServerSpec(id, label, "jvm", List.copyOf(cmd), tls, skip);
  }
}
