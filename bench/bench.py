#!/usr/bin/env python
"""Benchmarks, run by hand; they print figures and assert nothing.

    .venv/bin/python bench/bench.py nlu          # accuracy on the held-out split
    .venv/bin/python bench/bench.py latency      # cold start + REST latency, one visitor
    .venv/bin/python bench/bench.py concurrency  # replies/s with 1, 8 and 32 visitors
    .venv/bin/python bench/bench.py concurrency --profile scaled  # the same through nginx,
                                                 # two Rasa servers, PostgreSQL and Redis
    .venv/bin/python bench/bench.py latency --url http://127.0.0.1:5400  # a bot already running
    .venv/bin/python bench/bench.py train        # training time from scratch
    .venv/bin/python bench/bench.py all

bench/heldout_nlu.yml is never trained on: it is written apart from data/nlu.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from tests.botprocess import BotProcess, project_environment  # noqa: E402
from tests.scaled.scaled_process import ScaledProfile  # noqa: E402

MODEL = ROOT / "models" / "current.tar.gz"
HELDOUT = ROOT / "bench" / "heldout_nlu.yml"


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}"


def heldout_examples():
    from rasa.shared.nlu.training_data.loading import load_data
    data = load_data(str(HELDOUT))
    return [(m.get("text"), m.get("intent")) for m in data.training_examples]


def bench_nlu() -> None:
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))
    examples = heldout_examples()
    confusions = collections.Counter()
    per_intent = collections.defaultdict(lambda: [0, 0])

    top_choice = [0]

    async def run():
        correct = 0
        for text, expected in examples:
            parsed = await agent.parse_message(text)
            predicted = parsed["intent"]["name"]
            ranked = [r["name"] for r in parsed.get("intent_ranking", []) if r["name"] != "nlu_fallback"]
            top_choice[0] += bool(ranked) and ranked[0] == expected
            per_intent[expected][1] += 1
            if predicted == expected:
                correct += 1
                per_intent[expected][0] += 1
            else:
                confusions[(expected, predicted)] += 1
        return correct

    correct = asyncio.run(run())
    print(f"NLU held-out accuracy: {correct}/{len(examples)} = {100 * correct / len(examples):.1f}% "
          f"({len(per_intent)} intents); top choice ignoring the fallback threshold: "
          f"{100 * top_choice[0] / len(examples):.1f}%")
    weakest = sorted(per_intent.items(), key=lambda kv: kv[1][0] / kv[1][1])[:8]
    print("  weakest intents:", ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in weakest))
    for (expected, predicted), n in confusions.most_common(12):
        print(f"  {n} x {expected} -> {predicted}")


def post(session, url, sender, text):
    started = time.perf_counter()
    reply = session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                         timeout=30)
    reply.raise_for_status()
    return time.perf_counter() - started


def started_bot(port_offset: int) -> BotProcess:
    db = Path(tempfile.mkdtemp()) / "bench-tracker.db"
    bot = BotProcess(5305 + port_offset, 5355 + port_offset, db)
    cold = bot.start()
    print(f"cold start (processes start -> first answer): {cold:.1f} s")
    return bot


def started_scaled() -> ScaledProfile:
    """The scale-out profile (make run-scaled) on its own ports, with a fresh database."""
    profile = ScaledProfile(5900, ROOT / "var" / f"bench-scaled-{os.getpid()}")
    cold = profile.start()
    print(f"scaled profile: cold start (processes start -> both Rasa servers answer via nginx): {cold:.1f} s")
    return profile


class RunningBot:
    """A bot someone else started (--url): measured, never started or stopped."""

    def __init__(self, url: str):
        self.url, self.proc = url.rstrip("/"), None

    def stop(self) -> None:
        pass


def resident_memory_mb(bot: BotProcess) -> float:
    """RSS of every process in the bot's process group (Rasa + action server; for the
    scaled profile also nginx, Redis and PostgreSQL's postmaster, not its backends)."""
    out = subprocess.run(["ps", "-o", "rss=", "-g", str(bot.proc.pid)], capture_output=True, text=True)
    return sum(int(x) for x in out.stdout.split()) / 1024


def bench_latency(bot: BotProcess, rounds: int = 200) -> None:
    texts = [t for t, _ in heldout_examples()]
    session = requests.Session()
    timings = [post(session, bot.url, f"bench-{uuid.uuid4().hex[:8]}", texts[i % len(texts)])
               for i in range(rounds)]
    print(f"REST latency, one visitor, {rounds} single messages (fresh conversation each): "
          f"p50 {1000 * percentile(timings, 50):.0f} ms, p95 {1000 * percentile(timings, 95):.0f} ms, "
          f"p99 {1000 * percentile(timings, 99):.0f} ms, mean {1000 * statistics.mean(timings):.0f} ms")
    if bot.proc:
        parts = "Rasa + action server" if isinstance(bot, BotProcess) else \
            "2 Rasa servers + action server + nginx + Redis + PostgreSQL postmaster"
        print(f"resident memory ({parts}): {resident_memory_mb(bot):.0f} MB")


def bench_concurrency(bot: BotProcess, seconds: float = 15) -> None:
    texts = [t for t, _ in heldout_examples()]
    for visitors in (1, 8, 32):
        timings, errors, lock = [], [0], threading.Lock()
        stop_at = time.time() + seconds

        def visitor(i):
            session, k = requests.Session(), 0
            while time.time() < stop_at:
                try:
                    dt = post(session, bot.url, f"load-{visitors}-{i}", texts[(i * 7 + k) % len(texts)])
                    with lock:
                        timings.append(dt)
                except requests.RequestException:
                    with lock:
                        errors[0] += 1
                k += 1

        threads = [threading.Thread(target=visitor, args=(i,)) for i in range(visitors)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(f"{visitors:>2} concurrent visitors: {len(timings) / seconds:.1f} replies/s, "
              f"p50 {1000 * percentile(timings, 50):.0f} ms, p95 {1000 * percentile(timings, 95):.0f} ms, "
              f"{errors[0]} errors")


def bench_train() -> None:
    out = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "rasa"), "train", "--force", "--out", str(out),
                    "--quiet"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=project_environment())
    print(f"training time from scratch (rasa train --force): {time.perf_counter() - started:.0f} s")
    shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["nlu", "latency", "concurrency", "train", "all"])
    parser.add_argument("--profile", choices=["single", "scaled"], default="single",
                        help="what latency/concurrency start: scripts/serve.sh or scripts/serve_scaled.sh")
    parser.add_argument("--url", help="measure a bot already running here instead of starting one")
    args = parser.parse_args()
    what = args.what
    print(f"machine: {machine()}")
    if what in ("nlu", "all"):
        bench_nlu()
    if what in ("latency", "concurrency", "all"):
        if args.url:
            bot = RunningBot(args.url)
        else:
            bot = started_scaled() if args.profile == "scaled" else started_bot(0)
        kind = "already running" if args.url else {"single": "one server", "scaled": "scaled profile"}[args.profile]
        print(f"measuring {bot.url} ({kind})")
        try:
            if what in ("latency", "all"):
                bench_latency(bot)
            if what in ("concurrency", "all"):
                bench_concurrency(bot)
        finally:
            bot.stop()
            if isinstance(bot, ScaledProfile):
                shutil.rmtree(bot.state_dir, ignore_errors=True)
    if what in ("train", "all"):
        bench_train()


if __name__ == "__main__":
    main()
