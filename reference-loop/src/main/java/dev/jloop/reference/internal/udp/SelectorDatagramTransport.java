package dev.jloop.reference.internal.udp;

import dev.jloop.Future;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.DatagramProtocol;
import dev.jloop.io.DatagramTransport;
import dev.jloop.io.WriteTransport;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.internal.ChannelWatch;
import dev.jloop.reference.internal.TransportErrors;
import dev.jloop.reference.internal.WriteFlow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * asyncio's {@code _SelectorDatagramTransport} on a non-blocking {@link DatagramChannel}.
 *
 * <p>One datagram is received per readiness event. {@code sendto} sends at once when nothing is
 * buffered; a datagram that would block is buffered (with the writer watching the channel) and
 * counted as its length plus an 8-byte header. Empty datagrams are sent, as asyncio does since
 * Python 3.12, except on a connected channel, where the JDK skips empty writes (so they are
 * dropped, as asyncio 3.11 drops them). Receive and send errors that are
 * {@link IOException}s go to {@code errorReceived} and the endpoint stays open; anything else is
 * fatal: reported to the exception handler, then {@code connectionLost(exc)}. Loop thread only.
 */
public final class SelectorDatagramTransport implements DatagramTransport {
  /** asyncio 3.12+'s {@code _header_size}: the UDP header, counted per buffered datagram. */
  static final int HEADER_SIZE = 8;

  private record Outgoing(byte[] data, SocketAddress addr) {}

  /**
   * How a datagram goes out: the number of bytes sent, 0 if the socket buffer had no room.
   * The real one uses the channel; a test can wrap it to make the socket look full, which
   * loopback UDP never is on some kernels (gVisor's never reports EAGAIN for UDP).
   */
  @FunctionalInterface
  interface Sender {
    int send(DatagramChannel channel, ByteBuffer data, SocketAddress target) throws IOException;
  }

  static final Sender CHANNEL_SENDER = (ch, data, target) -> ch.send(data, target);

  private final SelectorEventLoop loop;
  private final DatagramChannel channel;
  private final SocketAddress remote;
  private final ByteBuffer readBuffer;
  private final Sender sender;
  private final ChannelWatch watch;
  private final WriteFlow flow;
  private final Map<String, Object> extra = new HashMap<>();
  private final ArrayDeque<Outgoing> buffer = new ArrayDeque<>();
  private DatagramProtocol protocol;
  private int connLost;
  private int writesAfterLoss;
  private boolean closing;
  private boolean lostCalled;

  /**
   * Wraps {@code channel} (non-blocking, bound and possibly connected). Schedules
   * {@code connectionMade}, then the start of reading, then the completion of {@code waiter}.
   *
   * @param remote the default and only destination, or {@code null}
   * @param readBuffer a buffer of the loop's, shared by its datagram transports
   */
  SelectorDatagramTransport(SelectorEventLoop loop, DatagramChannel channel,
      DatagramProtocol protocol, SocketAddress remote, ByteBuffer readBuffer, Future<Void> waiter) {
    this(loop, channel, protocol, remote, readBuffer, waiter, CHANNEL_SENDER);
  }

  SelectorDatagramTransport(SelectorEventLoop loop, DatagramChannel channel,
      DatagramProtocol protocol, SocketAddress remote, ByteBuffer readBuffer, Future<Void> waiter,
      Sender sender) {
    this.loop = loop;
    this.sender = sender;
    this.channel = channel;
    this.protocol = protocol;
    this.remote = remote;
    this.readBuffer = readBuffer;
    this.watch = ChannelWatch.claim(loop, channel, this);
    this.flow = new WriteFlow(loop, this);
    extra.put("socket", channel);
    try {
      extra.put("sockname", channel.getLocalAddress());
      extra.put("peername", channel.isConnected() ? channel.getRemoteAddress() : null);
    } catch (IOException e) {
      // asyncio stores None when getsockname()/getpeername() fail
    }
    loop.callSoon(() -> this.protocol.connectionMade(this));
    loop.callSoon(this::startReading);
    if (waiter != null) {
      loop.callSoon(() -> {
        if (!waiter.done()) {
          waiter.setResult(null);
        }
      });
    }
  }

  private void startReading() {
    if (!closing) {
      watch.setReader(this::readReady);
    }
  }

  private void readReady() {
    if (connLost > 0) {
      return;
    }
    readBuffer.clear();
    SocketAddress from;
    try {
      from = channel.receive(readBuffer);
    } catch (IOException e) {
      protocol.errorReceived(e);
      return;
    } catch (RuntimeException e) {
      fatalError(e, "Fatal read error on datagram transport");
      return;
    }
    if (from == null) {
      return;
    }
    readBuffer.flip();
    byte[] data = new byte[readBuffer.remaining()];
    readBuffer.get(data);
    protocol.datagramReceived(data, from);
  }

  @Override
  public void sendto(byte[] data, SocketAddress addr) {
    Objects.requireNonNull(data, "data");
    SocketAddress target = addr;
    if (remote != null) {
      if (addr != null && !addr.equals(remote)) {
        throw new IllegalArgumentException("Invalid address: must be null or " + remote);
      }
      target = remote;
    } else {
      Objects.requireNonNull(addr, "addr (the endpoint has no remote address)");
    }
    if (!(target instanceof InetSocketAddress isa) || isa.isUnresolved()) {
      throw new IllegalArgumentException("addr must be a resolved InetSocketAddress: " + target);
    }
    if (connLost > 0 || closing) {
      writesAfterLoss = TransportErrors.writeAfterLoss(writesAfterLoss,
          "socket.send() raised exception.");
      return;
    }
    if (buffer.isEmpty()) {
      try {
        if (send(data, target)) {
          return;
        }
        watch.setWriter(this::sendtoReady);
      } catch (IOException e) {
        protocol.errorReceived(e);
        return;
      } catch (RuntimeException e) {
        fatalError(e, "Fatal write error on datagram transport");
        return;
      }
    }
    buffer.add(new Outgoing(data.clone(), target));
    flow.grow(data.length + HEADER_SIZE);
  }

  /** Sends one datagram; false if the socket buffer had no room (nothing was sent). */
  private boolean send(byte[] data, SocketAddress target) throws IOException {
    int n = sender.send(channel, ByteBuffer.wrap(data), target);
    // An empty datagram reports 0 bytes whether or not it went out; count it as sent.
    return n > 0 || data.length == 0;
  }

  private void sendtoReady() {
    while (!buffer.isEmpty()) {
      Outgoing o = buffer.peek();
      try {
        if (!send(o.data(), o.addr())) {
          break;
        }
      } catch (IOException e) {
        drop();
        protocol.errorReceived(e);
        return;
      } catch (RuntimeException e) {
        fatalError(e, "Fatal write error on datagram transport");
        return;
      }
      drop();
    }
    flow.maybeResume();
    if (buffer.isEmpty()) {
      watch.removeWriter();
      if (closing && connLost == 0) {
        connLost++;
        callConnectionLost(null);
      }
    }
  }

  private void drop() {
    Outgoing o = buffer.poll();
    flow.shrink(o.data().length + HEADER_SIZE);
  }

  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    watch.removeReader();
    if (buffer.isEmpty()) {
      connLost++;
      watch.removeWriter();
      loop.callSoon(() -> callConnectionLost(null));
    }
  }

  @Override
  public void abort() {
    forceClose(null);
  }

  private void fatalError(Throwable exc, String message) {
    TransportErrors.rethrowFatal(exc);
    TransportErrors.report(loop, message, exc, this, protocol);
    forceClose(exc);
  }

  private void forceClose(Throwable exc) {
    if (connLost > 0) {
      return;
    }
    if (!buffer.isEmpty()) {
      buffer.clear();
      flow.clear();
      watch.removeWriter();
    }
    if (!closing) {
      closing = true;
      watch.removeReader();
    }
    connLost++;
    loop.callSoon(() -> callConnectionLost(exc));
  }

  private void callConnectionLost(Throwable exc) {
    if (lostCalled) {
      return;
    }
    lostCalled = true;
    try {
      protocol.connectionLost(exc);
    } finally {
      watch.releaseAndClose(this);
    }
  }

  @Override
  public long getWriteBufferSize() {
    return flow.size();
  }

  @Override
  public void setWriteBufferLimits(int high, int low) {
    flow.setLimits(high, low);
  }

  @Override
  public WriteTransport.WaterMarks getWriteBufferLimits() {
    return flow.limits();
  }

  @Override
  public Object getExtraInfo(String name) {
    return extra.get(name);
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  @Override
  public void setProtocol(BaseProtocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    if (!(protocol instanceof DatagramProtocol p)) {
      throw new IllegalArgumentException("a datagram transport needs a DatagramProtocol, not " + protocol);
    }
    this.protocol = p;
  }

  @Override
  public DatagramProtocol getProtocol() {
    return protocol;
  }

  @Override
  public String toString() {
    return "SelectorDatagramTransport[" + (lostCalled ? "closed" : closing ? "closing" : "open")
        + ", local=" + extra.get("sockname") + ", remote=" + remote
        + ", bufsize=" + flow.size() + "]";
  }
}
