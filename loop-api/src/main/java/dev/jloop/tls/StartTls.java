package dev.jloop.tls;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.Handle;
import dev.jloop.io.BaseProtocol;
import dev.jloop.io.Transport;
import java.util.Objects;

/** asyncio's {@code loop.start_tls} on any loop; see {@link SslProtocol#startTls}. */
final class StartTls {
  private StartTls() {}

  static Future<Transport> run(EventLoop loop, Transport transport, BaseProtocol protocol,
      SslSettings settings) {
    Objects.requireNonNull(transport, "transport");
    Future<Void> waiter = loop.createFuture();
    SslProtocol ssl = new SslProtocol(loop, protocol, settings, waiter, false);
    Future<Transport> result = loop.createFuture();
    transport.pauseReading(); // nothing reaches the SslProtocol before its connectionMade
    transport.setProtocol(ssl);
    Handle made = loop.callSoon(() -> ssl.connectionMade(transport));
    Handle resume = loop.callSoon(transport::resumeReading);
    waiter.addDoneCallback(w -> {
      if (result.done()) {
        return;
      }
      if (w.cancelled() || w.exception() != null) {
        transport.close();
        made.cancel();
        resume.cancel();
        if (w.cancelled()) {
          result.cancel();
        } else {
          result.setException(w.exception());
        }
      } else {
        result.setResult(ssl.appTransport());
      }
    });
    result.addDoneCallback(r -> {
      if (r.cancelled()) {
        waiter.cancel();
      }
    });
    return result;
  }
}
