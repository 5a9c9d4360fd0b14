package dev.jloop.reference.udp;

import dev.jloop.io.BaseTransport;
import dev.jloop.io.DatagramProtocol;
import dev.jloop.io.DatagramTransport;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Records every callback, in order, with the thread it ran on. */
class RecordingDatagramProtocol implements DatagramProtocol {
  record Received(byte[] data, SocketAddress from) {}

  final List<String> events = new ArrayList<>();
  final List<Received> received = new ArrayList<>();
  final List<Exception> errors = new ArrayList<>();
  final List<Thread> threads = new ArrayList<>();
  DatagramTransport transport;
  Throwable lostWith;
  int lostCount;
  int pauses;
  int resumes;

  @Override
  public void connectionMade(BaseTransport t) {
    transport = (DatagramTransport) t;
    note("made");
  }

  @Override
  public void datagramReceived(byte[] data, SocketAddress addr) {
    received.add(new Received(data, addr));
    note("datagram");
  }

  @Override
  public void errorReceived(Exception exc) {
    errors.add(exc);
    note("error");
  }

  @Override
  public void pauseWriting() {
    pauses++;
    note("pause");
  }

  @Override
  public void resumeWriting() {
    resumes++;
    note("resume");
  }

  @Override
  public void connectionLost(Throwable exc) {
    lostWith = exc;
    lostCount++;
    note("lost");
  }

  private void note(String e) {
    events.add(e);
    threads.add(Thread.currentThread());
  }
}
