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
    .venv/bin/python bench/bench.py compare      # ours beside the stock `rasa init` bot, same load,
                                                 # one run: figures for both and the ratios
    .venv/bin/python bench/bench.py long --url http://127.0.0.1:5005[,URL2]  # one conversation of
                                                 # 300 FAQ questions per bot already running (two:
                                                 # messages alternate), message 300 / message 10

bench/heldout_nlu.yml is never trained on: it is written apart from data/nlu.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import logging
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
from typing import Any

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
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # unconfigured, Rasa's structlog prints every parse at debug level
    agent = Agent.load(str(MODEL))
    examples = heldout_examples()
    confusions: collections.Counter[tuple[str, str]] = collections.Counter()
    per_intent: collections.defaultdict[str, list[int]] = collections.defaultdict(lambda: [0, 0])

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
    print(
        f"NLU held-out accuracy: {correct}/{len(examples)} = {100 * correct / len(examples):.1f}% "
        f"({len(per_intent)} intents); top choice ignoring the fallback threshold: "
        f"{100 * top_choice[0] / len(examples):.1f}%"
    )
    weakest = sorted(per_intent.items(), key=lambda kv: kv[1][0] / kv[1][1])[:8]
    print("  weakest intents:", ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in weakest))
    for (expected, predicted), n in confusions.most_common(12):
        print(f"  {n} x {expected} -> {predicted}")


def post(session, url, sender, text):
    started = time.perf_counter()
    reply = session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30)
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
        self.state_dir: Path | None = None

    def stop(self) -> None:
        pass


def resident_memory_mb(bot: Any) -> float:
    """RSS of every process in the bot's process group (Rasa + action server; for the
    scaled profile also nginx, Redis and PostgreSQL's postmaster, not its backends)."""
    out = subprocess.run(["ps", "-o", "rss=", "-g", str(bot.proc.pid)], capture_output=True, text=True)
    return sum(int(x) for x in out.stdout.split()) / 1024


def bench_latency(bot: Any, rounds: int = 200) -> None:
    texts = [t for t, _ in heldout_examples()]
    session = requests.Session()
    timings = [
        post(session, bot.url, f"bench-{uuid.uuid4().hex[:8]}", texts[i % len(texts)]) for i in range(rounds)
    ]
    print(
        f"REST latency, one visitor, {rounds} single messages (fresh conversation each): "
        f"p50 {1000 * percentile(timings, 50):.0f} ms, p95 {1000 * percentile(timings, 95):.0f} ms, "
        f"p99 {1000 * percentile(timings, 99):.0f} ms, mean {1000 * statistics.mean(timings):.0f} ms"
    )
    if bot.proc:
        parts = (
            "Rasa + action server"
            if isinstance(bot, BotProcess)
            else "2 Rasa servers + action server + nginx + Redis + PostgreSQL postmaster"
        )
        print(f"resident memory ({parts}): {resident_memory_mb(bot):.0f} MB")


def bench_concurrency(bot: Any, seconds: float = 15) -> None:
    texts = [t for t, _ in heldout_examples()]
    for visitors in (1, 8, 32):
        timings, errors = load(bot.url, texts, visitors, seconds, fresh_conversations=False)
        print(
            f"{visitors:>2} concurrent visitors: {len(timings) / seconds:.1f} replies/s, "
            f"p50 {1000 * percentile(timings, 50):.0f} ms, p95 {1000 * percentile(timings, 95):.0f} ms, "
            f"{errors} errors"
        )


def bench_train() -> None:
    out = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    subprocess.run(
        [
            str(ROOT / "scripts" / "rasa"),
            "train",
            "--domain",
            "domain",
            "--force",
            "--out",
            str(out),
            "--quiet",
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        env=project_environment(),
    )
    print(f"training time from scratch (scripts/rasa train --force): {time.perf_counter() - started:.0f} s")
    shutil.rmtree(out, ignore_errors=True)


SAMPLE_QUESTIONS = ROOT.parent / "shared" / "eval" / "sample_questions.yml"
STOCK_DIR = ROOT / ".build" / "stock-bot"  # git-ignored; trained once, reused


class StockBot:
    """The bot `rasa init --no-prompt` creates (and trains), with this project's venv.

    Built once into .build/stock-bot and reused; started with `rasa run` on its
    own port. It has no custom actions and keeps conversations in memory, as
    `rasa init` leaves it.
    """

    def __init__(self, port: int):
        self.url, self.port = f"http://127.0.0.1:{port}", port
        self.proc: subprocess.Popen | None = None

    def build(self) -> None:
        rasa = str(ROOT / ".venv" / "bin" / "rasa")
        if not list((STOCK_DIR / "models").glob("*.tar.gz")):
            shutil.rmtree(STOCK_DIR, ignore_errors=True)
            started = time.perf_counter()
            STOCK_DIR.mkdir(parents=True)
            subprocess.run(
                [rasa, "init", "--no-prompt", "--init-dir", str(STOCK_DIR)],
                cwd=STOCK_DIR,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            print(
                f"stock bot: `rasa init --no-prompt` built and trained it in "
                f"{time.perf_counter() - started:.0f} s ({STOCK_DIR})"
            )
        else:
            print(f"stock bot: reusing {STOCK_DIR}")

    def start(self, timeout: float = 300) -> float:
        started = time.perf_counter()
        log = open(ROOT / "var" / f"stock-bot-{self.port}.log", "w")
        self.proc = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "rasa"),
                "run",
                "-m",
                "models",
                "--interface",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            cwd=STOCK_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.time() + timeout
        proc = self.proc
        while time.time() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"stock bot exited with {proc.returncode}")
            try:
                if requests.post(
                    f"{self.url}/webhooks/rest/webhook",
                    json={"sender": "warmup", "message": "hello"},
                    timeout=10,
                ).json():
                    return time.perf_counter() - started
            except (requests.RequestException, ValueError):
                pass
            time.sleep(0.25)
        raise RuntimeError("stock bot not answering")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            self.proc.wait(timeout=30)


def load(url: str, texts, visitors: int, seconds: float, fresh_conversations: bool = True):
    """Visitors sending messages back to back for `seconds`: (reply times, errors).
    With fresh_conversations (as `harness.py load`) every message opens a new
    conversation; otherwise each visitor keeps one conversation throughout."""
    timings, errors, lock = [], [0], threading.Lock()
    stop_at = time.time() + seconds

    def visitor(i):
        session, k = requests.Session(), 0
        while time.time() < stop_at:
            try:
                sender = (
                    f"cmp-{visitors}-{i}-{k}-{uuid.uuid4().hex[:6]}"
                    if fresh_conversations
                    else f"load-{visitors}-{i}"
                )
                dt = post(session, url, sender, texts[(i * 7 + k) % len(texts)])
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
    return timings, errors[0]


def long_conversation(url: str, texts, messages: int = 300):
    """One conversation of `messages` messages: latency of each, in order."""
    session, sender = requests.Session(), f"cmp-long-{uuid.uuid4().hex[:8]}"
    return [post(session, url, sender, texts[k % len(texts)]) for k in range(messages)]


def first_and_last(timings: list[float], texts) -> tuple[list[float], list[float]]:
    """The first and the last len(texts) messages of a conversation that cycles through
    `texts`: both windows ask the same questions, so only the conversation's length differs
    (with windows of 10 out of 20 questions, they compared different questions)."""
    window = len(texts)
    assert len(timings) % window == 0, "the conversation must end on a whole cycle"
    return timings[:window], timings[-window:]


def bench_long(urls: list[str], messages: int = 300) -> None:
    """One conversation of FAQ questions on each bot already running, their messages
    alternating (A B A B ...) so that the machine's other work falls on all alike."""
    import yaml

    faq = [c["q"] for c in yaml.safe_load(SAMPLE_QUESTIONS.read_text())["cases"]]
    session, sender = requests.Session(), f"long-{uuid.uuid4().hex[:8]}"
    timings: dict[str, list[float]] = {url: [] for url in urls}
    for k in range(messages):
        for url in urls:
            timings[url].append(post(session, url, sender, faq[k % len(faq)]))
    for url, t in timings.items():
        first, last = (1000 * statistics.median(w) for w in first_and_last(t, faq))
        print(
            f"{url}: messages 1-{len(faq)} p50 {first:.1f} ms, {messages - len(faq) + 1}-{messages} p50 "
            f"{last:.1f} ms, ratio {last / first:.2f}x"
        )


def bench_compare(ports, seconds: float = 10, rounds: int = 2) -> None:
    """Ours beside the stock bot, the same load against both, alternating (A B B A ...)
    so that the machine's other work falls on both alike."""
    import yaml

    faq = [c["q"] for c in yaml.safe_load(SAMPLE_QUESTIONS.read_text())["cases"]]
    rasa_port, actions_port, web_port, stock_port = ports
    stock = StockBot(stock_port)
    stock.build()
    db = Path(tempfile.mkdtemp()) / "compare-tracker.db"
    ours = BotProcess(rasa_port, actions_port, db, extra_env={"WEB_PORT": str(web_port)})
    bots: dict[str, Any] = {}
    try:
        print(f"cold start to first answer: ours {ours.start():.1f} s, stock {stock.start():.1f} s")
        bots = {"stock": stock, "ours": ours}
        load_avg = os.getloadavg()
        figures: collections.defaultdict[tuple[str, str], list[float]] = collections.defaultdict(list)
        for r in range(rounds):
            order = ["stock", "ours"] if r % 2 == 0 else ["ours", "stock"]
            for name in order:
                url = bots[name].url
                t, e = load(url, faq, 1, seconds)
                figures[(name, "faq1")] += t
                figures[(name, "faq1_err")].append(e)
                figures[(name, "faq1_rate")].append(len(t) / seconds)
                t, e = load(url, ["hello", "hi there", "good morning", "hey"], 1, seconds / 2)
                figures[(name, "greet")] += t
                t, e = load(url, faq, 8, seconds)
                figures[(name, "faq8")] += t
                figures[(name, "faq8_err")].append(e)
                figures[(name, "faq8_rate")].append(len(t) / seconds)
        for name in ("stock", "ours"):
            timings = long_conversation(bots[name].url, faq)
            figures[(name, "long_first")], figures[(name, "long_last")] = first_and_last(timings, faq)
        print(
            f"load average (1/5/15 min) when the load began: {load_avg[0]:.1f} / {load_avg[1]:.1f} / "
            f"{load_avg[2]:.1f} on {os.cpu_count()} cores"
        )
    finally:
        for bot in (ours, stock):
            bot.stop()
    p50 = lambda key: 1000 * statistics.median(figures[key])  # noqa: E731
    rate = lambda key: statistics.mean(figures[key])  # noqa: E731
    rows = [
        ("1 visitor, FAQ questions: p50 ms", p50(("stock", "faq1")), p50(("ours", "faq1"))),
        ("1 visitor, FAQ questions: replies/s", rate(("stock", "faq1_rate")), rate(("ours", "faq1_rate"))),
        ("1 visitor, a greeting: p50 ms", p50(("stock", "greet")), p50(("ours", "greet"))),
        ("8 visitors, FAQ questions: replies/s", rate(("stock", "faq8_rate")), rate(("ours", "faq8_rate"))),
        ("8 visitors, FAQ questions: p50 ms", p50(("stock", "faq8")), p50(("ours", "faq8"))),
        (
            f"one conversation, messages 1-{len(faq)}: p50 ms",
            p50(("stock", "long_first")),
            p50(("ours", "long_first")),
        ),
        (
            f"one conversation, messages {301 - len(faq)}-300: p50 ms",
            p50(("stock", "long_last")),
            p50(("ours", "long_last")),
        ),
    ]
    print(f"\n{'':44} {'stock':>8} {'ours':>8} {'ours/stock':>10}")
    for label, a, b in rows:
        print(f"{label:44} {a:8.1f} {b:8.1f} {b / a:9.2f}x")
    errors = {n: sum(figures[(n, "faq1_err")]) + sum(figures[(n, "faq8_err")]) for n in ("stock", "ours")}
    print(f"errors: stock {errors['stock']}, ours {errors['ours']}")
    print("targets (issue 12):")
    print(f"  1 visitor FAQ p50 ours/stock {p50(('ours', 'faq1')) / p50(('stock', 'faq1')):.2f} (<= 0.8)")
    print(
        f"  8 visitors replies/s ours/stock {rate(('ours', 'faq8_rate')) / rate(('stock', 'faq8_rate')):.2f} (>= 1.5)"
    )
    for name in ("stock", "ours"):
        print(
            f"  {name}: 300th message / 10th (p50 of {301 - len(faq)}-300 over 1-{len(faq)}, the same questions) "
            f"{p50((name, 'long_last')) / p50((name, 'long_first')):.2f} (ours <= 1.5)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["nlu", "latency", "concurrency", "train", "all", "compare", "long"])
    parser.add_argument(
        "--ports",
        default="5305,5355,5380,5306",
        help="compare: our Rasa, action server and page ports, then the stock bot's",
    )
    parser.add_argument("--seconds", type=float, default=10, help="compare: seconds per load phase")
    parser.add_argument(
        "--profile",
        choices=["single", "scaled"],
        default="single",
        help="what latency/concurrency start: scripts/serve.sh or scripts/serve_scaled.sh",
    )
    parser.add_argument(
        "--url",
        help="measure a bot already running here instead of starting one "
        "(long: one or more, comma-separated)",
    )
    args = parser.parse_args()
    what = args.what
    print(f"machine: {machine()}")
    if what in ("nlu", "all"):
        bench_nlu()
    if what in ("latency", "concurrency", "all"):
        bot: Any
        if args.url:
            bot = RunningBot(args.url)
        else:
            bot = started_scaled() if args.profile == "scaled" else started_bot(0)
        kind = (
            "already running"
            if args.url
            else {"single": "one server", "scaled": "scaled profile"}[args.profile]
        )
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
    if what == "long":
        bench_long(args.url.split(","))
    if what == "compare":
        bench_compare([int(p) for p in args.ports.split(",")], args.seconds)


if __name__ == "__main__":
    main()
