package dev.jloop.io;

import java.net.ProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apiguardian.api.API;

/**
 * The keyword arguments of asyncio's {@code loop.create_server}: {@code hosts} and/or
 * {@code port}, or an already bound {@code sock}.
 *
 * <p>Null means "not given", as {@code None} does in asyncio. Build with {@link #builder()}.
 *
 * @param hosts the hosts to listen on, each bound once per distinct resolved address; empty
 *     means every interface (asyncio's {@code host=None} or {@code ''}). Never {@code null}.
 * @param port the port ({@code 0}: one chosen by the system for each socket), or {@code null}
 * @param family keeps only resolved addresses of this family, or {@code null} for any
 * @param sock a bound, listening {@link ServerSocketChannel} to serve instead, or {@code null}
 * @param backlog the listen backlog, 100 by default as in asyncio; also the most connections
 *     accepted per readiness event
 * @param reuseAddress {@code SO_REUSEADDR}; {@code null} means asyncio's default on POSIX: on
 * @param reusePort {@code SO_REUSEPORT}
 * @param startServing whether to accept connections at once (default) or only after
 *     {@link Server#startServing()}
 * @param ssl the TLS context: every accepted connection runs TLS through
 *     {@link dev.jloop.tls.SslProtocol} (server side); {@code null} for plain TCP
 * @param sslParameters engine parameters applied with ssl: client authentication
 *     ({@code setNeedClientAuth}: required, {@code setWantClientAuth}: optional), protocols,
 *     cipher suites; or {@code null}
 * @param sslHandshakeTimeout seconds the TLS handshake may take (default 60), only with ssl
 * @param sslShutdownTimeout seconds the TLS close may take (default 30), only with ssl
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ServerOptions(
    List<String> hosts,
    Integer port,
    ProtocolFamily family,
    ServerSocketChannel sock,
    int backlog,
    Boolean reuseAddress,
    boolean reusePort,
    boolean startServing,
    SSLContext ssl,
    SSLParameters sslParameters,
    Double sslHandshakeTimeout,
    Double sslShutdownTimeout) {

  /** asyncio's default backlog. */
  public static final int DEFAULT_BACKLOG = 100;

  /**
   * Copies {@code hosts} and checks the values that are wrong on their own.
   *
   * @throws NullPointerException if {@code hosts} or one of them is {@code null}
   * @throws IllegalArgumentException for a port outside 0..65535, a negative backlog, or a
   *     non-positive, NaN or infinite timeout
   */
  public ServerOptions {
    hosts = List.copyOf(hosts);
    if (port != null && (port < 0 || port > 65535)) {
      throw new IllegalArgumentException("port must be in 0..65535, not " + port);
    }
    OptionChecks.backlog(backlog);
    OptionChecks.seconds("sslHandshakeTimeout", sslHandshakeTimeout, false);
    OptionChecks.seconds("sslShutdownTimeout", sslShutdownTimeout, false);
  }

  /** Options with one host (or {@code null} for every interface) and a port. */
  public static ServerOptions of(String host, int port) {
    return builder().host(host).port(port).build();
  }

  /** A builder with asyncio's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ServerOptions}; every setter returns the builder. Not thread-safe. */
  @API(status = API.Status.STABLE, since = "0.1")
  public static final class Builder {
    private final List<String> hosts = new ArrayList<>();
    private Integer port;
    private ProtocolFamily family;
    private ServerSocketChannel sock;
    private int backlog = DEFAULT_BACKLOG;
    private Boolean reuseAddress;
    private boolean reusePort;
    private boolean startServing = true;
    private SSLContext ssl;
    private SSLParameters sslParameters;
    private Double sslHandshakeTimeout;
    private Double sslShutdownTimeout;

    private Builder() {}

    /**
     * Adds a host to listen on; {@code null} or {@code ""} means every interface (and adds
     * nothing).
     */
    public Builder host(String host) {
      if (host != null && !host.isEmpty()) {
        hosts.add(host);
      }
      return this;
    }

    /** Adds several hosts. */
    public Builder hosts(List<String> hosts) {
      hosts.forEach(this::host);
      return this;
    }

    /** The port; 0 lets the system choose. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Keeps only addresses of this family. */
    public Builder family(ProtocolFamily family) {
      this.family = family;
      return this;
    }

    /** Serves this bound socket instead of hosts and port. */
    public Builder sock(ServerSocketChannel sock) {
      this.sock = sock;
      return this;
    }

    /** The listen backlog. */
    public Builder backlog(int backlog) {
      this.backlog = backlog;
      return this;
    }

    /** Sets {@code SO_REUSEADDR}. */
    public Builder reuseAddress(boolean on) {
      this.reuseAddress = on;
      return this;
    }

    /** Sets {@code SO_REUSEPORT}. */
    public Builder reusePort(boolean on) {
      this.reusePort = on;
      return this;
    }

    /** Whether to accept connections at once. */
    public Builder startServing(boolean on) {
      this.startServing = on;
      return this;
    }

    /** Serves TLS with this context. */
    public Builder ssl(SSLContext ssl) {
      this.ssl = ssl;
      return this;
    }

    /** Engine parameters for TLS (client authentication, protocols, cipher suites). */
    public Builder sslParameters(SSLParameters parameters) {
      this.sslParameters = parameters;
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
    public ServerOptions build() {
      return new ServerOptions(hosts, port, family, sock, backlog, reuseAddress, reusePort,
          startServing, ssl, sslParameters, sslHandshakeTimeout, sslShutdownTimeout);
    }
  }
}
