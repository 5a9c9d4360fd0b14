package dev.jloop.reference.net;

import dev.jloop.io.BaseTransport;
import dev.jloop.io.Protocol;
import dev.jloop.io.Transport;

/** A server protocol that writes back what it reads and closes on EOF. */
class Echo implements Protocol {
  Transport transport;
  long bytes;

  @Override
  public void connectionMade(BaseTransport t) {
    transport = (Transport) t;
  }

  @Override
  public void dataReceived(byte[] data) {
    bytes += data.length;
    transport.write(data);
  }
}
