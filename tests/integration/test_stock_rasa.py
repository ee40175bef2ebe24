"""The project's Rasa runtime decides exactly what stock Rasa decides (issue 25).

The session bot (scripts/rasa with the patches, the project's tracker store
and rule policy at work) and a bot of this module's own started with
STOCK_RASA=1 (no patch; the store and the policy act as Rasa's
SQLTrackerStore and RulePolicy) get the same messages from the same senders:
every test story's visitor messages, one conversation per story, then all of
them one after another, twice, in one long conversation (where the kept
trackers, the last-states window and the recent-events payload matter). Every
event each bot stored is compared: each intent read (with its confidence and
entities), each action run (and the policy that chose it), each slot set,
each form started or ended, each message and button the bot sent. Two things
are random by design, and masked: reference codes (bot/helpline/reference.py)
and, during interview practice, which question is asked
(bot/interview/selection.py), so the interview slots' values are not
compared, nor, while practice is on (from the form's start to the visitor's
first message after it ends), the bot's words; the intents, actions, policies
and slot names are.
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from pathlib import Path

import pytest
import requests
import yaml

from bot.rasa_names import Forms
from tests.botprocess import ROOT, BotProcess
from tests.integration.conftest import ACTIONS_PORT, RASA_PORT

STORIES = sorted((ROOT / "tests" / "stories").glob("*.yml"))
CODE = re.compile(r"\bPC-[A-Z0-9]{5}\b")
INTERVIEW_FORM = Forms.INTERVIEW


def story_messages() -> list[list[str]]:
    stories = []
    for path in STORIES:
        for story in yaml.safe_load(path.read_text()).get("stories") or []:
            texts = [step["user"].strip() for step in story["steps"] if "user" in step]
            if texts:
                stories.append(texts)
    return stories


@pytest.fixture(scope="module")
def stock_bot(tmp_path_factory):
    db = tmp_path_factory.mktemp("stock") / "tracker.db"
    # Ports clear of the session bot's, the own-bot modules' (+10) and the browser tests'.
    bot = BotProcess(
        RASA_PORT + 42,
        ACTIONS_PORT + 42,
        db,
        log=ROOT / "var" / f"test-stock-{RASA_PORT + 42}.log",
        extra_env={"STOCK_RASA": "1"},
    )
    bot.start()
    try:
        yield bot
    finally:
        bot.stop()


def normalised(value):
    if isinstance(value, str):
        return CODE.sub("PC-?????", value)
    if isinstance(value, list):
        return [normalised(v) for v in value]
    if isinstance(value, dict):
        return {k: normalised(v) for k, v in value.items()}
    return value


def decision(event: dict) -> tuple:
    kind = event["event"]
    if kind == "user":
        parse = event.get("parse_data") or {}
        intent = parse.get("intent") or {}
        entities = [(e.get("entity"), e.get("value")) for e in parse.get("entities") or []]
        ranking = [
            (r.get("name"), round(r.get("confidence") or 0, 6)) for r in parse.get("intent_ranking") or []
        ]
        return (
            "user",
            event.get("text"),
            intent.get("name"),
            round(intent.get("confidence") or 0, 6),
            entities,
            ranking,
        )
    if kind == "action":
        return ("action", event.get("name"), event.get("policy"), round(event.get("confidence") or 0, 6))
    if kind == "bot":
        data = event.get("data") or {}
        return ("bot", normalised(event.get("text")), normalised(data.get("buttons")))
    if kind == "slot":
        return ("slot", event.get("name"), normalised(event.get("value")))
    if kind == "active_loop":
        return ("active_loop", event.get("name"))
    return (kind, normalised({k: v for k, v in event.items() if k not in ("timestamp", "metadata", "event")}))


def decisions(db: Path, sender: str) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as store:
        rows = store.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)).fetchall()
    found, practising, ended = [], False, False
    for (data,) in rows:
        event = json.loads(data)
        if event["event"] == "active_loop":
            if event.get("name") == INTERVIEW_FORM:
                practising, ended = True, False
            elif practising:
                ended = True
        elif event["event"] == "user" and ended:
            practising = ended = False
        made = decision(event)
        if made[0] == "slot" and made[1].startswith("interview_"):
            made = made[:2]
        elif practising and made[0] == "bot":
            made = ("bot", "?")
        found.append(made)
    return found


def say(url: str, sender: str, text: str) -> list:
    reply = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    assert reply.status_code == 200, reply.text
    return normalised(reply.json())


def run_both(conversations: list[list[str]], tuned_url: str, stock_url: str, prefix: str) -> list[str]:
    senders = []
    for n, texts in enumerate(conversations):
        sender = f"{prefix}-{n}-{uuid.uuid4().hex[:8]}"
        senders.append(sender)
        for text in texts:  # (the replies are compared as stored, below)
            say(tuned_url, sender, text)
            say(stock_url, sender, text)
    return senders


def test_the_stories_and_a_long_conversation_are_decided_as_stock_rasa_decides(bot_url, store, stock_bot):
    stories = story_messages()
    assert len(stories) > 40
    long_conversation = [text for texts in stories for text in texts] * 2
    senders = run_both(stories, bot_url, stock_bot.url, "story")
    senders += run_both([long_conversation], bot_url, stock_bot.url, "long")
    compared = 0
    for sender in senders:
        ours, stock = decisions(store, sender), decisions(stock_bot.tracker_db, sender)
        assert len(ours) == len(stock), sender
        for n, (a, b) in enumerate(zip(ours, stock, strict=True)):
            assert a == b, (sender, n)
        compared += len(ours)
    assert compared > 2000
    policies = {d[2] for d in decisions(store, senders[-1]) if d[0] == "action"}
    assert any("IndexedRulePolicy" in str(policy) for policy in policies), policies
