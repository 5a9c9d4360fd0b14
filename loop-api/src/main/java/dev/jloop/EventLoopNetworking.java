package dev.jloop;

import org.apiguardian.api.API;

/**
 * The part of {@link EventLoop} that covers asyncio's stream networking: readiness callbacks (add_reader/add_writer), create_connection, create_server, the Unix-socket variants, connect_accepted_socket, start_tls, the sock_* helpers, sendfile, getaddrinfo/getnameinfo.
 *
 * <p>Every method has a default that throws {@link UnsupportedOperationException} naming the
 * asyncio method, so that a loop without this feature still compiles; the TCK reports such a
 * method as "not implemented". Loop thread only, like the rest of {@link EventLoop}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface EventLoopNetworking {
}
