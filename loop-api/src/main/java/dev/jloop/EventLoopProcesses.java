package dev.jloop;

import org.apiguardian.api.API;

/**
 * The part of {@link EventLoop} that covers asyncio's pipes, subprocesses and signals: connect_read_pipe, connect_write_pipe, subprocess_exec, subprocess_shell, add_signal_handler, remove_signal_handler.
 *
 * <p>Every method has a default that throws {@link UnsupportedOperationException} naming the
 * asyncio method, so that a loop without this feature still compiles; the TCK reports such a
 * method as "not implemented". Loop thread only, like the rest of {@link EventLoop}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface EventLoopProcesses {
}
