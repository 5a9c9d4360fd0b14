package dev.jloop.io;

import org.apiguardian.api.API;

/** asyncio's {@code Transport}: a bidirectional stream transport. */
@API(status = API.Status.STABLE, since = "0.1")
public interface Transport extends ReadTransport, WriteTransport {}
