package dev.jloop.tck.scenarios;

import static dev.jloop.tck.Level.REQUIRED;

import dev.jloop.Async;
import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.DatagramOptions;
import dev.jloop.io.DatagramProtocol;
import dev.jloop.io.DatagramTransport;
import dev.jloop.io.ReadTransport;
import dev.jloop.io.SubprocessOptions;
import dev.jloop.io.SubprocessProtocol;
import dev.jloop.io.SubprocessTransport;
import dev.jloop.io.TransportProtocol;
import dev.jloop.io.WriteTransport;
import dev.jloop.process.Process;
import dev.jloop.process.Subprocesses;
import dev.jloop.tck.scenario.Area;
import dev.jloop.tck.scenario.Scenario;
import dev.jloop.tck.scenario.ScenarioContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;

/** UDP endpoints, pipes, subprocesses and signals (POSIX hosts). */
@Area(value = "processes", description = "UDP endpoints, pipes, subprocesses and signal handlers (POSIX hosts).")
public final class ProcessScenarios {
  ProcessScenarios() {}

  /** Records datagrams and the end of the endpoint. */
  private static final class Datagrams implements DatagramProtocol {
    final List<String> got = new ArrayList<>();
    final Future<Throwable> lost;
    DatagramTransport transport;
    boolean echo;

    Datagrams(EventLoop loop) {
      lost = loop.createFuture();
    }

    @Override
    public void connectionMade(BaseTransport t) {
      transport = (DatagramTransport) t;
    }

    @Override
    public void datagramReceived(byte[] data, SocketAddress addr) {
      got.add(new String(data));
      if (echo) {
        transport.sendto(data, addr);
      }
    }

    @Override
    public void connectionLost(Throwable exc) {
      lost.setResult(exc);
    }
  }

  @Scenario(id = "processes.udp-echo", level = REQUIRED, apis = {"create_datagram_endpoint", "DatagramTransport.sendto"},
      rule = "Datagrams sent between two UDP endpoints arrive whole, as separate messages.",
      reference = "test_events.EventLoopTestsMixin.test_create_datagram_endpoint")
  void udpEcho(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<String> got = s.run(() -> {
      TransportProtocol<DatagramTransport, Datagrams> server = Async.await(loop.createDatagramEndpoint(() -> {
        Datagrams d = new Datagrams(loop);
        d.echo = true;
        return d;
      }, DatagramOptions.local(new InetSocketAddress("127.0.0.1", 0))));
      SocketAddress at = (SocketAddress) server.transport().getExtraInfo("sockname");
      TransportProtocol<DatagramTransport, Datagrams> client = Async.await(loop.createDatagramEndpoint(
          () -> new Datagrams(loop), DatagramOptions.remote(at)));
      for (String m : List.of("one", "two", "three")) {
        client.transport().sendto(m.getBytes(), null);
      }
      while (client.protocol().got.size() < 3) {
        Async.sleep(0.001);
      }
      client.transport().close();
      server.transport().close();
      Async.await(client.protocol().lost);
      Async.await(server.protocol().lost);
      return client.protocol().got;
    });
    s.expectEquals("datagrams echoed back (as a set: UDP may reorder)", java.util.Set.of("one", "two", "three"),
        java.util.Set.copyOf(got));
    s.expectEquals("number of datagrams echoed back", 3, got.size());
  }

  @Scenario(id = "processes.udp-sock-ops", level = REQUIRED, apis = {"sock_sendto", "sock_recvfrom"},
      rule = "sock_sendto and sock_recvfrom exchange a datagram and name its sender.",
      reference = "asyncio-eventloop: loop.sock_recvfrom")
  void udpSockOps(ScenarioContext s) throws Exception {
    EventLoop loop = s.loop();
    try (DatagramChannel a = DatagramChannel.open(); DatagramChannel b = DatagramChannel.open()) {
      a.bind(new InetSocketAddress("127.0.0.1", 0)).configureBlocking(false);
      b.bind(new InetSocketAddress("127.0.0.1", 0)).configureBlocking(false);
      List<Object> got = s.run(() -> {
        Future<dev.jloop.io.ReceivedDatagram> r = loop.sockRecvfrom(b, 100);
        Async.await(loop.sockSendto(a, "hello".getBytes(), b.getLocalAddress()));
        dev.jloop.io.ReceivedDatagram d = Async.await(r);
        return List.of(new String(d.data()), d.address().equals(a.getLocalAddress()));
      });
      s.expectEquals("datagram and whether its address is the sender's", List.of("hello", true), got);
    }
  }

  @Scenario(id = "processes.read-pipe", level = REQUIRED, apis = {"connect_read_pipe", "Protocol.eof_received"},
      rule = "A read pipe delivers the bytes written to it, then eof_received and connection_lost once the writer closes.",
      reference = "test_events.EventLoopTestsMixin.test_read_pipe")
  void readPipe(ScenarioContext s) throws Exception {
    EventLoop loop = s.loop();
    Pipe pipe = Pipe.open();
    try {
      pipe.source().configureBlocking(false);
      Recording r = s.run(() -> {
        TransportProtocol<ReadTransport, Recording> tp = Async.await(loop.connectReadPipe(() -> new Recording(loop), pipe.source()));
        pipe.sink().write(ByteBuffer.wrap("through the pipe".getBytes()));
        pipe.sink().close();
        Async.await(tp.protocol().lost);
        return tp.protocol();
      });
      s.expectEquals("bytes read", "through the pipe", r.bytes.toString());
      s.expectOrder("protocol calls", List.of("made", "data", "eof", "lost"), r.calls);
    } finally {
      pipe.sink().close();
      pipe.source().close();
    }
  }

  @Scenario(id = "processes.write-pipe", level = REQUIRED, apis = {"connect_write_pipe", "WriteTransport.write"},
      rule = "Bytes written to a write-pipe transport reach the pipe's reader, and close ends the stream.",
      reference = "test_events.EventLoopTestsMixin.test_write_pipe")
  void writePipe(ScenarioContext s) throws Exception {
    EventLoop loop = s.loop();
    Pipe pipe = Pipe.open();
    try {
      pipe.sink().configureBlocking(false);
      s.run(() -> {
        TransportProtocol<WriteTransport, Recording> tp = Async.await(loop.connectWritePipe(() -> new Recording(loop), pipe.sink()));
        tp.transport().write("to the reader".getBytes());
        tp.transport().close();
        Async.await(tp.protocol().lost);
        return null;
      });
      ByteBuffer in = ByteBuffer.allocate(100);
      while (pipe.source().read(in) >= 0) {
        // blocking read until the stream ends
      }
      s.expectEquals("bytes the reader got", "to the reader", new String(in.array(), 0, in.position()));
    } finally {
      pipe.sink().close();
      pipe.source().close();
    }
  }

  @Scenario(id = "processes.subprocess-communicate", level = REQUIRED,
      apis = {"create_subprocess_exec", "Process.communicate", "Process.wait"},
      rule = "A subprocess fed through stdin and read through stdout exits with its return code.",
      reference = "asyncio-subprocess: Process.communicate")
  void subprocessCommunicate(ScenarioContext s) {
    s.loop();
    List<Object> got = s.run(() -> {
      Process p = Async.await(Subprocesses.createSubprocessExec(List.of("sh", "-c", "cat; exit 3"),
          SubprocessOptions.pipes()));
      Process.Output out = Async.await(p.communicate("fed through stdin".getBytes()));
      int code = Async.await(p.waitFor());
      return List.of(new String(out.stdout()), code, p.returncode());
    });
    s.expectEquals("stdout, waitFor() and returncode()", List.of("fed through stdin", 3, 3), got);
  }

  /** Records what a subprocess protocol is told. */
  private static final class Child implements SubprocessProtocol {
    final List<String> calls = new ArrayList<>();
    final Future<Void> lost;

    Child(EventLoop loop) {
      lost = loop.createFuture();
    }

    @Override
    public void pipeDataReceived(int fd, byte[] data) {
      if (!calls.contains("data " + fd)) {
        calls.add("data " + fd);
      }
    }

    @Override
    public void pipeConnectionLost(int fd, Throwable exc) {
      calls.add("pipe lost " + fd);
    }

    @Override
    public void processExited() {
      calls.add("exited");
    }

    @Override
    public void connectionLost(Throwable exc) {
      calls.add("lost");
      lost.setResult(null);
    }
  }

  @Scenario(id = "processes.subprocess-protocol-order", level = REQUIRED,
      apis = {"subprocess_exec", "SubprocessProtocol.process_exited", "SubprocessProtocol.pipe_connection_lost"},
      rule = "A subprocess protocol gets its pipes' data and their ends, and connection_lost comes last, after process_exited.",
      reference = "asyncio-protocol: subprocess protocols")
  void subprocessProtocolOrder(ScenarioContext s) {
    EventLoop loop = s.loop();
    List<Object> got = s.run(() -> {
      TransportProtocol<SubprocessTransport, Child> tp = Async.await(loop.subprocessExec(() -> new Child(loop),
          List.of("sh", "-c", "echo out; exit 7"),
          SubprocessOptions.builder().stdin(SubprocessOptions.Stdio.DEVNULL).stderr(SubprocessOptions.Stdio.DEVNULL).build()));
      Async.await(tp.protocol().lost);
      Integer code = tp.transport().getReturncode();
      tp.transport().close();
      return List.of(tp.protocol().calls, String.valueOf(code));
    });
    @SuppressWarnings("unchecked")
    List<String> calls = (List<String>) got.get(0);
    s.check(calls.indexOf("data 1") >= 0 && calls.indexOf("data 1") < calls.indexOf("pipe lost 1"),
        "stdout's data and end: %s", calls);
    s.check(calls.contains("exited") && calls.get(calls.size() - 1).equals("lost") && calls.indexOf("lost") == calls.size() - 1,
        "connection_lost must come once, last, after process_exited: %s", calls);
    s.expectEquals("return code", "7", got.get(1));
  }

  @Scenario(id = "processes.signal-handler", level = REQUIRED, apis = {"add_signal_handler", "remove_signal_handler"},
      rule = "A signal handler runs on the loop thread when the process receives the signal, until it is removed.",
      reference = "test_events.EventLoopTestsMixin.test_add_signal_handler")
  void signalHandler(ScenarioContext s) throws Exception {
    EventLoop loop = s.loop();
    Thread[] ranOn = new Thread[1];
    loop.addSignalHandler("WINCH", () -> {
      ranOn[0] = Thread.currentThread();
      loop.stop();
    });
    try {
      loop.callSoon(() -> s.thread("kill", () -> new ProcessBuilder("kill", "-WINCH",
          Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor()));
      loop.callLater(s.scaled(3.0), loop::stop);
      loop.runForever();
      s.expectSame("thread of the signal handler", Thread.currentThread(), ranOn[0]);
    } finally {
      s.check(loop.removeSignalHandler("WINCH"), "removeSignalHandler returned false for an installed handler");
    }
    s.check(!loop.removeSignalHandler("WINCH"), "a second removeSignalHandler returned true");
  }
}
