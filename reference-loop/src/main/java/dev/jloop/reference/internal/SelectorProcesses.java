package dev.jloop.reference.internal;

import dev.jloop.EventLoopDatagrams;
import dev.jloop.EventLoopProcesses;
import dev.jloop.EventLoopResolver;
import dev.jloop.Future;
import dev.jloop.io.AddrInfo;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.DatagramOptions;
import dev.jloop.io.DatagramProtocol;
import dev.jloop.io.DatagramTransport;
import dev.jloop.io.NameInfo;
import dev.jloop.io.Protocol;
import dev.jloop.io.ReadTransport;
import dev.jloop.io.ReceivedDatagram;
import dev.jloop.io.ReceivedInto;
import dev.jloop.io.SubprocessOptions;
import dev.jloop.io.SubprocessProtocol;
import dev.jloop.io.SubprocessTransport;
import dev.jloop.io.TransportProtocol;
import dev.jloop.io.WriteTransport;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Implements {@link EventLoopDatagrams}, {@link EventLoopResolver} and
 * {@link EventLoopProcesses} for the reference loop by forwarding every method to its
 * {@link ProcServices}, so that the scheduler class only says where they are. The contracts are
 * those of the three interfaces.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface SelectorProcesses extends EventLoopDatagrams, EventLoopResolver, EventLoopProcesses {
  /**
   * The loop's engine for these features.
   *
   * @throws IllegalStateException if the loop is closed (or, in debug mode, on the wrong thread)
   */
  ProcServices procServices();

  @Override
  default <P extends DatagramProtocol> Future<TransportProtocol<DatagramTransport, P>>
      createDatagramEndpoint(Supplier<? extends P> protocolFactory, DatagramOptions options) {
    return procServices().datagrams().create(protocolFactory, options);
  }

  @Override
  default Future<ReceivedDatagram> sockRecvfrom(DatagramChannel sock, int bufsize) {
    return procServices().sockOps().recvfrom(sock, bufsize);
  }

  @Override
  default Future<ReceivedInto> sockRecvfromInto(DatagramChannel sock, ByteBuffer buf, int nbytes) {
    return procServices().sockOps().recvfromInto(sock, buf, nbytes);
  }

  @Override
  default Future<Integer> sockSendto(DatagramChannel sock, byte[] data, SocketAddress address) {
    return procServices().sockOps().sendto(sock, data, address);
  }

  @Override
  default Future<List<AddrInfo>> getaddrinfo(String host, String port, AddrInfo.Hints hints) {
    return procServices().resolver().getaddrinfo(host, port, hints);
  }

  @Override
  default Future<NameInfo> getnameinfo(InetSocketAddress address, Set<NameInfo.Flag> flags) {
    return procServices().resolver().getnameinfo(address, flags);
  }

  @Override
  default <P extends Protocol> Future<TransportProtocol<ReadTransport, P>> connectReadPipe(
      Supplier<? extends P> protocolFactory, SelectableChannel pipe) {
    return procServices().pipes().connectRead(protocolFactory, pipe);
  }

  @Override
  default <P extends BaseProtocol> Future<TransportProtocol<WriteTransport, P>> connectWritePipe(
      Supplier<? extends P> protocolFactory, SelectableChannel pipe) {
    return procServices().pipes().connectWrite(protocolFactory, pipe);
  }

  @Override
  default <P extends SubprocessProtocol> Future<TransportProtocol<SubprocessTransport, P>>
      subprocessExec(Supplier<? extends P> protocolFactory, List<String> args,
          SubprocessOptions options) {
    return procServices().subprocesses().exec(protocolFactory, args, options);
  }

  @Override
  default <P extends SubprocessProtocol> Future<TransportProtocol<SubprocessTransport, P>>
      subprocessShell(Supplier<? extends P> protocolFactory, String cmd,
          SubprocessOptions options) {
    return procServices().subprocesses().shell(protocolFactory, cmd, options);
  }

  @Override
  default void addSignalHandler(int signal, Runnable callback) {
    procServices().signals().add(signal, callback);
  }

  @Override
  default void addSignalHandler(String signal, Runnable callback) {
    procServices().signals().add(signal, callback);
  }

  @Override
  default boolean removeSignalHandler(int signal) {
    return procServices().signals().remove(signal);
  }

  @Override
  default boolean removeSignalHandler(String signal) {
    return procServices().signals().remove(signal);
  }
}
