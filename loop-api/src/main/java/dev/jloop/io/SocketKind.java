package dev.jloop.io;

import org.apiguardian.api.API;

/** A socket type as in {@code getaddrinfo} results: Python's {@code socket.SOCK_*}. */
@API(status = API.Status.STABLE, since = "0.1")
public enum SocketKind {
  /** {@code SOCK_STREAM}; protocol 6 (TCP) for internet addresses. */
  STREAM(6),
  /** {@code SOCK_DGRAM}; protocol 17 (UDP) for internet addresses. */
  DGRAM(17),
  /** {@code SOCK_RAW}; protocol 0. */
  RAW(0);

  private final int ipProtocol;

  SocketKind(int ipProtocol) {
    this.ipProtocol = ipProtocol;
  }

  /** The IP protocol number {@code getaddrinfo} reports with this type (6, 17 or 0). */
  public int ipProtocol() {
    return ipProtocol;
  }
}
