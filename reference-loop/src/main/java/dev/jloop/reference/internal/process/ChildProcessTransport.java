package dev.jloop.reference.internal.process;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.Protocol;
import dev.jloop.io.SubprocessProtocol;
import dev.jloop.io.SubprocessTransport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * asyncio's {@code BaseSubprocessTransport} over a JDK {@link Process}.
 *
 * <p>Order of the protocol's calls, as asyncio's: {@code connectionMade} once the pipes are
 * connected; calls that happen before it (data, a pipe's end, the exit) are queued and follow
 * it in order; then {@code pipeDataReceived}, {@code pipeConnectionLost} and
 * {@code processExited} in the order they happen; {@code connectionLost(null)} last, once the
 * child has exited and every pipe has closed. The exit is seen through
 * {@link Process#onExit()}.
 *
 * <p>Return code: the JDK reports a child killed by signal N as 128 + N. asyncio reports -N. The
 * transport reports -N when it sent signal N to the child itself ({@link #sendSignal},
 * {@link #terminate}, {@link #kill}, {@link #close}); otherwise it cannot tell a signal from
 * {@code exit(128 + N)} and reports the JDK's value. Loop thread only.
 */
final class ChildProcessTransport implements SubprocessTransport {
  private final EventLoop loop;
  private final Process process;
  private final long pid;
  private final Map<Integer, PipeProto> pipes = new TreeMap<>();
  private final Set<Integer> signalsSent = new HashSet<>();
  private final List<Future<Integer>> exitWaiters = new ArrayList<>();
  private SubprocessProtocol protocol;
  private ArrayDeque<Runnable> pendingCalls = new ArrayDeque<>();
  private Integer returncode;
  private boolean closed;
  private boolean finished;
  private boolean lostCalled;

  /** The protocol of one pipe's transport: forwards to the subprocess protocol. */
  private final class PipeProto implements Protocol {
    final int fd;
    BaseTransport pipe;
    boolean disconnected;

    PipeProto(int fd) {
      this.fd = fd;
    }

    @Override
    public void dataReceived(byte[] data) {
      call(() -> protocol.pipeDataReceived(fd, data));
    }

    @Override
    public void connectionLost(Throwable exc) {
      disconnected = true;
      call(() -> protocol.pipeConnectionLost(fd, exc));
      tryFinish();
    }

    @Override
    public void pauseWriting() {
      protocol.pauseWriting();
    }

    @Override
    public void resumeWriting() {
      protocol.resumeWriting();
    }
  }

  /**
   * Wraps the started {@code process}: connects its piped streams (each transport schedules its
   * own {@code connectionMade}), then schedules the protocol's {@code connectionMade}, the queued
   * calls and the completion of {@code waiter}, and watches for the exit.
   */
  ChildProcessTransport(EventLoop loop, SubprocessProtocol protocol, Process process,
      boolean stdin, boolean stdout, boolean stderr, Future<Void> waiter) {
    this.loop = loop;
    this.protocol = protocol;
    this.process = process;
    this.pid = process.pid();
    String name = "jloop-pipe-" + pid + "-";
    if (stdin) {
      PipeProto p = new PipeProto(0);
      p.pipe = new PumpWriteTransport(loop, process.getOutputStream(), p, name + "stdin");
      pipes.put(0, p);
    }
    if (stdout) {
      PipeProto p = new PipeProto(1);
      p.pipe = new PumpReadTransport(loop, process.getInputStream(), p, name + "stdout");
      pipes.put(1, p);
    }
    if (stderr) {
      PipeProto p = new PipeProto(2);
      p.pipe = new PumpReadTransport(loop, process.getErrorStream(), p, name + "stderr");
      pipes.put(2, p);
    }
    loop.callSoon(() -> connected(waiter));
    process.onExit().whenComplete((p, e) -> Pumps.post(loop, () -> processExited(process.exitValue())));
  }

  private void connected(Future<Void> waiter) {
    loop.callSoon(() -> protocol.connectionMade(this));
    for (Runnable r : pendingCalls) {
      loop.callSoon(r);
    }
    pendingCalls = null;
    if (!waiter.done()) {
      waiter.setResult(null);
    }
  }

  private void call(Runnable r) {
    if (pendingCalls != null) {
      pendingCalls.add(r);
    } else {
      loop.callSoon(r);
    }
  }

  private void processExited(int jdkStatus) {
    if (returncode != null) {
      return;
    }
    int sig = jdkStatus - 128;
    returncode = sig > 0 && signalsSent.contains(sig) ? -sig : jdkStatus;
    PipeProto stdin = pipes.get(0);
    if (stdin != null) {
      ((PumpWriteTransport) stdin.pipe).readerGone();
    }
    call(() -> protocol.processExited());
    tryFinish();
  }

  private void tryFinish() {
    if (returncode == null || finished) {
      return;
    }
    for (PipeProto p : pipes.values()) {
      if (!p.disconnected) {
        return;
      }
    }
    finished = true;
    call(this::callConnectionLost);
  }

  private void callConnectionLost() {
    lostCalled = true;
    try {
      protocol.connectionLost(null);
    } finally {
      for (Future<Integer> w : exitWaiters) {
        if (!w.done()) {
          w.setResult(returncode);
        }
      }
      exitWaiters.clear();
    }
  }

  /**
   * A future of the return code, asyncio's {@code _wait()}: done at once if the child has
   * exited, else once the transport is finished (exit seen and every pipe closed).
   */
  Future<Integer> exitFuture() {
    Future<Integer> f = loop.createFuture();
    if (returncode != null) {
      f.setResult(returncode);
    } else {
      exitWaiters.add(f);
    }
    return f;
  }

  @Override
  public long getPid() {
    return pid;
  }

  @Override
  public Integer getReturncode() {
    return returncode;
  }

  @Override
  public BaseTransport getPipeTransport(int fd) {
    PipeProto p = pipes.get(fd);
    return p == null ? null : p.pipe;
  }

  @Override
  public void sendSignal(int signal) {
    Kill.check(signal);
    if (lostCalled) {
      throw new IllegalStateException("process " + pid + " is gone (asyncio: ProcessLookupError)");
    }
    if (returncode != null) {
      return;
    }
    signalsSent.add(signal);
    Kill.send(process.toHandle(), signal);
  }

  @Override
  public void terminate() {
    sendSignal(Kill.SIGTERM);
  }

  @Override
  public void kill() {
    sendSignal(Kill.SIGKILL);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (PipeProto p : pipes.values()) {
      p.pipe.close();
    }
    if (returncode == null && process.isAlive()) {
      signalsSent.add(Kill.SIGKILL);
      process.toHandle().destroyForcibly();
    }
  }

  @Override
  public boolean isClosing() {
    return closed;
  }

  @Override
  public Object getExtraInfo(String name) {
    return "subprocess".equals(name) ? process : null;
  }

  @Override
  public void setProtocol(BaseProtocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    if (!(protocol instanceof SubprocessProtocol p)) {
      throw new IllegalArgumentException("a subprocess transport needs a SubprocessProtocol, not " + protocol);
    }
    this.protocol = p;
  }

  @Override
  public SubprocessProtocol getProtocol() {
    return protocol;
  }

  @Override
  public String toString() {
    return "ChildProcessTransport[pid=" + pid + (closed ? ", closed" : "")
        + (returncode != null ? ", returncode=" + returncode : ", running") + "]";
  }
}
