package dev.jloop.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transition guard: asyncio's SSLProtocol._set_state ("cannot switch state from X to Y"). */
class SslProtocolStateTest {
  static final Set<String> ALLOWED = Set.of(
      "UNWRAPPED>DO_HANDSHAKE", "DO_HANDSHAKE>WRAPPED", "WRAPPED>FLUSHING", "FLUSHING>SHUTDOWN");

  @Test
  void theDrawnSequenceIsAllowed() {
    SslProtocolState s = SslProtocolState.UNWRAPPED;
    for (SslProtocolState next : new SslProtocolState[] {SslProtocolState.DO_HANDSHAKE,
        SslProtocolState.WRAPPED, SslProtocolState.FLUSHING, SslProtocolState.SHUTDOWN,
        SslProtocolState.UNWRAPPED_AFTER}) {
      s = s.switchTo(next);
      assertEquals(next, s);
    }
  }

  @Test
  void everyStateMayEnd() {
    for (SslProtocolState s : SslProtocolState.values()) {
      assertEquals(SslProtocolState.UNWRAPPED_AFTER, s.switchTo(SslProtocolState.UNWRAPPED_AFTER));
    }
  }

  /** Every other pair throws, naming both states; in particular no second handshake after the end. */
  @Test
  void everyOtherSwitchIsRefused() {
    int refused = 0;
    for (SslProtocolState from : SslProtocolState.values()) {
      for (SslProtocolState to : EnumSet.complementOf(EnumSet.of(SslProtocolState.UNWRAPPED_AFTER))) {
        if (ALLOWED.contains(from + ">" + to)) {
          continue;
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> from.switchTo(to),
            from + " -> " + to + " must be refused");
        assertTrue(e.getMessage().contains(from.name()) && e.getMessage().contains(to.name()), e.getMessage());
        refused++;
      }
    }
    assertEquals(6 * 5 - ALLOWED.size(), refused);
    assertThrows(IllegalStateException.class,
        () -> SslProtocolState.UNWRAPPED_AFTER.switchTo(SslProtocolState.DO_HANDSHAKE));
  }
}
