package dev.jloop.reference.process;

import dev.jloop.io.BaseTransport;
import dev.jloop.io.SubprocessProtocol;
import dev.jloop.io.SubprocessTransport;
import dev.jloop.reference.proctest.Loops;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** Records a subprocess protocol's callbacks in order; keeps stdout/stderr (small) and checksums. */
class RecordingSubprocessProtocol implements SubprocessProtocol {
  final List<String> events = new ArrayList<>();
  final ByteArrayOutputStream[] out = {null, new ByteArrayOutputStream(), new ByteArrayOutputStream()};
  final MessageDigest[] digest = {null, Loops.sha256(), Loops.sha256()};
  final long[] bytes = new long[3];
  final Throwable[] pipeLostWith = new Throwable[3];
  boolean keepOutput = true;
  SubprocessTransport transport;
  int lostCount;
  boolean exited;

  @Override
  public void connectionMade(BaseTransport t) {
    transport = (SubprocessTransport) t;
    events.add("made");
  }

  @Override
  public void pipeDataReceived(int fd, byte[] data) {
    String e = "data" + fd;
    if (!events.get(events.size() - 1).equals(e)) {
      events.add(e);
    }
    if (keepOutput) {
      out[fd].writeBytes(data);
    }
    digest[fd].update(data);
    bytes[fd] += data.length;
  }

  @Override
  public void pipeConnectionLost(int fd, Throwable exc) {
    pipeLostWith[fd] = exc;
    events.add("pipeLost" + fd);
  }

  @Override
  public void processExited() {
    exited = true;
    events.add("exited");
  }

  @Override
  public void connectionLost(Throwable exc) {
    lostCount++;
    events.add("lost");
  }

  String stdout() {
    return out[1].toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  String stderr() {
    return out[2].toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
