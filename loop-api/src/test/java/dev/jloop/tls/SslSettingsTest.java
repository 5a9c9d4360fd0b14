package dev.jloop.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.UnixConnectionOptions;
import java.net.InetSocketAddress;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/** The ssl option rules of asyncio's create_connection / create_server, and engine set-up. */
class SslSettingsTest {
  static SSLContext ctx() throws Exception {
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(null, null, null);
    return c;
  }

  @Test
  void noSslMeansNoSettings() {
    assertNull(SslSettings.forConnection(ConnectionOptions.of("localhost", 1)));
    assertNull(SslSettings.forServer(ServerOptions.of(null, 0)));
  }

  /** asyncio: server_hostname defaults to host; without a host it is required. */
  @Test
  void serverHostnameDefaultsToTheHost() throws Exception {
    SslSettings s = SslSettings.forConnection(ConnectionOptions.builder().host("example.org").port(1).ssl(ctx()).build());
    assertEquals("example.org", s.serverHostname());
    assertEquals(SslSettings.DEFAULT_HANDSHAKE_TIMEOUT, s.handshakeTimeout());
    assertEquals(SslSettings.DEFAULT_SHUTDOWN_TIMEOUT, s.shutdownTimeout());
    assertThrows(IllegalArgumentException.class, () -> SslSettings.forConnection(
        ConnectionOptions.builder().port(1).ssl(ctx()).build()));
    assertThrows(IllegalArgumentException.class, () -> SslSettings.forUnixConnection(
        UnixConnectionOptions.builder().ssl(ctx()).build()));
  }

  @Test
  void optionsThatNeedSsl() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> SslSettings.forConnection(
        ConnectionOptions.builder().host("h").port(1).serverHostname("h").build()));
    assertThrows(IllegalArgumentException.class, () -> SslSettings.forConnection(
        ConnectionOptions.builder().host("h").port(1).sslShutdownTimeout(1).build()));
    assertThrows(IllegalArgumentException.class, () -> SslSettings.forConnection(
        ConnectionOptions.builder().host("h").port(1).sslParameters(new SSLParameters()).build()));
    assertThrows(IllegalArgumentException.class, () -> SslSettings.forServer(
        ServerOptions.builder().port(0).sslHandshakeTimeout(1).build()));
    assertThrows(IllegalArgumentException.class, () -> SslSettings.forConnection(
        ConnectionOptions.builder().host("h").port(1).ssl(ctx()).useDefaultSsl(true).build()));
  }

  @Test
  void badValues() throws Exception {
    SSLContext c = ctx();
    assertThrows(NullPointerException.class, () -> SslSettings.client(null, "h"));
    assertThrows(IllegalArgumentException.class, () -> SslSettings.client(c, "h").withTimeouts(0.0, null));
    assertThrows(IllegalArgumentException.class, () -> SslSettings.client(c, "h").withTimeouts(Double.NaN, null));
    assertThrows(IllegalArgumentException.class, () -> SslSettings.client(c, "h").withTimeouts(null, -1.0));
    assertThrows(IllegalArgumentException.class,
        () -> SslSettings.client(c, "h").withTimeouts(null, Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class,
        () -> new SslSettings(c, null, true, "h", 1, 1), "a server proves no name");
  }

  @Test
  void useDefaultSslIsTheJdkDefaultContext() throws Exception {
    SslSettings s = SslSettings.forConnection(ConnectionOptions.builder().host("h").port(1).useDefaultSsl(true).build());
    assertEquals(SSLContext.getDefault(), s.context());
  }

  @Test
  void clientEnginesCheckTheNameAndSendSni() throws Exception {
    SSLEngine e = SslSettings.client(ctx(), "example.org").createEngine(new InetSocketAddress("127.0.0.1", 443));
    assertTrue(e.getUseClientMode());
    assertEquals("example.org", e.getPeerHost());
    assertEquals(443, e.getPeerPort());
    assertEquals("HTTPS", e.getSSLParameters().getEndpointIdentificationAlgorithm());
    assertEquals(List.of(new SNIHostName("example.org")), e.getSSLParameters().getServerNames());

    SSLEngine ip = SslSettings.client(ctx(), "127.0.0.1").createEngine(null);
    assertEquals("HTTPS", ip.getSSLParameters().getEndpointIdentificationAlgorithm());
    assertTrue(ip.getSSLParameters().getServerNames() == null || ip.getSSLParameters().getServerNames().isEmpty(),
        "no SNI for an IP literal");

    SSLEngine off = SslSettings.client(ctx(), "").createEngine(new InetSocketAddress("127.0.0.1", 1));
    assertNull(off.getSSLParameters().getEndpointIdentificationAlgorithm(), "\"\" turns the check off");
    assertFalse(SslSettings.client(ctx(), "").checksHostname());
  }

  @Test
  void serverEnginesTakeTheParameters() throws Exception {
    SSLParameters p = new SSLParameters();
    p.setNeedClientAuth(true);
    p.setProtocols(new String[] {"TLSv1.3"});
    SSLEngine e = SslSettings.server(ctx()).withParameters(p).createEngine(null);
    assertFalse(e.getUseClientMode());
    assertTrue(e.getNeedClientAuth());
    assertEquals(List.of("TLSv1.3"), List.of(e.getEnabledProtocols()));
  }

  @Test
  void waterMarkDefaultsFollowAsyncio() {
    FlowLimits f = new FlowLimits(SslProtocol.DEFAULT_WRITE_HIGH_WATER);
    assertEquals(512 * 1024, f.high());
    assertEquals(128 * 1024, f.low());
    f.set(-1, 1000);
    assertEquals(4000, f.high());
    f.set(100, -1);
    assertEquals(25, f.low());
    assertThrows(IllegalArgumentException.class, () -> f.set(10, 20));
  }
}
