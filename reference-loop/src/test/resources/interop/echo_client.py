"""A CPython asyncio echo client for jloop's interop tests.

Usage: echo_client.py tcp PORT SIZE | echo_client.py unix PATH SIZE
Sends SIZE random bytes in random chunks (awaiting drain()), reads the echo concurrently and
compares SHA-256 digests. Prints "OK <bytes> <sha256>" and exits 0 on a match, else exits 1.
"""
import asyncio
import hashlib
import random
import sys


async def main():
    kind, where, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if kind == "tcp":
        reader, writer = await asyncio.open_connection("127.0.0.1", int(where))
    else:
        reader, writer = await asyncio.open_unix_connection(where)
    rnd = random.Random(1234)
    sent = hashlib.sha256()

    async def send():
        left = size
        while left:
            n = min(left, rnd.choice([1, 100, 4096, 65536, 300000]))
            chunk = rnd.randbytes(n)
            sent.update(chunk)
            writer.write(chunk)
            await writer.drain()
            left -= n
        writer.write_eof()

    async def receive():
        got = hashlib.sha256()
        total = 0
        while True:
            data = await reader.read(65536)
            if not data:
                return total, got.hexdigest()
            got.update(data)
            total += len(data)

    _, (total, digest) = await asyncio.wait_for(asyncio.gather(send(), receive()), 60)
    writer.close()
    await writer.wait_closed()
    if total == size and digest == sent.hexdigest():
        print("OK", total, digest)
        return 0
    print("MISMATCH", total, digest, sent.hexdigest())
    return 1


sys.exit(asyncio.run(main()))
