package dev.jloop.reference.internal;

import dev.jloop.EventLoop;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.BaseTransport;

/**
 * What asyncio's read and write pipe transports share: the protocol, its {@code connectionMade}
 * scheduled at construction, the single {@code connectionLost} followed by {@link #released},
 * and the {@code "pipe"} extra info. Loop thread only.
 *
 * @param <P> the protocol type the transport drives
 */
abstract class PipeTransport<P extends BaseProtocol> implements BaseTransport {
  protected final EventLoop loop;
  private final Object pipe;
  private P protocol;
  private boolean lost;

  /** Schedules the protocol's {@code connectionMade}; {@code pipe} is the {@code "pipe"} extra info. */
  PipeTransport(EventLoop loop, Object pipe, P protocol) {
    this.loop = loop;
    this.pipe = pipe;
    this.protocol = protocol;
    loop.callSoon(() -> this.protocol.connectionMade(this));
  }

  /** Release the pipe: {@code connectionLost} was called (or failed). */
  protected abstract void released();

  /** Calls the protocol's {@code connectionLost(exc)} the first time only, then {@link #released}. */
  protected final void callConnectionLost(Throwable exc) {
    if (lost) {
      return;
    }
    lost = true;
    try {
      protocol.connectionLost(exc);
    } finally {
      released();
    }
  }

  /** Whether {@code connectionLost} was called. */
  final boolean isLost() {
    return lost;
  }

  final void protocol(P protocol) {
    this.protocol = protocol;
  }

  @Override
  public P getProtocol() {
    return protocol;
  }

  @Override
  public final Object getExtraInfo(String name) {
    return "pipe".equals(name) ? pipe : null;
  }

  /** What {@code toString} names the pipe by. */
  protected String describePipe() {
    return String.valueOf(pipe);
  }
}
