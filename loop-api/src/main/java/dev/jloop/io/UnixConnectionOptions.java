package dev.jloop.io;

import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.apiguardian.api.API;

/**
 * The keyword arguments of asyncio's {@code loop.create_unix_connection}: a socket {@code path}
 * or an already connected Unix-domain {@code sock}. Build with {@link #builder()}.
 *
 * @param path the socket file to connect to, or {@code null}
 * @param sock a connected Unix-domain {@link SocketChannel} to use instead, or {@code null}
 * @param ssl the TLS context, or {@code null} for no TLS
 * @param serverHostname the TLS server name, only with ssl
 * @param sslHandshakeTimeout seconds, only with ssl
 * @param sslShutdownTimeout seconds, only with ssl
 */
@API(status = API.Status.STABLE, since = "0.1")
public record UnixConnectionOptions(
    Path path,
    SocketChannel sock,
    SSLContext ssl,
    String serverHostname,
    Double sslHandshakeTimeout,
    Double sslShutdownTimeout) {

  /**
   * Checks the timeouts.
   *
   * @throws IllegalArgumentException for a non-positive, NaN or infinite timeout
   */
  public UnixConnectionOptions {
    OptionChecks.seconds("sslHandshakeTimeout", sslHandshakeTimeout, false);
    OptionChecks.seconds("sslShutdownTimeout", sslShutdownTimeout, false);
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link UnixConnectionOptions}; every setter returns the builder. */
  @API(status = API.Status.STABLE, since = "0.1")
  public static final class Builder {
    private Path path;
    private SocketChannel sock;
    private SSLContext ssl;
    private String serverHostname;
    private Double sslHandshakeTimeout;
    private Double sslShutdownTimeout;

    private Builder() {}

    /** The socket file to connect to. */
    public Builder path(Path path) {
      this.path = path;
      return this;
    }

    /** Uses this connected socket instead of a path. */
    public Builder sock(SocketChannel sock) {
      this.sock = sock;
      return this;
    }

    /** Runs TLS with this context. */
    public Builder ssl(SSLContext ssl) {
      this.ssl = ssl;
      return this;
    }

    /** The name the server must prove (required with ssl); {@code ""} for no check. */
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

    /** The options. */
    public UnixConnectionOptions build() {
      return new UnixConnectionOptions(path, sock, ssl, serverHostname, sslHandshakeTimeout,
          sslShutdownTimeout);
    }
  }
}
