package dev.jloop.tls;

import dev.jloop.io.ConnectionOptions;
import dev.jloop.io.ServerOptions;
import dev.jloop.io.UnixConnectionOptions;
import dev.jloop.io.UnixServerOptions;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apiguardian.api.API;

/**
 * Everything one TLS connection is set up with: asyncio's {@code sslcontext},
 * {@code server_side}, {@code server_hostname}, {@code ssl_handshake_timeout} and
 * {@code ssl_shutdown_timeout}, plus the JDK's {@link SSLParameters} (protocols, cipher
 * suites, client authentication), which the JDK keeps apart from the context.
 *
 * <p>Client side, the server name is checked against the certificate
 * ({@code SSLParameters.setEndpointIdentificationAlgorithm("HTTPS")}) and sent as SNI (unless
 * it is an IP literal), unless {@code serverHostname} is {@code ""}, asyncio's way of turning
 * the check off. Parameters that already set an endpoint-identification algorithm or server
 * names keep theirs. Immutable.
 *
 * @param context the JDK TLS context; never {@code null}
 * @param parameters applied to every engine before the host-name settings, or {@code null}
 * @param serverSide whether this end is the TLS server
 * @param serverHostname the name the server must prove (client side only; {@code null} on a
 *     server), or {@code ""} for no check
 * @param handshakeTimeout seconds the handshake may take (asyncio's default: 60)
 * @param shutdownTimeout seconds the close_notify exchange may take (asyncio's default: 30)
 */
@API(status = API.Status.STABLE, since = "0.1")
public record SslSettings(SSLContext context, SSLParameters parameters, boolean serverSide,
    String serverHostname, double handshakeTimeout, double shutdownTimeout) {

  /** asyncio's {@code SSL_HANDSHAKE_TIMEOUT}, seconds. */
  public static final double DEFAULT_HANDSHAKE_TIMEOUT = 60.0;
  /** asyncio's {@code SSL_SHUTDOWN_TIMEOUT}, seconds. */
  public static final double DEFAULT_SHUTDOWN_TIMEOUT = 30.0;

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /**
   * Checks the values.
   *
   * @throws NullPointerException if {@code context} is {@code null}
   * @throws IllegalArgumentException for a timeout that is not a positive finite number, or a
   *     server name on the server side
   */
  public SslSettings {
    Objects.requireNonNull(context, "context");
    checkTimeout("handshakeTimeout", handshakeTimeout);
    checkTimeout("shutdownTimeout", shutdownTimeout);
    if (serverSide && serverHostname != null) {
      throw new IllegalArgumentException("serverHostname is only meaningful on the client side");
    }
  }

  private static void checkTimeout(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be a positive finite number of seconds, not " + v);
    }
  }

  /** Client settings with asyncio's default timeouts. */
  public static SslSettings client(SSLContext context, String serverHostname) {
    return new SslSettings(context, null, false, serverHostname, DEFAULT_HANDSHAKE_TIMEOUT,
        DEFAULT_SHUTDOWN_TIMEOUT);
  }

  /** Server settings with asyncio's default timeouts. */
  public static SslSettings server(SSLContext context) {
    return new SslSettings(context, null, true, null, DEFAULT_HANDSHAKE_TIMEOUT,
        DEFAULT_SHUTDOWN_TIMEOUT);
  }

  /** A copy with these engine parameters ({@code null}: none). */
  public SslSettings withParameters(SSLParameters parameters) {
    return new SslSettings(context, parameters, serverSide, serverHostname, handshakeTimeout,
        shutdownTimeout);
  }

  /** A copy with these timeouts in seconds; {@code null} keeps asyncio's default. */
  public SslSettings withTimeouts(Double handshake, Double shutdown) {
    return new SslSettings(context, parameters, serverSide, serverHostname,
        handshake == null ? DEFAULT_HANDSHAKE_TIMEOUT : handshake,
        shutdown == null ? DEFAULT_SHUTDOWN_TIMEOUT : shutdown);
  }

  /**
   * The settings {@code create_connection} uses, or {@code null} without ssl. As asyncio: the
   * server name defaults to the host; without a host (a {@code sock}) it must be given.
   *
   * @throws IllegalArgumentException for the combinations asyncio rejects (server name or
   *     timeouts without ssl, ssl without any host name, both a context and useDefaultSsl)
   */
  public static SslSettings forConnection(ConnectionOptions o) {
    Objects.requireNonNull(o, "options");
    if (o.ssl() != null && o.useDefaultSsl()) {
      throw new IllegalArgumentException("give either ssl (a context) or useDefaultSsl, not both");
    }
    boolean ssl = o.ssl() != null || o.useDefaultSsl();
    if (!ssl && o.sslParameters() != null) {
      throw new IllegalArgumentException("sslParameters is only meaningful with ssl");
    }
    SslSettings s = clientSide(ssl ? contextOrDefault(o.ssl()) : null, o.host(),
        o.serverHostname(), o.sslHandshakeTimeout(), o.sslShutdownTimeout());
    return s == null ? null : s.withParameters(o.sslParameters());
  }

  /** As {@link #forConnection}, for {@code create_unix_connection}: the server name is required. */
  public static SslSettings forUnixConnection(UnixConnectionOptions o) {
    Objects.requireNonNull(o, "options");
    if (o.ssl() != null && o.serverHostname() == null) {
      throw new IllegalArgumentException("you have to pass server_hostname when using ssl");
    }
    return clientSide(o.ssl(), null, o.serverHostname(), o.sslHandshakeTimeout(),
        o.sslShutdownTimeout());
  }

  private static SslSettings clientSide(SSLContext context, String host, String serverHostname,
      Double handshake, Double shutdown) {
    if (context == null) {
      noSsl(serverHostname, handshake, shutdown);
      return null;
    }
    String name = serverHostname;
    if (name == null) {
      if (host == null || host.isEmpty()) {
        throw new IllegalArgumentException(
            "You must set server_hostname when using ssl without a host");
      }
      name = host;
    }
    return client(context, name).withTimeouts(handshake, shutdown);
  }

  /**
   * The settings {@code create_server} uses, or {@code null} without ssl.
   *
   * @throws IllegalArgumentException for timeouts or parameters without ssl
   */
  public static SslSettings forServer(ServerOptions o) {
    Objects.requireNonNull(o, "options");
    if (o.ssl() == null) {
      noSsl(null, o.sslHandshakeTimeout(), o.sslShutdownTimeout());
      if (o.sslParameters() != null) {
        throw new IllegalArgumentException("sslParameters is only meaningful with ssl");
      }
      return null;
    }
    return server(o.ssl()).withParameters(o.sslParameters())
        .withTimeouts(o.sslHandshakeTimeout(), o.sslShutdownTimeout());
  }

  /** As {@link #forServer(ServerOptions)}, for {@code create_unix_server}. */
  public static SslSettings forUnixServer(UnixServerOptions o) {
    Objects.requireNonNull(o, "options");
    if (o.ssl() == null) {
      noSsl(null, o.sslHandshakeTimeout(), o.sslShutdownTimeout());
      return null;
    }
    return server(o.ssl()).withTimeouts(o.sslHandshakeTimeout(), o.sslShutdownTimeout());
  }

  private static void noSsl(String serverHostname, Double handshake, Double shutdown) {
    if (serverHostname != null) {
      throw new IllegalArgumentException("server_hostname is only meaningful with ssl");
    }
    if (handshake != null) {
      throw new IllegalArgumentException("ssl_handshake_timeout is only meaningful with ssl");
    }
    if (shutdown != null) {
      throw new IllegalArgumentException("ssl_shutdown_timeout is only meaningful with ssl");
    }
  }

  /**
   * {@code context}, or the JDK's default context (the default trust store, certificates
   * verified): asyncio's {@code ssl=True}, {@code ssl.create_default_context()}.
   */
  public static SSLContext contextOrDefault(SSLContext context) {
    if (context != null) {
      return context;
    }
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default SSLContext", e);
    }
  }

  /** Whether the client checks the server's name (it has one and it is not {@code ""}). */
  public boolean checksHostname() {
    return !serverSide && serverHostname != null && !serverHostname.isEmpty();
  }

  /**
   * A new engine for a connection to or from {@code peer} ({@code null} if unknown). Client
   * engines are keyed by the server name (else the peer's address) and port, so the context's
   * session cache can resume sessions.
   */
  public SSLEngine createEngine(SocketAddress peer) {
    InetSocketAddress inet = peer instanceof InetSocketAddress a ? a : null;
    SSLEngine e;
    if (serverSide) {
      e = context.createSSLEngine();
    } else {
      String host = checksHostname() ? serverHostname : inet != null ? inet.getHostString() : null;
      e = host == null ? context.createSSLEngine()
          : context.createSSLEngine(host, inet != null ? inet.getPort() : -1);
    }
    e.setUseClientMode(!serverSide);
    if (parameters != null) {
      e.setSSLParameters(parameters);
    }
    if (checksHostname()) {
      SSLParameters p = e.getSSLParameters();
      if (p.getEndpointIdentificationAlgorithm() == null) {
        p.setEndpointIdentificationAlgorithm("HTTPS");
      }
      if ((p.getServerNames() == null || p.getServerNames().isEmpty()) && !isIpLiteral(serverHostname)) {
        try {
          p.setServerNames(List.of(new SNIHostName(serverHostname)));
        } catch (IllegalArgumentException notADnsName) {
          // a name SNI cannot carry: it is still checked against the certificate
        }
      }
      e.setSSLParameters(p);
    }
    return e;
  }

  static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
  }
}
