"""The whole report, built by `python -m bot.insights.report` from an SQLite
tracker store filled with conversations recorded from the real bot
(tests/unit/data/insights_conversations.json: made by
tests/integration/test_insights_live.py with INSIGHTS_RECORD=...), stored in
the table Rasa's SQLTrackerStore writes."""

import csv
import json
import re
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.insights import report
from bot.insights.tables import FEWER_THAN_5

DATA = Path(__file__).parent / "data"
RECORDED = DATA / "insights_conversations.json"
# The same conversations recorded before answers set `last_topic` / `last_gap`:
# stores written then must read the same.
RECORDED_BEFORE = DATA / "insights_conversations_before_last_topic.json"
SCHEMA = """CREATE TABLE IF NOT EXISTS events (id INTEGER NOT NULL, sender_id VARCHAR(255) NOT NULL,
  type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255),
  action_name VARCHAR(255), data TEXT, PRIMARY KEY (id))"""


def recorded(path=RECORDED):
    return json.loads(path.read_text())


def fill(path: Path, conversations, shift_days=0, first=0):
    with sqlite3.connect(path) as db:
        db.execute(SCHEMA)
        for n, events in enumerate(conversations, start=first):
            for event in events:
                event = dict(event, timestamp=event["timestamp"] + shift_days * 86400)
                intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
                db.execute(
                    "INSERT INTO events (sender_id, type_name, timestamp, intent_name, "
                    "action_name, data) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        f"sender-secret-{n:03d}",
                        event["event"],
                        event["timestamp"],
                        intent,
                        event.get("name") if event["event"] == "action" else None,
                        json.dumps(event),
                    ),
                )


@pytest.fixture(scope="module", params=[RECORDED, RECORDED_BEFORE], ids=["now", "before"])
def built(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    fill(tmp / "tracker.db", recorded(request.param))
    assert (
        report.main(
            ["--db", str(tmp / "tracker.db"), "--out", str(tmp / "report.html"), "--csv", str(tmp / "csv")]
        )
        == 0
    )
    return tmp


def table(built, name):
    with open(built / "csv" / f"{name}.csv", newline="") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize("path", [RECORDED, RECORDED_BEFORE], ids=["now", "before"])
def test_the_recorded_conversations_are_real_and_varied(path):
    convs = recorded(path)
    assert len(convs) >= 10
    actions = {e.get("name") for c in convs for e in c if e["event"] == "action"}
    assert {
        "action_answer_faq",
        "action_record_feedback",
        "action_clarify",
        "action_start_eligibility",
        "action_eligibility_outcome",
        "action_handoff",
    } <= actions


def test_feedback_by_topic(built):
    rows = {r[0]: r[1:] for r in table(built, "feedback")[1:]}
    assert rows["How long the PQiP takes"] == ["5", "0"]
    assert rows["Employment while training"] == ["0", FEWER_THAN_5]
    comments = table(built, "feedback_comments")[1:]
    assert comments == [["Employment while training", FEWER_THAN_5, '"what the salary is in London"']]


def test_topics_channels_and_days(built):
    topics = dict(table(built, "topics")[1:])
    assert topics["How long the PQiP takes"] == "5"
    assert table(built, "channels")[1:] == [["web", str(len(recorded()))]]
    days = table(built, "per_day")[1:]
    assert sum(int(d[1]) for d in days if d[1].isdigit()) == len(recorded())


def test_questions_missed_are_grouped_with_examples(built):
    rows = table(built, "unanswered")
    assert rows[0] == ["Question (most-asked wording)", "Times asked", "How the bot answered", "Examples"]
    flurb = next(r for r in rows[1:] if r[0] == "flurb glomp zint")
    assert flurb[1] == FEWER_THAN_5 and flurb[2] == "not understood"


def test_the_check_and_hand_offs(built):
    stages = dict(table(built, "eligibility")[1:])
    assert stages["Started"] == FEWER_THAN_5
    assert ["right to work in the UK", FEWER_THAN_5] in table(built, "eligibility_stopped")
    outcomes = [r[0] for r in table(built, "eligibility_outcomes")[1:]]
    assert len(outcomes) == 1 and outcomes[0].startswith("pqip_")
    reasons = {r[0] for r in table(built, "handoffs")[1:]}
    assert reasons == {
        "asked for a person",
        "not understood twice in a row",
        "given with the eligibility outcome",
    }


def test_the_page_is_self_contained_and_names_nobody(built):
    page = (built / "report.html").read_text()
    assert "sender-secret" not in page
    # Nothing fetched: no script, stylesheet, image or font from elsewhere (url(#id) is in-page).
    assert not re.search(r"<script|<link|\bsrc=|@import|url\((?!#)", page, re.I)
    for section in ("activity", "channels", "topics", "unanswered", "eligibility", "handoffs"):
        assert f'<section id="{section}"' in page
    assert page.count("<svg") == 9


def test_since_and_until_pick_conversations_by_their_first_day(tmp_path):
    convs = recorded()
    fill(tmp_path / "a.db", convs[:3], shift_days=-40)  # forty days earlier
    fill(tmp_path / "a.db", convs[3:], first=3)  # and the rest as recorded
    day = datetime.fromtimestamp(convs[0][0]["timestamp"] - 40 * 86400, timezone.utc).date()
    out = tmp_path / "r.html"
    assert (
        report.main(
            [
                "--db",
                str(tmp_path / "a.db"),
                "--out",
                str(out),
                "--csv",
                str(tmp_path / "csv"),
                "--since",
                day.isoformat(),
                "--until",
                (day + timedelta(days=1)).isoformat(),
            ]
        )
        == 0
    )
    with open(tmp_path / "csv" / "channels.csv") as f:
        assert list(csv.reader(f))[1:] == [["web", FEWER_THAN_5]]
    assert (
        report.main(
            [
                "--db",
                str(tmp_path / "a.db"),
                "--out",
                str(out),
                "--csv",
                str(tmp_path / "csv"),
                "--since",
                (day + timedelta(days=5)).isoformat(),
                "--until",
                (day + timedelta(days=10)).isoformat(),
            ]
        )
        == 0
    )
    with open(tmp_path / "csv" / "channels.csv") as f:
        assert list(csv.reader(f))[1:] == []


def test_bad_arguments_get_a_message_not_a_traceback(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        report.main(["--since", "yesterday"])
    assert exit_.value.code == 2
    assert "is not a day" in capsys.readouterr().err
    assert report.main(["--db", str(tmp_path / "none.db")]) == 1
    assert "No conversations stored yet" in capsys.readouterr().err
    assert report.main(["--db-url", "not a url"]) == 2
    assert "not a database URL" in capsys.readouterr().err
