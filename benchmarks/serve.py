#!/usr/bin/env python
"""`tonecheck serve` under load: requests per second and p50/p99 latency for
200-word drafts on loopback, against the target (p99 <= 20 ms at 200 requests/s on
2 cores). Run by hand, never part of pytest:

    .venv/bin/python benchmarks/serve.py                 # 200 requests/s for 10 s, each API
    .venv/bin/python benchmarks/serve.py --rate 400 --seconds 20

It starts the real server (uvicorn) on a free port, sends requests at a fixed rate
from several client threads (keep-alive connections, so the figures are the server's,
not TCP set-up's), and reports each endpoint's achieved rate and latencies. A second
run finds the highest rate the server sustains (every request answered, p99 under
the target).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRAFT = (HERE / "email-200.txt").read_text()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port: int) -> subprocess.Popen:
    env = {**os.environ, "TONECHECK_LANGUAGETOOL": "off"}
    proc = subprocess.Popen([sys.executable, "-m", "tonecheck", "serve", "--port", str(port)], env=env,
                            stderr=subprocess.DEVNULL, cwd=HERE)
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("tonecheck serve did not start")


def requests_for(endpoint: str) -> tuple[str, bytes, str]:
    if endpoint == "/v2/check":
        return endpoint, urllib.parse.urlencode({"text": DRAFT, "language": "en-US"}).encode(), "application/x-www-form-urlencoded"
    return endpoint, json.dumps({"text": DRAFT}).encode(), "application/json"


def load(port: int, endpoint: str, rate: float, seconds: float, clients: int = 8) -> dict:
    path, body, ctype = requests_for(endpoint)
    total = int(rate * seconds)
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    t0 = time.perf_counter() + 0.2

    def worker(k: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for i in range(k, total, clients):
            due = t0 + i / rate  # an open-loop schedule: a slow answer does not slow the senders
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            start = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers={"Content-Type": ctype})
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except OSError:
                ok = False
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            # latency from when the request was due: queueing counts
            elapsed = time.perf_counter() - min(start, due) if due < start else time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                failures[0] += not ok

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - t0
    latencies.sort()
    return {
        "endpoint": endpoint, "rate": rate, "achieved": len(latencies) / took, "failed": failures[0],
        "p50": 1000 * statistics.median(latencies),
        "p99": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rate", type=float, default=200)
    ap.add_argument("--seconds", type=float, default=10)
    args = ap.parse_args(argv)
    port = free_port()
    proc = start(port)
    try:
        print(f"tonecheck serve, 200-word drafts ({len(DRAFT.split())} words), {os.cpu_count()} cores, "
              f"{args.rate:g} requests/s for {args.seconds:g} s (target: p99 <= 20 ms at 200/s)")
        for endpoint in ("/v2/check", "/v1/check", "/v1/rewrite"):
            load(port, endpoint, 50, 1)  # warm up
            r = load(port, endpoint, args.rate, args.seconds)
            print(f"{r['endpoint']:12} {r['achieved']:7.1f} req/s  p50 {r['p50']:6.1f} ms  p99 {r['p99']:6.1f} ms  failed {r['failed']}")
        best = 0.0
        for rate in (200, 300, 400, 600, 800, 1000):
            r = load(port, "/v2/check", rate, 3)
            if r["failed"] or r["p99"] > 20:
                break
            best = rate
        print(f"/v2/check sustains at least {best:g} requests/s with p99 <= 20 ms")
    finally:
        proc.terminate()
        proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
