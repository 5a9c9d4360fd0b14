"""Runs jloop scheduler programs on CPython's asyncio or on uvloop and prints their traces.

Usage: python3 jloop_fuzz_driver.py asyncio|uvloop

Reads one program per line on stdin (JSON, as dev.jloop.fuzz.program.ProgramJson writes it) and
writes one trace per line on stdout (JSON, as dev.jloop.fuzz.trace.TraceJson reads it), after a
first line {"hello": {...}} naming the Python and the loop. This is the same interpreter as
dev.jloop.fuzz.internal.Interpreter and TaskSteps: keep the two in step.
"""

import asyncio
import concurrent.futures
import json
import platform
import sys
import threading
import time


class FuzzError(Exception):
    """The exception a program sets on a future."""


CALLBACK_OPS = ("soon", "later", "at", "threadsafe", "done", "executor")


class Interpreter:
    """Runs one program on one loop and records its events (see Interpreter.java)."""

    def __init__(self, loop, program, workers):
        self.loop = loop
        self.program = program
        self.workers = workers
        self.events = []
        self.lock = threading.Lock()
        self.progress = 0
        self.states = {}
        self.handles = {}
        self.done_owner = {}
        self.futures = {}
        self.seen_done = set()
        self.tasks = {}
        self.blockers = {}
        self.on_jobs = set()
        self.workers_in_flight = 0
        self.jobs_in_flight = 0
        self.loop_ident = None
        self.t0 = 0.0
        self.pass_no = 0
        self.depth = 0
        self.marker_pending = False
        self.marker_running = False
        self.activity = False
        self.used_executor = False
        self.stop_requested = False
        self.finished = False
        self.aborted = False
        self.winding = False
        self.max_deadline = 0.0

    # ---- recording ----

    def on_loop(self):
        return threading.get_ident() == self.loop_ident

    def record(self, kind, id=-1, ref=-1, value=0.0, note="", flag=False):
        on = self.on_loop()
        if not on and not note:  # off the loop thread: name the thread
            note = "thread=" + threading.current_thread().name
        event = [kind, id, ref, self.pass_no if on else -1, self.loop.time(), float(value), on,
                 self.depth if on else -1, note, bool(flag)]
        with self.lock:
            self.events.append(event)
            if kind != "mark":
                self.progress += 1
        if on and kind != "mark":
            self.activity = True

    # ---- the driver ----

    def run(self):
        self.loop_ident = threading.get_ident()
        loop = self.loop
        loop.set_exception_handler(self.handler)
        self.t0 = loop.time()
        self.ensure_marker()
        self.states[0] = "scheduled"
        self.record("soon", 0)
        loop.call_soon(self.callback(0, self.program["ops"]))
        spurious = 0
        segment = 0
        while not self.finished and not self.aborted and spurious < 3:
            self.stop_requested = False
            self.record("segment", segment, note="start")
            try:
                loop.run_forever()
            except Exception as e:  # a loop bug: report it, do not crash the driver
                self.record("error", note="run_forever: %r" % (e,))
                self.aborted = True
            self.record("segment", segment, note="end")
            spurious += 0 if self.stop_requested else 1
            segment += 1
        self.winding = True
        for tid, t in self.tasks.items():
            self.record("final", tid, note=outcome(t, "pending"))
        if self.used_executor and not self.aborted:
            shutdown = asyncio.ensure_future(loop.shutdown_default_executor(), loop=loop)
            for _ in range(3):  # uvloop may carry a stop() over into this run: run again
                try:
                    loop.run_until_complete(shutdown)
                    break
                except RuntimeError:
                    if shutdown.done():
                        raise

    def handler(self, loop, ctx):
        exc = ctx.get("exception")
        self.record("handler", note=str(ctx.get("message", "")) + (": %r" % (exc,) if exc else ""))

    def abort(self, reason):
        if not self.aborted and not self.finished:
            self.record("abort", note=reason)
            self.aborted = True
            self.stop_requested = True
            self.loop.stop()

    # ---- callbacks ----

    def callback(self, id, body):
        def run(*_):
            self.run_callback(id, body)
        return run

    def run_callback(self, id, body):
        if not self.on_loop():
            self.record("run", id)
            self.states[id] = "ran"
            return
        self.sync_futures()
        before = self.states.get(id)
        self.states[id] = "ran"
        self.record("run", id)
        if before in ("ran", "cancelled") or self.finished or self.aborted:
            return
        self.depth += 1
        try:
            self.exec_all(body)
        finally:
            self.depth -= 1
        self.after_step()

    def marker(self):
        if self.marker_running or not self.on_loop():
            return
        self.marker_running = True
        try:
            self.marker_pending = False
            if self.finished or self.aborted:
                return
            self.pass_no += 1
            self.sync_futures()
            self.record("mark", self.pass_no)
            keep = self.activity
            self.activity = False
            self.after_step()
            if keep:
                self.ensure_marker()
        finally:
            self.marker_running = False

    def ensure_marker(self):
        if not self.marker_pending and not self.finished and not self.aborted:
            self.marker_pending = True
            self.loop.call_soon(self.marker)

    # ---- ops ----

    def exec_all(self, ops):
        for op in ops:
            if self.finished or self.aborted:
                return
            self.exec_guarded(op)

    def exec_guarded(self, op):
        try:
            self.exec_op(op)
        except Exception as e:
            id = op["id"] if op["op"] in CALLBACK_OPS else -1
            if id >= 0:
                self.states[id] = "failed"
            self.record("error", id, note="%s: %r" % (op["op"], e))

    def exec_op(self, op):
        kind = op["op"]
        loop = self.loop
        body = op.get("body", [])
        if kind == "soon":
            self.ensure_marker()
            self.states[op["id"]] = "scheduled"
            self.record("soon", op["id"])
            self.handles[op["id"]] = loop.call_soon(self.callback(op["id"], body))
        elif kind == "later":
            self.states[op["id"]] = "scheduled"
            self.record("later", op["id"], value=op["delay"])
            self.max_deadline = max(self.max_deadline, loop.time() + op["delay"])
            self.timer(op["id"], loop.call_later(op["delay"], self.callback(op["id"], body)))
        elif kind == "at":
            self.states[op["id"]] = "scheduled"
            when = self.t0 + op["offset"]
            self.record("at", op["id"], value=when)
            self.timer(op["id"], loop.call_at(when, self.callback(op["id"], body)))
        elif kind == "threadsafe":
            self.threadsafe(op["id"], body)
        elif kind == "cancel":
            self.cancel(op["target"])
        elif kind == "future":
            self.futures[op["fid"]] = loop.create_future()
            self.record("future", ref=op["fid"])
        elif kind == "done":
            f = self.futures.get(op["fid"])
            if f is not None:
                done = f.done()
                if done:
                    self.ensure_marker()
                self.states[op["id"]] = "registered"
                self.done_owner[op["id"]] = op["fid"]
                self.record("done_add", op["id"], op["fid"], flag=done)
                f.add_done_callback(self.callback(op["id"], body))
        elif kind == "complete":
            self.complete(op["fid"], op["how"])
        elif kind == "task":
            self.ensure_marker()
            self.record("task", op["tid"])
            t = loop.create_task(self.task_body(op["tid"], body), name="t%d" % op["tid"])
            self.tasks[op["tid"]] = t
            t.add_done_callback(self.task_done)
        elif kind == "cancelTask":
            t = self.tasks.get(op["tid"])
            if t is not None:
                self.ensure_marker()
                cancelled = t.cancel()
                self.record("task_cancel", op["tid"], flag=cancelled)
                self.sync_futures()
        elif kind == "executor":
            self.used_executor = True
            self.states[op["id"]] = "scheduled"
            self.record("executor", op["id"])
            self.submit_job(op["id"]).add_done_callback(self.callback(op["id"], body))
        elif kind == "stop":
            self.ensure_marker()
            self.stop_requested = True
            self.record("stop")
            loop.stop()
        else:
            raise ValueError("not a callback op: %r" % (op,))

    def timer(self, id, handle):
        self.handles[id] = handle
        if hasattr(handle, "when"):  # uvloop returns a plain Handle for a deadline already due
            self.record("when", id, value=handle.when())
            self.max_deadline = max(self.max_deadline, handle.when())

    def threadsafe(self, id, body):
        self.states[id] = "scheduled"
        cb = self.callback(id, body)
        with self.lock:
            self.workers_in_flight += 1

        def work():
            try:
                self.record("threadsafe", id)
                self.loop.call_soon_threadsafe(cb)
            except Exception as e:
                self.states[id] = "failed"
                self.record("error", id, note="call_soon_threadsafe: %r" % (e,))
            finally:
                with self.lock:
                    self.workers_in_flight -= 1
        self.workers.submit(work)

    def cancel(self, target):
        h = self.handles.get(target)
        if h is None:
            self.record("cancel", target, note="unscheduled")
            return
        pending = self.states.get(target) == "scheduled"
        if pending:
            self.states[target] = "cancelled"
        self.record("cancel", target, note="pending" if pending else "ran")
        h.cancel()

    def complete(self, fid, how):
        f = self.futures.get(fid)
        if f is None or f.done():
            return
        self.ensure_marker()
        self.seen_done.add(fid)
        if how == "result":
            self.record("complete", ref=fid, note="result", flag=True)
            f.set_result("f%d" % fid)
        elif how == "exception":
            self.record("complete", ref=fid, note="exception", flag=True)
            f.set_exception(FuzzError("f%d" % fid))
            f.exception()
        else:
            self.record("complete", ref=fid, note="cancelled", flag=True)
            f.cancel()

    def submit_job(self, id):
        self.used_executor = True
        with self.lock:
            self.jobs_in_flight += 1

        def job():
            try:
                self.record("job", id)
                return "j%d" % id
            finally:
                with self.lock:
                    self.jobs_in_flight -= 1
        try:
            return self.loop.run_in_executor(None, job)
        except Exception:
            with self.lock:
                self.jobs_in_flight -= 1
            raise

    def task_done(self, _):
        if not self.finished and not self.aborted and self.on_loop():
            self.sync_futures()
            self.after_step()

    # ---- tasks ----

    async def task_body(self, tid, body):
        self.sync_futures()
        self.record("begin", tid)
        self.depth += 1
        try:
            for op in body:
                if self.finished or self.aborted:
                    break
                if op["op"] in ("sleep", "awaitFuture", "awaitTask", "awaitJob"):
                    await self.await_op(op, tid)
                else:
                    self.exec_guarded(op)
            self.record("end", tid, note="result")
            return "t%d" % tid
        except asyncio.CancelledError:
            self.record("end", tid, note="cancelled")
            raise
        except Exception as e:
            self.record("end", tid, note="error:" + type(e).__name__)
            raise
        finally:
            self.depth -= 1

    async def await_op(self, op, tid):
        kind = op["op"]
        if kind == "sleep":
            s = op["seconds"]
            if s == 0:
                self.ensure_marker()
            else:
                self.max_deadline = max(self.max_deadline, self.loop.time() + s)
            self.record("await", tid, value=s, note="sleep", flag=True)
            await self.suspend(tid, asyncio.sleep(s))
        elif kind == "awaitFuture":
            f = self.futures.get(op["fid"])
            if f is not None:
                await self.await_on(tid, f, op["fid"], "future")
        elif kind == "awaitTask":
            t = self.tasks.get(op["tid"])
            if t is not None and op["tid"] != tid:
                await self.await_on(tid, t, op["tid"], "task")
        else:
            jf = self.submit_job(op["id"])
            self.blockers[tid] = jf
            self.on_jobs.add(tid)
            self.record("await", tid, op["id"], note="job", flag=not jf.done())
            await self.suspend(tid, jf)

    async def await_on(self, tid, f, ref, what):
        self.blockers[tid] = f
        self.after_step()
        self.record("await", tid, ref, note=what, flag=not f.done())
        await self.suspend(tid, f)

    async def suspend(self, tid, awaitable):
        self.depth -= 1
        rethrow = None
        try:
            v = await awaitable
            result = "none" if v is None else "result:%s" % v
        except asyncio.CancelledError as e:
            result = "cancelled"
            rethrow = e
        except FuzzError:
            result = "exception"
        except Exception as e:
            result = "error:" + type(e).__name__
            rethrow = e
        self.sync_futures()
        self.blockers.pop(tid, None)
        self.on_jobs.discard(tid)
        self.record("resume", tid, note=result)
        self.depth += 1
        if rethrow is not None:
            raise rethrow

    # ---- liveness ----

    def after_step(self):
        if self.finished or self.aborted or not self.on_loop() or self.live() > 0:
            return
        pending = [(fid, f) for fid, f in self.futures.items() if not f.done()]
        if pending:
            self.ensure_marker()
            self.record("epilogue")
            for fid, f in pending:
                self.seen_done.add(fid)
                self.record("complete", ref=fid, note="cancelled", flag=True)
                f.cancel()
            if self.live() > 0:
                return
        self.finished = True
        self.stop_requested = True
        self.record("finish")
        self.loop.stop()

    def live(self):
        n = 0
        for id, st in list(self.states.items()):
            if st == "scheduled" or (st == "registered" and self.futures[self.done_owner[id]].done()):
                n += 1
        for tid, t in self.tasks.items():
            b = self.blockers.get(tid)
            if not t.done() and (b is None or b.done() or tid in self.on_jobs):
                n += 1
        return n

    def sync_futures(self):
        for fid, f in self.futures.items():
            if f.done() and fid not in self.seen_done:
                self.seen_done.add(fid)
                self.record("complete", ref=fid, note=outcome(f, "pending"), flag=False)

    def waiting_on_loop(self):
        if self.winding:
            return False
        with self.lock:
            idle = self.workers_in_flight == 0 and self.jobs_in_flight == 0
        return self.finished or (idle and self.loop.time() > self.max_deadline + 0.002)


def outcome(f, if_pending):
    if not f.done():
        return if_pending
    if f.cancelled():
        return "cancelled"
    return "exception" if f.exception() is not None else "result"


def watch(interp, done, quiet=0.05, hang=5.0, limit=30.0):
    """Aborts a run that stalls, the way dev.jloop.fuzz.internal.ProgramRunner does: when nothing
    was recorded for `quiet` s and only the loop can act, a probe goes through
    call_soon_threadsafe and checks for progress three passes later; two probes in a row without
    progress abort the run as stalled. A probe that does not run within `hang` s, or a run longer
    than `limit` s, aborts it too. asyncio and uvloop should never need it."""
    start = time.monotonic()
    last, last_change, idle_probes = -1, start, 0
    while not done.wait(0.01):
        now = time.monotonic()
        if now - start > limit:
            try_abort(interp, "timeout")
            return
        if interp.progress != last:
            last, last_change, idle_probes = interp.progress, now, 0
            continue
        if now - last_change < quiet or not interp.waiting_on_loop():
            continue
        seen, answer, result = interp.progress, threading.Event(), []

        def probe3():
            if not interp.finished and not interp.aborted:
                interp.sync_futures()
                interp.after_step()
            progressed = interp.progress != seen or interp.finished
            if not progressed and idle_probes >= 1:
                interp.abort("stalled")
            result.append(progressed)
            answer.set()
        try:
            interp.loop.call_soon_threadsafe(
                lambda: interp.loop.call_soon(lambda: interp.loop.call_soon(probe3)))
        except RuntimeError:
            continue
        waited = 0.0
        while not answer.wait(0.01) and not done.is_set() and waited < hang:
            waited += 0.01
        if done.is_set():
            return
        if not answer.is_set():
            try_abort(interp, "hung")
            return
        idle_probes = 0 if result[0] else idle_probes + 1
        last_change = time.monotonic()


def try_abort(interp, reason):
    try:
        interp.loop.call_soon_threadsafe(interp.abort, reason)
    except RuntimeError:
        pass


def run_program(new_loop, name, resolution, program, workers):
    loop = new_loop()
    interp = Interpreter(loop, program, workers)
    done = threading.Event()
    watcher = threading.Thread(target=watch, args=(interp, done), daemon=True)
    watcher.start()
    try:
        interp.run()
    except Exception as e:
        interp.record("error", note="driver: %r" % (e,))
    finally:
        done.set()
        watcher.join()
        if not loop.is_running():
            loop.close()
    return {"loop": name, "resolution": resolution, "events": interp.events}


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else "asyncio"
    if which == "uvloop":
        import uvloop
        new_loop, name, version = uvloop.new_event_loop, "uvloop", uvloop.__version__
        resolution = 0.001  # libuv keeps loop time in milliseconds
    else:
        new_loop, name, version = asyncio.new_event_loop, "cpython-asyncio", platform.python_version()
        probe = asyncio.new_event_loop()
        resolution = probe._clock_resolution
        probe.close()
    out = sys.stdout
    out.write(json.dumps({"hello": {"loop": name, "version": version,
                                    "python": platform.python_version(),
                                    "executable": sys.executable,
                                    "resolution": resolution}}) + "\n")
    out.flush()
    workers = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="jloop-fuzz-worker")
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            trace = run_program(new_loop, name, resolution, json.loads(line), workers)
        except Exception as e:
            trace = {"loop": name, "resolution": resolution, "events": [], "error": repr(e)}
        out.write(json.dumps(trace) + "\n")
        out.flush()
    workers.shutdown()


if __name__ == "__main__":
    main()
