#!/usr/bin/env python
"""Fairness under a flood (issue 27), in one run: normal visitors' reply times
without and then with one client flooding the chat from 24 connections, and
what the flooder got.

    .venv/bin/python bench/flood.py                      # starts its own bot (ports 5325/5375)
    .venv/bin/python bench/flood.py --url http://127.0.0.1:5405   # a bot already running
    .venv/bin/python bench/flood.py --flooder-exempt     # the same with the flooder not limited: "before"

Every client has its own loopback address (Linux routes all of 127.0.0.0/8 to
lo), which is what the per-client limit keys on: the flooder sends from
127.0.0.2, each of the visitors from 127.0.0.1x. A visitor is a person: one
FAQ question, reads the answer, the next about 1.5 s later, in one
conversation. The flooder sends FAQ questions back to back on 24 kept
connections. Target: the visitors' p95 with the flood within 3x of without;
prints the flooder's replies per second and its share of friendly limit replies.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.service.limits import LIMITED_TEXT  # noqa: E402
from tests.botprocess import BotProcess  # noqa: E402

QUESTIONS = [
    "how long does the PQiP take?",
    "what qualifications do I need to be a probation officer?",
    "is the training paid?",
    "what does a probation services officer do?",
    "can I apply with a criminal record?",
    "what is the access route?",
    "do I need a degree?",
    "where can I train?",
    "what are the knowledge modules?",
    "how do I apply?",
]
FLOODER = "127.0.0.2"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))]


class Client:
    """One kept HTTP connection from a chosen source address."""

    def __init__(self, url: str, source: str):
        parsed = urlparse(url)
        self.host, self.port, self.source = parsed.hostname or "127.0.0.1", parsed.port or 80, source
        self.conn: http.client.HTTPConnection | None = None

    def post(self, sender: str, text: str) -> tuple[int, list]:
        body = json.dumps({"sender": sender, "message": text})
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(
                    self.host, self.port, timeout=60, source_address=(self.source, 0)
                )
            try:
                self.conn.request(
                    "POST", "/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
                )
                reply = self.conn.getresponse()
                data = reply.read()
                return reply.status, (json.loads(data) if reply.status == 200 else [])
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def visitors(url: str, count: int, seconds: float, pause: float) -> tuple[list[float], int, int]:
    """(reply times, limited replies, errors) of `count` visitors over `seconds`."""
    timings: list[float] = []
    counts = [0, 0]
    lock = threading.Lock()
    stop_at = time.time() + seconds

    def one(i: int) -> None:
        client, sender, k = Client(url, f"127.0.0.{10 + i}"), f"flood-visitor-{uuid.uuid4().hex[:8]}", 0
        time.sleep(pause * i / count)  # spread out, as people are
        while time.time() < stop_at:
            started = time.perf_counter()
            try:
                status, reply = client.post(sender, QUESTIONS[(i + k) % len(QUESTIONS)])
            except OSError:
                status, reply = 0, []
            elapsed = time.perf_counter() - started
            with lock:
                if status != 200:
                    counts[1] += 1
                elif any(m.get("text") == LIMITED_TEXT for m in reply):
                    counts[0] += 1
                else:
                    timings.append(elapsed)
            k += 1
            time.sleep(pause)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings, counts[0], counts[1]


class Flood:
    def __init__(self, url: str, connections: int):
        self.url, self.connections = url, connections
        self.stopping = threading.Event()
        self.answered = self.limited = self.errors = self.server_errors = 0
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.one, args=(i,)) for i in range(connections)]

    def one(self, i: int) -> None:
        client, k = Client(self.url, FLOODER), 0
        sender = f"flooder-{i}-{uuid.uuid4().hex[:6]}"
        while not self.stopping.is_set():
            try:
                status, reply = client.post(sender, QUESTIONS[(i + k) % len(QUESTIONS)])
            except OSError:
                status, reply = 0, []
            with self.lock:
                if status >= 500:
                    self.server_errors += 1
                elif status != 200:
                    self.errors += 1
                elif any(m.get("text") == LIMITED_TEXT for m in reply):
                    self.limited += 1
                else:
                    self.answered += 1
            k += 1

    def __enter__(self) -> Flood:
        self.started = time.perf_counter()
        for t in self.threads:
            t.start()
        time.sleep(2)  # the flooder's burst is spent: measure the steady flood
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        for t in self.threads:
            t.join()
        self.seconds = time.perf_counter() - self.started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="a bot already running (its own limits apply)")
    parser.add_argument("--seconds", type=float, default=30, help="per phase")
    parser.add_argument("--visitors", type=int, default=8)
    parser.add_argument("--pause", type=float, default=1.5, help="a visitor's seconds between messages")
    parser.add_argument("--connections", type=int, default=24)
    parser.add_argument(
        "--flooder-exempt", action="store_true", help="start the bot with the flooder not limited"
    )
    parser.add_argument("--port", type=int, default=5325)
    args = parser.parse_args()

    bot = None
    url = args.url
    if not url:
        exempt = "127.0.0.1," + FLOODER if args.flooder_exempt else "127.0.0.1"
        bot = BotProcess(
            args.port,
            args.port + 50,
            Path(tempfile.mkdtemp()) / "flood-tracker.db",
            extra_env={"CHAT_LIMIT_EXEMPT": exempt},
        )
        bot.start()
        url = bot.url
    try:
        visitors(url, args.visitors, 5, args.pause)  # warm up
        quiet, quiet_limited, quiet_errors = visitors(url, args.visitors, args.seconds, args.pause)
        with Flood(url, args.connections) as flood:
            flooded, flooded_limited, flooded_errors = visitors(url, args.visitors, args.seconds, args.pause)
    finally:
        if bot:
            bot.stop()
    q95, f95 = percentile(quiet, 95), percentile(flooded, 95)
    total = flood.answered + flood.limited + flood.errors + flood.server_errors
    print(
        f"flooder {'NOT limited (exempt)' if args.flooder_exempt else 'limited'}; "
        f"{args.visitors} visitors, one message each {args.pause:g} s; {args.seconds:g} s per phase"
    )
    print(
        f"visitors without flood: {len(quiet)} replies, p50 {1000 * percentile(quiet, 50):.0f} ms, "
        f"p95 {1000 * q95:.0f} ms; limited {quiet_limited}, errors {quiet_errors}"
    )
    print(
        f"visitors with flood:    {len(flooded)} replies, p50 {1000 * percentile(flooded, 50):.0f} ms, "
        f"p95 {1000 * f95:.0f} ms; limited {flooded_limited}, errors {flooded_errors}"
    )
    print(f"p95 with / without flood: {f95 / q95:.1f}x (target: within 3x)")
    print(
        f"flooder ({args.connections} connections from {FLOODER}): {total / flood.seconds:.0f} replies/s, "
        f"{flood.limited} friendly limit replies of {total} ({100 * flood.limited / max(total, 1):.1f} %), "
        f"{flood.answered} answered, {flood.server_errors} 5xx, {flood.errors} other errors"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
