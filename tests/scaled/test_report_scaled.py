"""The insights report on the scale-out profile's PostgreSQL: conversations that
hop between the two Rasa servers through nginx (feedback clicks included), then
`make report SCALED=1` as the recruitment team runs it."""

import csv
import os
import subprocess

import requests

from bot.insights import feedback
from tests.botprocess import ROOT
from tests.scaled.scaled_process import Visitor


def messages(visitor, text):
    reply = requests.post(
        f"{visitor.default_url}/webhooks/rest/webhook",
        json={"sender": visitor.sender, "message": text},
        timeout=120,
    )
    assert reply.status_code == 200, reply.text
    visitor.served_by.append(reply.headers.get("X-Served-By"))
    return reply.json()


def helpful_payload(reply):
    prompt = next(m for m in reply if m.get("text") == feedback.PROMPT)
    return next(b["payload"] for b in prompt["buttons"] if b["title"] == feedback.HELPFUL_TITLE)


def test_make_report_scaled_reads_the_profile_store(scaled, tmp_path):
    senders = []
    for _ in range(5):
        visitor = Visitor(scaled.url)
        senders.append(visitor.sender)
        messages(visitor, helpful_payload(messages(visitor, "how long is the PQiP?")))
        messages(visitor, "flurb glomp zint")
        assert len(set(visitor.served_by)) == 2, visitor.served_by  # both servers wrote

    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_DB", "TRACKER_DB_URL", "PGPASSWORD")}
    out = tmp_path / "report.html"
    result = subprocess.run(
        [
            "make",
            "-s",
            "report",
            "SCALED=1",
            f"SCALED_DIR={scaled.state_dir}",
            f"SCALED_PG_PORT={scaled.ports['SCALED_PG_PORT']}",
            f"OUT={out}",
            f"CSV={tmp_path / 'csv'}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql://rasa@127.0.0.1" in out.read_text()  # the store it read, no password
    assert scaled.secret("pg_password") not in out.read_text() + result.stdout
    page = out.read_text()
    assert not any(sender in page for sender in senders)
    with open(tmp_path / "csv" / "feedback.csv") as f:
        rows = {r[0]: r for r in csv.reader(f)}
    assert int(rows["How long the PQiP takes"][1]) >= 5, rows
    with open(tmp_path / "csv" / "unanswered.csv") as f:
        unanswered = list(csv.reader(f))
    assert any(r[0] == "flurb glomp zint" and int(r[1]) >= 5 for r in unanswered[1:]), unanswered
