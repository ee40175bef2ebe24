#!/usr/bin/env python
"""How long `python -m bot.insights.report` takes over many conversations; prints
figures, asserts nothing.

    .venv/bin/python bench/report_bench.py [--conversations 10000] [--keep PATH]

Makes a temporary SQLite tracker store with Rasa's own SQLTrackerStore (its
schema, and the first conversation saved through its API), then fills it with
copies of conversations recorded from the real bot
(tests/unit/data/insights_conversations.json, see
tests/integration/test_insights_live.py): each copy under a new sender id,
spread over 30 days, half of them from `rasa shell`, and the questions the bot
missed varied from a list of rephrasings, so the grouping has work to do. Rows
are bulk-inserted in the shape SQLTrackerStore writes (type_name, intent_name,
action_name, timestamp, the event as JSON). Then it times the report: reading,
summing up, charts and page, and the CSV tables.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

TEMPLATES = ROOT / "tests" / "unit" / "data" / "insights_conversations.json"
DAY = 86400
MISSED_WORDINGS = [
    "how much annual leave do probation officers get",
    "annual leave entitlement?",
    "how many days holiday a year",
    "is there a uniform",
    "do you have to wear a uniform",
    "what's the salary in london",
    "salary for trainees in london",
    "london weighting?",
    "can I train part time",
    "is the PQiP available part-time",
    "do they pay relocation",
    "relocation costs covered?",
    "can I bring my dog to work",
    "what pension do you get",
    "pension scheme details",
    "flurb glomp zint",
    "zorblat quimfrey",
    "is there parking",
]


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}"


def row(sender: str, event: dict) -> dict:
    """An `events` row as rasa.core.tracker_store.SQLTrackerStore writes it."""
    kind = event.get("event")
    intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name") if kind == "user" else None
    return {
        "sender_id": sender,
        "type_name": kind,
        "timestamp": event.get("timestamp"),
        "intent_name": intent,
        "action_name": event.get("name") if kind == "action" else None,
        "data": json.dumps(event),
    }


def copy_of(template: list, start: float, rng: random.Random, channel: str) -> list:
    offset = start - template[0]["timestamp"]
    events = []
    for event in template:
        event = dict(event, timestamp=event["timestamp"] + offset)
        if event.get("event") == "user":
            event["input_channel"] = channel
        events.append(event)
    # A missed question: the user event before a clarify / out-of-scope / gap reply.
    for i, event in enumerate(events):
        if event.get("event") == "user" and any(
            e.get("name") in ("action_clarify", "utter_out_of_scope", "action_answer_gap")
            for e in events[i + 1 : i + 6]
            if e.get("event") == "action"
        ):
            events[i] = dict(event, text=rng.choice(MISSED_WORDINGS))
    return events


def fill(path: Path, conversations: int, seed: int = 15) -> int:
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    templates = json.loads(TEMPLATES.read_text())
    domain = Domain.load(str(ROOT / "domain"))
    store = SQLTrackerStore(domain, dialect="sqlite", db=str(path))
    first = DialogueStateTracker.from_dict("bench-00000", templates[0], domain.slots)
    asyncio.run(store.save(first))  # Rasa's own API: the schema and one real save
    rng = random.Random(seed)
    now = time.time()
    engine = sa.create_engine(f"sqlite:///{path}")
    rows = 0
    insert = sa.text(
        "INSERT INTO events (sender_id, type_name, timestamp, intent_name, "
        "action_name, data) VALUES (:sender_id, :type_name, :timestamp, "
        ":intent_name, :action_name, :data)"
    )
    with engine.begin() as conn:
        batch = []
        for n in range(1, conversations):
            start = now - rng.uniform(0, 30 * DAY)
            channel = "rest" if rng.random() < 0.5 else "cmdline"
            events = copy_of(rng.choice(templates), start, rng, channel)
            batch += [row(f"bench-{n:05d}", e) for e in events]
            if len(batch) > 20000:
                conn.execute(insert, batch)
                rows += len(batch)
                batch = []
        if batch:
            conn.execute(insert, batch)
            rows += len(batch)
    return rows + len(templates[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="keep the generated store here")
    args = parser.parse_args()
    from bot.helpline import tracker_events
    from bot.insights import render, report
    from bot.insights.tables import all_tables
    from bot.knowledge import load_knowledge

    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "tracker.db"
        db.unlink(missing_ok=True)
        t0 = time.perf_counter()
        events = fill(db, args.conversations)
        print(f"machine: {machine()}")
        print(
            f"store: {args.conversations} conversations, {events} events, "
            f"{db.stat().st_size / 2**20:.0f} MiB (made in {time.perf_counter() - t0:.1f} s)"
        )
        kb = load_knowledge()
        t0 = time.perf_counter()
        with tracker_events.connect(db) as conn:
            loaded = [evs for _s, evs in tracker_events.conversations(conn)]
        t_read = time.perf_counter() - t0
        t0 = time.perf_counter()
        ins = report.insights_from(loaded, kb)
        tables = all_tables(kb, ins)
        t_sum = time.perf_counter() - t0
        t0 = time.perf_counter()
        page = render.page(ins, tables, kb, None, None, str(db))
        t_page = time.perf_counter() - t0
        print(
            f"read {t_read:.1f} s, sum up and group {t_sum:.1f} s, charts and page "
            f"{t_page:.1f} s ({len(page) / 1024:.0f} KiB); "
            f"{ins.conversations} conversations, {len(tables[5].rows)} groups of missed questions"
        )
        out = Path(tmp) / "out"
        t0 = time.perf_counter()
        code = report.main(["--db", str(db), "--out", str(out / "report.html"), "--csv", str(out / "csv")])
        total = time.perf_counter() - t0
        print(f"python -m bot.insights.report end to end (HTML + CSV): {total:.1f} s (exit {code})")


if __name__ == "__main__":
    main()
