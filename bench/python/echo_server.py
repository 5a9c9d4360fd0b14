"""Echo servers on CPython's asyncio or on uvloop, for bench/run-echo.sh.

Modes, as in uvloop's vmbench: ``protocol`` (``data_received`` writes the data back),
``streams`` (``start_server``; read up to 256 KiB, write, drain) and ``tls`` (``protocol``
behind ``create_server(ssl=...)``, with ``--cert``/``--key`` PEM files).

The harness's control channel: the server prints ``READY port=P`` once it listens (``SKIP
reason`` when the loop cannot be imported), answers each ``mem`` line on its standard input with
``MEM heap=-1 direct=-1`` after a full collection (the harness reads the RSS from /proc itself),
and exits when its standard input ends.

Usage: echo_server.py [--loop asyncio|uvloop] [--mode protocol|streams|tls] [--port P]
                      [--cert FILE --key FILE]
"""

import argparse
import asyncio
import gc
import ssl
import sys

READ_SIZE = 256 * 1024


class EchoProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)


async def echo_streams(reader, writer):
    while True:
        data = await reader.read(READ_SIZE)
        if not data:
            break
        writer.write(data)
        await writer.drain()
    writer.close()


def control(loop, stop):
    line = sys.stdin.readline()
    if not line:
        loop.remove_reader(sys.stdin.fileno())
        stop.set_result(None)
    elif line.strip() == "mem":
        gc.collect()
        print("MEM heap=-1 direct=-1", flush=True)


async def serve(args):
    loop = asyncio.get_running_loop()
    context = None
    if args.mode == "tls":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    if args.mode == "streams":
        server = await asyncio.start_server(echo_streams, "127.0.0.1", args.port, backlog=1024)
    else:
        server = await loop.create_server(EchoProtocol, "127.0.0.1", args.port, backlog=1024,
                                          ssl=context)
    port = server.sockets[0].getsockname()[1]
    stop = loop.create_future()
    loop.add_reader(sys.stdin.fileno(), control, loop, stop)
    print(f"READY port={port}", flush=True)
    await stop
    server.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    p.add_argument("--mode", choices=["protocol", "streams", "tls"], default="protocol")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--cert")
    p.add_argument("--key")
    args = p.parse_args()
    if args.loop == "uvloop":
        try:
            import uvloop
        except ImportError as e:
            print(f"SKIP uvloop cannot be imported by {sys.executable}: {e}", flush=True)
            return
        uvloop.install()
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
