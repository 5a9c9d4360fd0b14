package dev.jloop.reference.pipes;

import dev.jloop.io.BaseTransport;
import dev.jloop.io.Protocol;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** A stream protocol that checksums what it receives and records the other callbacks in order. */
class RecordingProtocol implements Protocol {
  final List<String> events = new ArrayList<>();
  final MessageDigest digest = dev.jloop.reference.proctest.Loops.sha256();
  BaseTransport transport;
  long bytes;
  Throwable lostWith;
  int lostCount;
  int pauses;
  int resumes;

  @Override
  public void connectionMade(BaseTransport t) {
    transport = t;
    events.add("made");
  }

  @Override
  public void dataReceived(byte[] data) {
    if (events.isEmpty() || !events.get(events.size() - 1).equals("data")) {
      events.add("data");
    }
    digest.update(data);
    bytes += data.length;
  }

  @Override
  public boolean eofReceived() {
    events.add("eof");
    return false;
  }

  @Override
  public void pauseWriting() {
    pauses++;
  }

  @Override
  public void resumeWriting() {
    resumes++;
  }

  @Override
  public void connectionLost(Throwable exc) {
    lostWith = exc;
    lostCount++;
    events.add("lost");
  }
}
