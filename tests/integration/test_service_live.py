"""Running as a public service (issue 27), against the real bot: the per-client
limit, the metrics, and a locked SQLite store.

Every client here has its own loopback address (Linux routes 127.0.0.0/8 to
lo), which the limit keys on; 127.0.0.1, which the other tests share, is
exempt (deploy/limits.yml).
"""

from __future__ import annotations

import http.client
import json
import re
import sqlite3
import subprocess
import threading
import time
import uuid

import pytest
import requests

from bot.service.limits import LIMITED_TEXT
from bot.service.settings import load
from tests.integration.conftest import RASA_PORT

METRICS_PORT = RASA_PORT + 4100  # tests/botprocess.py
DEGRADED_START = "Sorry, something went wrong on our side"


class Client:
    """A visitor from its own address, on one kept connection."""

    def __init__(self, url: str, address: str):
        port = int(url.rsplit(":", 1)[1])
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(address, 0))
        self.sender = "svc-" + uuid.uuid4().hex[:10]

    def say(self, text: str) -> tuple[int, str]:
        self.conn.request(
            "POST",
            "/webhooks/rest/webhook",
            json.dumps({"sender": self.sender, "message": text}),
            {"Content-Type": "application/json"},
        )
        reply = self.conn.getresponse()
        body = reply.read()
        if reply.status != 200:
            return reply.status, body.decode(errors="replace")
        return 200, "\n".join(m.get("text") or "" for m in json.loads(body))


def metric(name: str, labels: str = "") -> float:
    text = requests.get(f"http://127.0.0.1:{METRICS_PORT}/metrics", timeout=10).text
    match = re.search(rf"^{re.escape(name + labels)} ([0-9.e+-]+)$", text, re.M)
    return float(match.group(1)) if match else 0.0


def test_a_flooding_client_gets_the_friendly_reply_and_its_conversation_carries_on(bot_url):
    flooder = Client(bot_url, "127.0.0.21")
    status, text = flooder.say("can I become a probation officer?")
    assert status == 200 and "How old are you?" in text
    others = [Client(bot_url, "127.0.0.21") for _ in range(3)]  # the same client, more connections
    results: list[tuple[int, str]] = []

    def flood(client: Client) -> None:
        for _ in range(15):
            results.append(client.say("how long is the PQiP?"))

    threads = [threading.Thread(target=flood, args=(c,)) for c in others]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    assert all(status == 200 for status, _ in results), [r for r in results if r[0] != 200][:3]
    limited = sum(LIMITED_TEXT in text for _, text in results)
    let_through = load().chat.burst + load().chat.per_second * elapsed + 1
    assert limited >= len(results) - let_through, (
        f"only {limited} of {len(results)} limited in {elapsed:.1f} s"
    )
    # The conversation's own message: the friendly reply while the client is past its
    # limit (nothing saved), then, sent again a moment later, the check carries on.
    replies = []
    for _ in range(10):
        status, text = flooder.say("27")
        assert status == 200
        replies.append(text)
        if text != LIMITED_TEXT:
            break
        time.sleep(1.5 / load().chat.per_second)
    assert "right to work" in replies[-1].lower(), replies
    # The bucket refills at per_second: a client that stopped flooding is back to a
    # person's pace, one message each refill.
    time.sleep(1.5 / load().chat.per_second)
    status, text = flooder.say("yes")
    assert "right to work" not in text.lower() and LIMITED_TEXT not in text, text


def test_a_fast_typist_pressing_buttons_never_meets_the_limit(bot_url):
    typist = Client(bot_url, "127.0.0.22")
    # Buttons pressed and short answers typed as fast as a person reads: 30 in about 25 s.
    for n, text in enumerate(
        ["hello", "how long is the PQiP?", "Yes, it helped", "what is a PSO?"] * 7 + ["bye"] * 2
    ):
        status, reply = typist.say(text)
        assert status == 200 and LIMITED_TEXT not in reply, f"message {n + 1} limited"
        time.sleep(0.8 if n % 5 else 2.0)


def test_the_metrics_count_what_visitors_got(bot_url):
    if not requests.get(f"http://127.0.0.1:{METRICS_PORT}/metrics", timeout=5).ok:
        pytest.fail("no metrics")
    before = {
        "answered": metric("probation_visitor_messages_total", '{result="answered"}'),
        "fallbacks": metric("probation_fallbacks_total"),
        "gaps": metric("probation_not_covered_answers_total"),
        "under_18": metric("probation_eligibility_outcomes_total", '{kind="under_18"}'),
        "replies": metric("probation_reply_seconds_count"),
    }
    visitor = Client(bot_url, "127.0.0.23")
    for text in (
        "flurb glomp zint",
        "do probation officers wear a uniform?",
        "can I become a probation officer?",
        "I'm 16",
    ):
        assert visitor.say(text)[0] == 200
    assert metric("probation_visitor_messages_total", '{result="answered"}') == before["answered"] + 4
    assert metric("probation_fallbacks_total") == before["fallbacks"] + 1
    assert metric("probation_not_covered_answers_total") == before["gaps"] + 1
    assert metric("probation_eligibility_outcomes_total", '{kind="under_18"}') == before["under_18"] + 1
    assert metric("probation_reply_seconds_count") == before["replies"] + 4


def test_the_metrics_listen_on_loopback_only(bot_url):
    listening = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout
    ours = [
        line.split()[3] for line in listening.splitlines() if line.split()[3].endswith(f":{METRICS_PORT}")
    ]
    assert ours == [f"127.0.0.1:{METRICS_PORT}"], ours


def test_a_locked_store_gets_the_degraded_reply_not_a_500(bot_url, store):
    visitor = Client(bot_url, "127.0.0.24")
    assert visitor.say("can I become a probation officer?")[0] == 200
    degraded = metric("probation_degraded_replies_total", '{cause="store"}')
    lock = sqlite3.connect(store, timeout=30)
    try:
        lock.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        status, text = visitor.say("27")
        took = time.monotonic() - started
    finally:
        lock.rollback()
        lock.close()
    assert status == 200, text
    assert text.startswith(DEGRADED_START), text
    assert took < 15
    assert metric("probation_degraded_replies_total", '{cause="store"}') == degraded + 1
    status, text = visitor.say("27")  # the store is free again: the check carries on
    assert status == 200 and "right to work" in text.lower(), text


def test_a_part_started_again_is_counted(bot_url):
    import os
    import signal

    from tests.botprocess import ROOT, supervisorctl

    config = ROOT / "var" / f"supervisorctl-{RASA_PORT}.conf"
    if not config.exists():
        pytest.skip("not our bot: its supervisord is not known")
    before = metric("probation_part_restarts_total", '{part="actions"}')
    os.kill(int(supervisorctl(config, "pid", "actions").strip()), signal.SIGKILL)
    deadline = time.time() + 20
    while time.time() < deadline and metric("probation_part_restarts_total", '{part="actions"}') <= before:
        time.sleep(0.5)
    assert metric("probation_part_restarts_total", '{part="actions"}') == before + 1
