package dev.jloop.tls;

import org.apiguardian.api.API;

/**
 * The states of an {@link SslProtocol}: asyncio's {@code SSLProtocolState}, with the final
 * return to "unwrapped" given its own constant so that a finished connection can never start a
 * second handshake.
 *
 * <p>The allowed sequence (any other switch throws {@link IllegalStateException} "cannot switch
 * state from X to Y", as asyncio's {@code _set_state} raises {@code RuntimeError}):
 *
 * <pre>
 *   UNWRAPPED --connectionMade--> DO_HANDSHAKE --handshake done--> WRAPPED
 *                                                                    |
 *        close(), close_notify or EOF from the peer                  v
 *                                 SHUTDOWN <--read what is left-- FLUSHING
 *                                    |
 *                                    v   close_notify exchanged, EOF, error, abort, timeout
 *   (any state, itself included) --> UNWRAPPED_AFTER   (terminal: the TCP transport is gone)
 * </pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum SslProtocolState {
  /** Created, the TCP transport not yet connected to the protocol. */
  UNWRAPPED,
  /** Handshaking; application data written meanwhile is queued. */
  DO_HANDSHAKE,
  /** Handshake done: application data flows both ways. */
  WRAPPED,
  /** Closing: what the peer already sent is still read and delivered. */
  FLUSHING,
  /** close_notify sent (or the peer's EOF seen); waiting for the peer's close_notify. */
  SHUTDOWN,
  /** The TLS layer is over for good (asyncio goes back to UNWRAPPED here). */
  UNWRAPPED_AFTER;

  /**
   * The one transition guard: returns {@code next} if the switch is allowed.
   *
   * @throws IllegalStateException "cannot switch state from X to Y" otherwise
   */
  public SslProtocolState switchTo(SslProtocolState next) {
    boolean allowed = next == UNWRAPPED_AFTER
        || (this == UNWRAPPED && next == DO_HANDSHAKE)
        || (this == DO_HANDSHAKE && next == WRAPPED)
        || (this == WRAPPED && next == FLUSHING)
        || (this == FLUSHING && next == SHUTDOWN);
    if (!allowed) {
      throw new IllegalStateException("cannot switch state from " + this + " to " + next);
    }
    return next;
  }
}
