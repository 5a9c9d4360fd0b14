package dev.jloop.io;

import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.apiguardian.api.API;

/**
 * The keyword arguments of asyncio's {@code loop.create_unix_server}: a socket {@code path} or
 * a bound Unix-domain {@code sock}. Build with {@link #builder()}.
 *
 * @param path the socket file to create (a stale socket file there is removed first, as
 *     asyncio does), or {@code null}
 * @param sock a bound, listening Unix-domain {@link ServerSocketChannel} to serve, or
 *     {@code null}
 * @param backlog the listen backlog, 100 by default
 * @param startServing whether to accept connections at once (default)
 * @param cleanupSocket whether closing the server removes the socket file it created
 *     (Python 3.13's {@code cleanup_socket}, default on)
 * @param ssl the TLS context, or {@code null} for no TLS
 * @param sslHandshakeTimeout seconds, only with ssl
 * @param sslShutdownTimeout seconds, only with ssl
 */
@API(status = API.Status.STABLE, since = "0.1")
public record UnixServerOptions(
    Path path,
    ServerSocketChannel sock,
    int backlog,
    boolean startServing,
    boolean cleanupSocket,
    SSLContext ssl,
    Double sslHandshakeTimeout,
    Double sslShutdownTimeout) {

  /**
   * Checks the backlog and the timeouts.
   *
   * @throws IllegalArgumentException for a negative backlog or a bad timeout
   */
  public UnixServerOptions {
    OptionChecks.backlog(backlog);
    OptionChecks.seconds("sslHandshakeTimeout", sslHandshakeTimeout, false);
    OptionChecks.seconds("sslShutdownTimeout", sslShutdownTimeout, false);
  }

  /** A builder with asyncio's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link UnixServerOptions}; every setter returns the builder. */
  @API(status = API.Status.STABLE, since = "0.1")
  public static final class Builder {
    private Path path;
    private ServerSocketChannel sock;
    private int backlog = ServerOptions.DEFAULT_BACKLOG;
    private boolean startServing = true;
    private boolean cleanupSocket = true;
    private SSLContext ssl;
    private Double sslHandshakeTimeout;
    private Double sslShutdownTimeout;

    private Builder() {}

    /** The socket file to create. */
    public Builder path(Path path) {
      this.path = path;
      return this;
    }

    /** Serves this bound socket instead. */
    public Builder sock(ServerSocketChannel sock) {
      this.sock = sock;
      return this;
    }

    /** The listen backlog. */
    public Builder backlog(int backlog) {
      this.backlog = backlog;
      return this;
    }

    /** Whether to accept connections at once. */
    public Builder startServing(boolean on) {
      this.startServing = on;
      return this;
    }

    /** Whether closing the server removes its socket file. */
    public Builder cleanupSocket(boolean on) {
      this.cleanupSocket = on;
      return this;
    }

    /** Runs TLS with this context. */
    public Builder ssl(SSLContext ssl) {
      this.ssl = ssl;
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
    public UnixServerOptions build() {
      return new UnixServerOptions(path, sock, backlog, startServing, cleanupSocket, ssl,
          sslHandshakeTimeout, sslShutdownTimeout);
    }
  }
}
