#!/usr/bin/env python3
"""Python baselines for jloop's JMH micro-benchmarks, measured the same way.

Each benchmark does what its JMH twin in dev.jloop.bench does, in batches of --batch
operations (JMH uses 1000): call_soon, call_later, timer_cancel, future_done_callbacks,
await_future, sleep_zero_ping_pong and threadsafe_round_trip. Like a JMH iteration, a round
repeats batches for --time seconds; after --warmup unmeasured rounds, --rounds measured rounds
give the samples, summarized as mean and 99.9% confidence half-width. Each round also yields
the score recomputed with the process's CPU time in place of wall-clock time ("cpu" fields),
which a busy machine disturbs much less; JMH gets it from dev.jloop.bench.CpuTimeProfiler.

    python3 micro.py --loop asyncio --out asyncio.json
    /usr/bin/python3 micro.py --loop uvloop --out uvloop.json

The result is JSON (format "jloop-bench-python/1", see docs/benchmarks.md). If the loop cannot be
imported (uvloop missing), the file says so in "skipped" and the script still exits 0.
"""

import argparse
import asyncio
import json
import os
import platform
import re
import sys
import threading
import time

from benchstats import summarize

FORMAT = "jloop-bench-python/1"


def count_down(loop, n):
    """A callback (also usable as a done callback) that stops `loop` on its n-th call, and a
    function telling how many calls are still expected."""
    left = n

    def callback(*_):
        nonlocal left
        left -= 1
        if left == 0:
            loop.stop()

    def remaining():
        return left

    return callback, remaining


def run_until_counted_down(loop, remaining):
    loop.run_forever()
    if remaining() != 0:
        raise RuntimeError(f"loop stopped with {remaining()} callbacks still expected")


class Benchmark:
    """One benchmark: set up on a fresh loop, invoked once per batch, torn down."""
    name = ""
    unit = "ops/s"
    takes_idle_readers = False

    def __init__(self, idle_readers=0):
        self.idle_readers = idle_readers
        self.pipes = []

    def params(self):
        return {"idleReaders": self.idle_readers} if self.takes_idle_readers else {}

    def setup(self, loop, batch):
        self.loop = loop
        self.batch = batch
        for _ in range(self.idle_readers):
            r, w = os.pipe()
            os.set_blocking(r, False)
            self.pipes.append((r, w))
            loop.add_reader(r, _never)

    def close_pipes(self):
        for r, w in self.pipes:
            self.loop.remove_reader(r)
            os.close(r)
            os.close(w)
        self.pipes.clear()

    def invoke(self):
        raise NotImplementedError

    def teardown(self):
        pass


class CallSoon(Benchmark):
    name = "call_soon"

    def invoke(self):
        loop, n = self.loop, self.batch
        cb, remaining = count_down(loop, n)
        for _ in range(n):
            loop.call_soon(cb)
        run_until_counted_down(loop, remaining)


class CallLater(Benchmark):
    name = "call_later"

    def invoke(self):
        loop, n = self.loop, self.batch
        cb, remaining = count_down(loop, n)
        for _ in range(n):
            loop.call_later(0, cb)
        run_until_counted_down(loop, remaining)


class TimerCancel(Benchmark):
    name = "timer_cancel"

    def invoke(self):
        loop, n = self.loop, self.batch
        timers = [loop.call_later(3600, _never) for _ in range(n)]
        for t in timers:
            t.cancel()
        cb, remaining = count_down(loop, 1)
        loop.call_soon(cb)
        run_until_counted_down(loop, remaining)


def _never():
    raise AssertionError("a cancelled timer ran, or an idle pipe became readable")


class FutureDoneCallbacks(Benchmark):
    name = "future_done_callbacks"

    def invoke(self):
        loop, n = self.loop, self.batch
        cb, remaining = count_down(loop, n)
        for _ in range(n):
            f = loop.create_future()
            f.add_done_callback(cb)
            f.set_result("result")
        run_until_counted_down(loop, remaining)


class AwaitFuture(Benchmark):
    name = "await_future"
    unit = "ns/op"
    takes_idle_readers = True

    async def _body(self):
        loop = self.loop
        total = 0
        for _ in range(self.batch):
            f = loop.create_future()
            loop.call_soon(f.set_result, 1)
            total += await f
        return total

    def invoke(self):
        got = self.loop.run_until_complete(self._body())
        if got != self.batch:
            raise RuntimeError(f"{got} switches completed, expected {self.batch}")


class SleepZeroPingPong(Benchmark):
    name = "sleep_zero_ping_pong"
    unit = "ns/op"
    takes_idle_readers = True

    @staticmethod
    async def _sleeper(n):
        for _ in range(n):
            await asyncio.sleep(0)
        return n

    def invoke(self):
        loop, half = self.loop, self.batch // 2
        first = loop.create_task(self._sleeper(half))
        second = loop.create_task(self._sleeper(half))
        got = loop.run_until_complete(second)
        if not first.done():
            raise RuntimeError("the first sleeper is still pending after the second finished")
        if got + first.result() != self.batch:
            raise RuntimeError("wrong number of switches")


class ThreadsafeRoundTrip(Benchmark):
    """This thread posts lock.release to a loop idling on another thread and waits for it."""
    name = "threadsafe_round_trip"
    unit = "us/op"

    def setup(self, loop, batch):
        super().setup(loop, batch)
        self.answer = threading.Lock()
        self.answer.acquire()
        self.thread = threading.Thread(target=loop.run_forever, name="bench-loop", daemon=True)
        self.thread.start()

    def invoke(self):
        post, lock = self.loop.call_soon_threadsafe, self.answer
        for _ in range(self.batch):
            post(lock.release)
            if not lock.acquire(timeout=10):
                raise RuntimeError("the loop did not answer within 10 s")

    def teardown(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        if self.thread.is_alive():
            raise RuntimeError("the loop thread did not stop")


BENCHMARKS = [CallSoon, CallLater, TimerCancel, FutureDoneCallbacks, AwaitFuture,
              SleepZeroPingPong, ThreadsafeRoundTrip]

_SCALE = {"ops/s": None, "ns/op": 1e9, "us/op": 1e6}


def measure_round(bench, batch, seconds):
    """Runs batches for `seconds`; returns the round's score in the benchmark's unit, and the
    same score with the process's CPU time in place of wall-clock time."""
    ops = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    while True:
        bench.invoke()
        ops += batch
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    cpu = time.process_time() - cpu_start
    scale = _SCALE[bench.unit]
    if scale is None:
        return ops / elapsed, ops / cpu
    return elapsed / ops * scale, cpu / ops * scale


def make_loop_factory(name):
    """(factory, loop version) for 'asyncio' or 'uvloop'; raises ImportError if unavailable."""
    if name == "asyncio":
        return asyncio.new_event_loop, platform.python_version()
    if name == "uvloop":
        import uvloop
        return uvloop.new_event_loop, uvloop.__version__
    raise ValueError(f"unknown loop {name!r}: use asyncio or uvloop")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--loop", default="asyncio", choices=["asyncio", "uvloop"])
    p.add_argument("--batch", type=int, default=1000, help="operations per invocation (even)")
    p.add_argument("--warmup", type=int, default=1, help="unmeasured rounds per benchmark")
    p.add_argument("--rounds", type=int, default=5, help="measured rounds per benchmark")
    p.add_argument("--time", type=float, default=1.0, help="seconds per round")
    p.add_argument("--filter", default="", help="regex on benchmark names")
    p.add_argument("--idle-readers", default="0,1",
                   help="comma-separated counts of idle pipes registered with add_reader, for "
                        "the await benchmarks (JMH's idleReaders)")
    p.add_argument("--list", action="store_true", help="print the benchmark names and exit")
    p.add_argument("--out", help="write the JSON here (default: stdout)")
    args = p.parse_args(argv)
    selected = [b for b in BENCHMARKS if re.search(args.filter, b.name)]
    if args.list:
        for b in selected:
            print(b.name)
        return 0
    if args.batch < 2 or args.batch % 2 or args.rounds < 1 or args.time <= 0 or args.warmup < 0:
        p.error("--batch must be even and >= 2, --rounds >= 1, --time > 0, --warmup >= 0")
    try:
        idle_counts = [int(x) for x in args.idle_readers.split(",")]
    except ValueError:
        p.error("--idle-readers must be comma-separated integers")

    doc = {
        "format": FORMAT,
        "runtime": {"loop": args.loop, "python": platform.python_version(),
                    "implementation": platform.python_implementation(),
                    "executable": sys.executable},
        "config": {"batch": args.batch, "warmup": args.warmup, "rounds": args.rounds,
                   "time": args.time},
        "results": [],
    }
    try:
        factory, version = make_loop_factory(args.loop)
        doc["runtime"]["loopVersion"] = version
    except ImportError as e:
        doc["skipped"] = f"{args.loop} cannot be imported by {sys.executable}: {e}"
        print(f"micro.py: skipping {args.loop}: {doc['skipped']}", file=sys.stderr)
        factory = None

    runs = [cls(n) for cls in selected if factory
            for n in (idle_counts if cls.takes_idle_readers else [0])]
    for bench in runs:
        cls = type(bench)
        loop = factory()
        try:
            bench.setup(loop, args.batch)
            for _ in range(args.warmup):
                measure_round(bench, args.batch, args.time)
            rounds = [measure_round(bench, args.batch, args.time) for _ in range(args.rounds)]
            bench.teardown()
        finally:
            bench.close_pipes()
            loop.close()
        samples = [wall for wall, _ in rounds]
        cpu_samples = [cpu for _, cpu in rounds]
        score, error = summarize(samples)
        cpu_score, cpu_error = summarize(cpu_samples)
        doc["results"].append({"benchmark": cls.name, "params": bench.params(), "unit": cls.unit,
                               "higherIsBetter": cls.unit == "ops/s",
                               "score": score, "error": None if error != error else error,
                               "samples": samples, "cpuScore": cpu_score,
                               "cpuError": None if cpu_error != cpu_error else cpu_error,
                               "cpuSamples": cpu_samples})
        suffix = f" idleReaders={bench.idle_readers}" if cls.takes_idle_readers else ""
        print(f"{args.loop:8} {cls.name + suffix:36} {score:14.3f} {cls.unit}", file=sys.stderr)

    text = json.dumps(doc, indent=2)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
