package dev.jloop.reference.internal;

import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.internal.pipes.PipeConnector;
import dev.jloop.reference.internal.process.SubprocessLauncher;
import dev.jloop.reference.internal.resolver.Resolver;
import dev.jloop.reference.internal.signals.SignalHandlers;
import dev.jloop.reference.internal.udp.DatagramEndpoints;
import dev.jloop.reference.internal.udp.DatagramSockOps;
import org.apiguardian.api.API;

/**
 * The reference loop's datagrams, pipes, subprocesses, signals and resolver, each created on
 * first use; {@link SelectorEventLoop} delegates to them through {@link SelectorProcesses}.
 * Loop thread only.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ProcServices {
  private final SelectorEventLoop loop;
  private Resolver resolver;
  private DatagramEndpoints datagrams;
  private DatagramSockOps sockOps;
  private PipeConnector pipes;
  private SubprocessLauncher subprocesses;
  private SignalHandlers signals;

  public ProcServices(SelectorEventLoop loop) {
    this.loop = loop;
  }

  public Resolver resolver() {
    if (resolver == null) {
      resolver = new Resolver(loop);
    }
    return resolver;
  }

  public DatagramEndpoints datagrams() {
    if (datagrams == null) {
      datagrams = new DatagramEndpoints(loop, resolver());
    }
    return datagrams;
  }

  public DatagramSockOps sockOps() {
    if (sockOps == null) {
      sockOps = new DatagramSockOps(loop);
    }
    return sockOps;
  }

  public PipeConnector pipes() {
    if (pipes == null) {
      pipes = new PipeConnector(loop);
    }
    return pipes;
  }

  public SubprocessLauncher subprocesses() {
    if (subprocesses == null) {
      subprocesses = new SubprocessLauncher(loop);
    }
    return subprocesses;
  }

  public SignalHandlers signals() {
    if (signals == null) {
      signals = new SignalHandlers(loop);
    }
    return signals;
  }

  /** On loop close: put back the signal handlers this loop replaced, as asyncio's close does. */
  public void close() {
    if (signals != null) {
      signals.removeAll();
    }
  }
}
