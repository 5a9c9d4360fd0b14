package dev.jloop.io;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apiguardian.api.API;

/**
 * The keyword arguments of asyncio's {@code loop.create_connection}: either {@code host} and/or
 * {@code port} (every address they resolve to is tried in order), or an already created
 * {@code sock}.
 *
 * <p>Null means "not given", as {@code None} does in asyncio. Build with {@link #builder()}.
 *
 * @param host the host name or literal address, or {@code null} (the loopback address)
 * @param port the port, or {@code null}
 * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6} to keep only
 *     addresses of that family, or {@code null} for any
 * @param localAddress the address to bind the socket to before connecting, or {@code null}
 * @param sock a connected {@link SocketChannel} to use instead of host and port, or
 *     {@code null}
 * @param happyEyeballsDelay seconds to wait before starting the next connection attempt in
 *     parallel (RFC 8305), or {@code null} to try the addresses one after the other
 * @param interleave how many addresses of the first family come before one of the other when
 *     reordering by family; {@code null} means 1 with happy eyeballs and no reordering otherwise
 * @param ssl the TLS context (asyncio's {@code ssl=context}): the connection runs TLS over TCP
 *     through {@link dev.jloop.tls.SslProtocol}; {@code null} for plain TCP
 * @param useDefaultSsl asyncio's {@code ssl=True}: TLS with the JDK's default context, which
 *     verifies the server's certificate against the default trust store
 * @param sslParameters engine parameters applied with ssl (protocols, cipher suites), or
 *     {@code null}
 * @param serverHostname the name the server's certificate must match, sent as SNI (asyncio's
 *     {@code server_hostname}), only with ssl; defaults to {@code host}; {@code ""} turns the
 *     check off
 * @param sslHandshakeTimeout seconds the TLS handshake may take (default 60), only with ssl
 * @param sslShutdownTimeout seconds the TLS close may take (default 30), only with ssl
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ConnectionOptions(
    String host,
    Integer port,
    ProtocolFamily family,
    InetSocketAddress localAddress,
    SocketChannel sock,
    Double happyEyeballsDelay,
    Integer interleave,
    SSLContext ssl,
    boolean useDefaultSsl,
    SSLParameters sslParameters,
    String serverHostname,
    Double sslHandshakeTimeout,
    Double sslShutdownTimeout) {

  /**
   * Checks the values that are wrong on their own.
   *
   * @throws IllegalArgumentException for a port outside 0..65535, a negative, NaN or infinite
   *     delay or timeout, or a negative interleave
   */
  public ConnectionOptions {
    if (port != null && (port < 0 || port > 65535)) {
      throw new IllegalArgumentException("port must be in 0..65535, not " + port);
    }
    OptionChecks.seconds("happyEyeballsDelay", happyEyeballsDelay, true);
    OptionChecks.seconds("sslHandshakeTimeout", sslHandshakeTimeout, false);
    OptionChecks.seconds("sslShutdownTimeout", sslShutdownTimeout, false);
    if (interleave != null && interleave < 0) {
      throw new IllegalArgumentException("interleave must not be negative, not " + interleave);
    }
  }

  /** Options with only {@code host} and {@code port}. */
  public static ConnectionOptions of(String host, int port) {
    return builder().host(host).port(port).build();
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ConnectionOptions}; every setter returns the builder. Not thread-safe. */
  @API(status = API.Status.STABLE, since = "0.1")
  public static final class Builder {
    private String host;
    private Integer port;
    private ProtocolFamily family;
    private InetSocketAddress localAddress;
    private SocketChannel sock;
    private Double happyEyeballsDelay;
    private Integer interleave;
    private SSLContext ssl;
    private boolean useDefaultSsl;
    private SSLParameters sslParameters;
    private String serverHostname;
    private Double sslHandshakeTimeout;
    private Double sslShutdownTimeout;

    private Builder() {}

    /** The host to resolve. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Restricts the resolved addresses to one family. */
    public Builder family(ProtocolFamily family) {
      this.family = family;
      return this;
    }

    /** Binds the socket to this local address first. */
    public Builder localAddress(InetSocketAddress localAddress) {
      this.localAddress = localAddress;
      return this;
    }

    /** Uses this connected socket instead of host and port. */
    public Builder sock(SocketChannel sock) {
      this.sock = sock;
      return this;
    }

    /** Races the addresses, starting the next attempt after this many seconds (RFC 8305). */
    public Builder happyEyeballsDelay(double seconds) {
      this.happyEyeballsDelay = seconds;
      return this;
    }

    /** {@link #happyEyeballsDelay(double)} with a {@link Duration}. */
    public Builder happyEyeballsDelay(Duration delay) {
      return happyEyeballsDelay(delay.toNanos() / 1e9);
    }

    /** Reorders the addresses by family, {@code n} of the first family at a time. */
    public Builder interleave(int n) {
      this.interleave = n;
      return this;
    }

    /** Runs TLS with this context. */
    public Builder ssl(SSLContext ssl) {
      this.ssl = ssl;
      return this;
    }

    /** Runs TLS with the JDK's default (certificate-verifying) client context. */
    public Builder useDefaultSsl(boolean on) {
      this.useDefaultSsl = on;
      return this;
    }

    /** Engine parameters for TLS. */
    public Builder sslParameters(SSLParameters parameters) {
      this.sslParameters = parameters;
      return this;
    }

    /** The name the server must prove; {@code ""} for no check. */
    public Builder serverHostname(String serverHostname) {
      this.serverHostname = serverHostname;
      return this;
    }

    /** Seconds the TLS handshake may take. */
    public Builder sslHandshakeTimeout(double seconds) {
      this.sslHandshakeTimeout = seconds;
      return this;
    }

    /** Seconds the TLS close may take. */
    public Builder sslShutdownTimeout(double seconds) {
      this.sslShutdownTimeout = seconds;
      return this;
    }

    /** The options; see the record's constructor for the checks. */
    public ConnectionOptions build() {
      return new ConnectionOptions(host, port, family, localAddress, sock, happyEyeballsDelay,
          interleave, ssl, useDefaultSsl, sslParameters, serverHostname, sslHandshakeTimeout, sslShutdownTimeout);
    }
  }
}
