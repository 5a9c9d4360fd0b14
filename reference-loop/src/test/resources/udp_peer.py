"""A CPython asyncio UDP peer for jloop's datagram tests.

server:               echo b"py:" + datagram to the sender; print "PORT <n>"; stop on b"quit".
client <port> <n>:    send n datagrams (random sizes) to 127.0.0.1:<port> one at a time,
                      expect b"java:" + datagram back for each; print "OK <n>" and exit 0.
"""
import asyncio
import random
import sys


class Echo(asyncio.DatagramProtocol):
    def __init__(self, done):
        self.done = done

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        if data == b"quit":
            self.done.set_result(None)
            return
        self.transport.sendto(b"py:" + data, addr)


class Client(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)

    def error_received(self, exc):
        self.replies.put_nowait(exc)


async def server():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    transport, _ = await loop.create_datagram_endpoint(
        lambda: Echo(done), local_addr=("127.0.0.1", 0))
    print("PORT", transport.get_extra_info("sockname")[1], flush=True)
    try:
        await asyncio.wait_for(done, 60)
    finally:
        transport.close()


async def client(port, n):
    loop = asyncio.get_running_loop()
    transport, proto = await loop.create_datagram_endpoint(
        Client, remote_addr=("127.0.0.1", port))
    rnd = random.Random(7)
    try:
        for i in range(n):
            payload = i.to_bytes(4, "big") + rnd.randbytes(rnd.randrange(0, 1400))
            transport.sendto(payload)
            reply = await asyncio.wait_for(proto.replies.get(), 30)
            if reply != b"java:" + payload:
                print("MISMATCH", i, repr(reply)[:80], flush=True)
                return 1
    finally:
        transport.close()
    print("OK", n, flush=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "server":
        asyncio.run(server())
    else:
        sys.exit(asyncio.run(client(int(sys.argv[2]), int(sys.argv[3]))))
