package dev.jloop.streams;

import org.apiguardian.api.API;

/**
 * The {@code (reader, writer)} pair asyncio's {@code open_connection} returns.
 *
 * @param reader reads what the peer sends
 * @param writer writes to the peer
 */
@API(status = API.Status.STABLE, since = "0.1")
public record StreamPair(StreamReader reader, StreamWriter writer) {}
