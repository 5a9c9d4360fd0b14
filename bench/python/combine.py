#!/usr/bin/env python3
"""Merges a JMH JSON result file and micro.py result files into bench-results.json
(format "jloop-bench-results/1", documented in docs/benchmarks.md) and prints a table of
scores with their ratios to CPython asyncio and uvloop.

    combine.py --jmh jmh.json --python asyncio-1.json asyncio-2.json uvloop-1.json \
               --meta command="bench/run-micro.sh" --out bench-results.json

Several micro.py files for the same loop (rounds before and after the JMH run) are pooled.
A ratio is a speed-up: above 1 means the JVM loop is faster, whatever the unit.
"""

import argparse
import json
import math
import os
import platform
import re
import statistics
import sys

from benchstats import summarize

FORMAT = "jloop-bench-results/1"
BASELINES = ("asyncio", "uvloop")
ORDER = ["call_soon", "call_later", "timer_cancel", "future_done_callbacks", "await_future",
         "sleep_zero_ping_pong", "threadsafe_round_trip"]
LABELS = {"asyncio": "CPython asyncio", "uvloop": "uvloop"}
# The targets of issues #2 and #8: minimum speed-ups over a baseline, or a maximum score.
TARGETS = [
    {"benchmark": "call_soon", "vs": "asyncio", "minRatio": 20},
    {"benchmark": "call_later", "vs": "asyncio", "minRatio": 10},
    {"benchmark": "sleep_zero_ping_pong", "backend": "continuation", "maxScore": 300,
     "unit": "ns/op"},
]


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def param_value(v):
    """JMH writes every parameter as a string; numbers become numbers, as micro.py writes them."""
    try:
        return int(v)
    except (TypeError, ValueError):
        return v


def params_key(r):
    return tuple(sorted(r.get("params", {}).items()))


def number(x):
    """JMH writes NaN as the string "NaN"; JSON results use null for 'unknown'."""
    if x is None or isinstance(x, str):
        return None
    return None if math.isnan(x) else float(x)


def with_medians(r):
    """Adds the medians of the samples: on a busy machine a few iterations run much slower or
    faster than the rest, and a ratio of medians shrugs them off."""
    r["median"] = statistics.median(r["samples"]) if r["samples"] else None
    r["cpuMedian"] = statistics.median(r["cpuSamples"]) if r["cpuSamples"] else None
    return r


def jmh_results(path):
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)
    out, jvm = [], None
    for e in entries:
        cls, method = e["benchmark"].rsplit(".", 1)
        backend = None
        for arg in e.get("jvmArgs", []):
            if arg.startswith("-Djloop.coroutine.backend="):
                backend = arg.split("=", 1)[1]
        metric = e["primaryMetric"]
        cpu = e.get("secondaryMetrics", {}).get("cpu")
        loop = e.get("params", {}).get("loop", "?")
        params = {k: param_value(v) for k, v in e.get("params", {}).items() if k != "loop"}
        unit = metric["scoreUnit"]
        out.append(with_medians({
            "benchmark": snake(method), "params": params, "loop": loop, "runtime": "jvm",
            "backend": backend,
            "label": f"jloop {loop}" + (f" ({backend})" if backend else ""),
            "score": number(metric["score"]), "error": number(metric.get("scoreError")),
            "unit": unit, "higherIsBetter": not unit.endswith("/op"),
            "samples": [s for fork in metric.get("rawData", []) for s in fork],
            "cpuScore": number(cpu["score"]) if cpu else None,
            "cpuError": number(cpu.get("scoreError")) if cpu else None,
            "cpuSamples": [s for fork in cpu.get("rawData", []) for s in fork] if cpu else [],
            "source": e["benchmark"], "jvmArgs": e.get("jvmArgs", []),
        }))
        jvm = jvm or {k: e.get(k) for k in ("jmhVersion", "jdkVersion", "vmName", "vmVersion",
                                            "forks", "warmupIterations", "warmupTime",
                                            "measurementIterations", "measurementTime")}
    return out, jvm


def python_results(paths):
    """Pools the samples of every file per (loop, benchmark)."""
    runtimes, pooled, skipped = {}, {}, {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        rt = doc["runtime"]
        loop = rt["loop"]
        if doc.get("skipped"):
            skipped[loop] = doc["skipped"]
            continue
        runtimes.setdefault(loop, dict(rt, config=doc["config"], files=[]))["files"].append(
            os.path.basename(path))
        for r in doc["results"]:
            key = (loop, r["benchmark"], params_key(r))
            entry = pooled.setdefault(key, dict(r, samples=[], cpuSamples=[]))
            entry["samples"].extend(r["samples"])
            entry["cpuSamples"].extend(r.get("cpuSamples", []))
    out = []
    for (loop, name, _), r in pooled.items():
        score, error = summarize(r["samples"])
        cpu_score, cpu_error = summarize(r["cpuSamples"]) if r["cpuSamples"] else (None, None)
        out.append(with_medians({
            "benchmark": name, "params": r.get("params", {}), "loop": loop, "runtime": "cpython",
            "backend": None,
            "label": LABELS.get(loop, loop), "score": score, "error": number(error),
            "unit": r["unit"], "higherIsBetter": r["higherIsBetter"], "samples": r["samples"],
            "cpuScore": cpu_score, "cpuError": number(cpu_error), "cpuSamples": r["cpuSamples"],
            "source": "bench/python/micro.py",
        }))
    for loop in skipped:
        runtimes.pop(loop, None)
    return out, runtimes, skipped


def speedup(r, base, field="score", error_field="error"):
    """(ratio, low, high): r's speed-up over base, with the range their errors allow."""
    s, b = r[field], base[field]
    es, eb = r[error_field] or 0.0, base[error_field] or 0.0
    if r["higherIsBetter"]:
        ratio = s / b
        low = (s - es) / (b + eb)
        high = (s + es) / (b - eb) if b > eb else None
    else:
        ratio = b / s
        low = (b - eb) / (s + es)
        high = (b + eb) / (s - es) if s > es else None
    return ratio, max(low, 0.0), high


def median_speedup(r, base, field):
    if r.get(field) is None or base.get(field) is None:
        return None
    return r[field] / base[field] if r["higherIsBetter"] else base[field] / r[field]


def ratios(results):
    base = {(r["loop"], r["benchmark"], params_key(r)): r
            for r in results if r["runtime"] == "cpython"}
    out = []
    for r in results:
        if r["runtime"] != "jvm" or r["score"] is None:
            continue
        for b in BASELINES:
            other = base.get((b, r["benchmark"], params_key(r)))
            if other is None or other["unit"] != r["unit"]:
                continue
            ratio, low, high = speedup(r, other)
            q = {"benchmark": r["benchmark"], "params": r["params"], "loop": r["loop"],
                 "backend": r["backend"], "vs": b, "ratio": ratio, "low": low, "high": high,
                 "cpuRatio": None, "cpuLow": None, "cpuHigh": None}
            if r.get("cpuScore") and other.get("cpuScore"):
                q["cpuRatio"], q["cpuLow"], q["cpuHigh"] = speedup(r, other, "cpuScore", "cpuError")
            q["medianRatio"] = median_speedup(r, other, "median")
            q["cpuMedianRatio"] = median_speedup(r, other, "cpuMedian")
            out.append(q)
    return out


def check_targets(results, ratio_list):
    out = []
    for t in TARGETS:
        if "minRatio" in t:
            for q in ratio_list:
                if q["benchmark"] == t["benchmark"] and q["vs"] == t["vs"]:
                    out.append(dict(t, loop=q["loop"], backend=q["backend"], params=q["params"],
                                    value=q["ratio"],
                                    met=q["ratio"] >= t["minRatio"],
                                    medianValue=q["medianRatio"],
                                    cpuMedianValue=q["cpuMedianRatio"]))
        else:
            for r in results:
                if (r["runtime"] == "jvm" and r["benchmark"] == t["benchmark"]
                        and r["backend"] == t["backend"] and r["unit"] == t["unit"]):
                    out.append(dict(t, loop=r["loop"], params=r["params"], value=r["score"],
                                    met=r["score"] < t["maxScore"], medianValue=r["median"],
                                    cpuMedianValue=r["cpuMedian"]))
    return out


def fmt(x):
    if x is None:
        return "?"
    if x >= 1e6:
        return f"{x / 1e6:.2f}M"
    if x >= 1e4:
        return f"{x / 1e3:.1f}k"
    return f"{x:.3g}" if x < 100 else f"{x:.0f}"


def describe(r):
    """The benchmark name with its parameters, e.g. sleep_zero_ping_pong idleReaders=1."""
    return " ".join([r["benchmark"]] + [f"{k}={v}" for k, v in params_key(r)])


def table(results, ratio_list):
    """Wall-clock scores (mean) and speed-ups, then the CPU-time score and speed-ups (median)."""
    by = {}
    for q in ratio_list:
        by[(q["benchmark"], params_key(q), q["loop"], q["backend"], q["vs"])] = q
    lines = [f"{'benchmark':36} {'loop':30} {'score':>8} {'± error':>8} {'unit':5} "
             f"{'x asyncio':>9} {'x uvloop':>8} | {'cpu median':>10} {'x asyncio':>9} {'x uvloop':>8}"]
    names = ORDER + [r["benchmark"] for r in results if r["benchmark"] not in ORDER]
    order = {name: i for i, name in enumerate(dict.fromkeys(names))}
    for r in sorted(results, key=lambda r: (order[r["benchmark"]], params_key(r),
                                            r["runtime"] != "cpython", r["label"])):
        wall, cpu = [], []
        for b in BASELINES:
            q = by.get((r["benchmark"], params_key(r), r["loop"], r["backend"], b), {})
            wall.append(f"{q['ratio']:.1f}" if q.get("ratio") is not None else "")
            cpu.append(f"{q['cpuMedianRatio']:.1f}" if q.get("cpuMedianRatio") is not None else "")
        lines.append(f"{describe(r):36} {r['label']:30} {fmt(r['score']):>8} "
                     f"{fmt(r['error']):>8} {r['unit']:5} {wall[0]:>9} {wall[1]:>8} | "
                     f"{fmt(r.get('cpuMedian')):>10} {cpu[0]:>9} {cpu[1]:>8}")
    return "\n".join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jmh", help="JMH result file (-rf json)")
    p.add_argument("--python", nargs="*", default=[], help="micro.py result files")
    p.add_argument("--meta", action="append", default=[], metavar="KEY=VALUE",
                   help="run facts to record (command, load averages, ...)")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)

    results, jvm = jmh_results(args.jmh) if args.jmh else ([], None)
    py, runtimes, skipped = python_results(args.python)
    results += py
    ratio_list = ratios(results)
    meta = dict(kv.split("=", 1) for kv in args.meta)
    doc = {
        "format": FORMAT,
        "suite": "micro",
        "run": {"meta": meta,
                "host": {"os": f"{platform.system()} {platform.release()} {platform.machine()}",
                         "cpus": os.cpu_count()},
                "jvm": jvm, "python": runtimes, "skipped": skipped},
        "results": results,
        "ratios": ratio_list,
        "targets": check_targets(results, ratio_list),
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print(table(results, ratio_list))
    for loop, why in skipped.items():
        print(f"skipped {loop}: {why}")
    for t in doc["targets"]:
        cpu, med = t.get("cpuMedianValue"), t.get("medianValue")
        if "minRatio" in t:
            what = (f"x{t['value']:.1f} vs {t['vs']} (medians: x{med:.1f}"
                    + (f", CPU time x{cpu:.1f}" if cpu else "") + f"), target >= {t['minRatio']}")
        else:
            what = (f"{t['value']:.0f} {t['unit']} (median {med:.0f}"
                    + (f", CPU time {cpu:.0f}" if cpu else "") + f"), target < {t['maxScore']}")
        backend = f" ({t['backend']})" if t.get("backend") else ""
        print(f"target {describe(t)} {t['loop']}{backend}: {what}: "
              f"{'met' if t['met'] else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
