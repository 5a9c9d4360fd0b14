"""A CPython asyncio echo server for jloop's interop tests.

Usage: echo_server.py tcp|unix [PATH]
Listens on 127.0.0.1 (a free port) or on the Unix socket PATH, prints "LISTENING <port|path>",
echoes every connection (pausing its reading while its writes are paused), and exits 0 once one
connection has closed cleanly, or 2 after 60 seconds.
"""
import asyncio
import sys


class Echo(asyncio.Protocol):
    def __init__(self, done):
        self.done = done

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)

    def pause_writing(self):
        self.transport.pause_reading()

    def resume_writing(self):
        self.transport.resume_reading()

    def eof_received(self):
        return False  # close once the client is done

    def connection_lost(self, exc):
        if not self.done.done():
            self.done.set_result(exc)


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    if sys.argv[1] == "tcp":
        server = await loop.create_server(lambda: Echo(done), "127.0.0.1", 0)
        where = server.sockets[0].getsockname()[1]
    else:
        server = await loop.create_unix_server(lambda: Echo(done), sys.argv[2])
        where = sys.argv[2]
    print("LISTENING", where, flush=True)
    exc = await asyncio.wait_for(done, 60)
    server.close()
    await server.wait_closed()
    return 0 if exc is None else 1


sys.exit(asyncio.run(main()))
