"""'Was this helpful?' and the insights report end to end: real conversations
through the running bot (REST channel, as the page has them), stored by Rasa in
its SQLite tracker store, then `python -m bot.insights.report` over that store
as the recruitment team runs it.

INSIGHTS_RECORD=path also writes the conversations' events (sender ids
replaced) to `path`: tests/unit/data/insights_conversations.json, which the
unit tests build the report from, was recorded this way.
"""

import csv
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.insights import feedback
from bot.knowledge import load_knowledge
from tests.botprocess import ROOT
from tests.integration.conftest import Visitor
from tests.integration.questions import question_key

KB = load_knowledge()
UNREADABLE = "flurb glomp zint"


def replies(visitor, text):
    return visitor.say(text)


def texts(messages):
    return "\n".join(m.get("text") or "" for m in messages)


def feedback_buttons(messages):
    """The feedback message's buttons {title: payload}; {} when there is none."""
    for message in messages:
        if message.get("text") == feedback.PROMPT:
            return {b["title"]: b["payload"] for b in message.get("buttons") or []}
    return {}


def stored_slots(store, sender, name):
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'slot' ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(d)["value"] for (d,) in rows if json.loads(d)["name"] == name]


# --- the buttons ------------------------------------------------------------------------


def test_an_faq_answer_offers_two_buttons_after_its_source_line(visitor, store):
    messages = replies(visitor, "how long does the PQiP take?")
    assert "15" in messages[0]["text"]
    # The channel sends each paragraph as a message: the prompt comes last, after the source.
    assert messages[-1]["text"] == feedback.PROMPT
    assert messages[-2]["text"].startswith("Source")
    buttons = feedback_buttons(messages)
    assert list(buttons) == [feedback.HELPFUL_TITLE, feedback.NOT_HELPFUL_TITLE]
    thanks = replies(visitor, buttons[feedback.HELPFUL_TITLE])
    assert texts(thanks) == feedback.THANKS_HELPFUL
    assert stored_slots(store, visitor.sender, "feedback") == [{"topic": "pqip_length", "helpful": True}]


def test_ignoring_the_buttons_just_gets_the_next_answer(visitor, store):
    replies(visitor, "what is the PQiP?")
    nxt = replies(visitor, "which universities run the access route?")
    assert re.search("de montfort", texts(nxt), re.I)
    assert feedback.THANKS_COMMENT not in texts(nxt)
    assert stored_slots(store, visitor.sender, "feedback") == []


def test_after_no_a_comment_is_kept_and_a_question_typed_there_is_still_answered(visitor, store):
    buttons = feedback_buttons(replies(visitor, "what qualifications do I need to apply?"))
    ask = texts(replies(visitor, buttons[feedback.NOT_HELPFUL_TITLE]))
    assert "What were you looking for?" in ask
    answer = texts(replies(visitor, "how long does the PQiP take?"))
    assert feedback.THANKS_COMMENT in answer and re.search(r"15.*21|21.*15", answer, re.S)
    assert stored_slots(store, visitor.sender, "feedback_comment") == [
        {"topic": "entry_requirements", "text": "how long does the PQiP take?"}
    ]
    # Only the first message after "no" is the comment.
    replies(visitor, "what is a PSO?")
    assert len(stored_slots(store, visitor.sender, "feedback_comment")) == 1


def test_no_buttons_in_the_middle_of_the_check(visitor):
    replies(visitor, "check my eligibility")
    replies(visitor, "30")
    messages = replies(visitor, "what is the PQiP exactly?")
    assert feedback_buttons(messages) == {}
    assert re.search("right to work", texts(messages), re.I)


# --- the report over the store ------------------------------------------------------------


def finish_check(visitor, opening):
    facts = {
        "age": "I'm 31",
        "right_to_work": "yes",
        "nation": "England",
        "qualification": "a bachelor's degree in sociology",
        "modules": "none of them",
        "experience": "yes, I volunteer with young offenders",
        "vq3": "no",
    }
    reply = texts(replies(visitor, opening))
    for _ in range(10):
        key = question_key(reply)
        if key is None:
            return reply
        reply = texts(replies(visitor, facts[key]))
    pytest.fail(f"the check did not end:\n{reply}")


@pytest.fixture(scope="module")
def conversations(bot_url, store):
    """Real conversations of every kind the report counts; their sender ids."""
    made = []

    def visitor():
        v = Visitor(bot_url)
        made.append(v.sender)
        return v

    for _ in range(5):  # five visitors found one answer helpful: a count the report shows
        v = visitor()
        buttons = feedback_buttons(replies(v, "how long is the PQiP?"))
        replies(v, buttons[feedback.HELPFUL_TITLE])
    v = visitor()
    buttons = feedback_buttons(replies(v, "am I employed while I train?"))
    replies(v, buttons[feedback.NOT_HELPFUL_TITLE])
    replies(v, "what the salary is in London")
    v = visitor()
    replies(v, UNREADABLE)
    replies(v, "zorblat quimfrey snargle")  # the second in a row offers the helpline
    v = visitor()
    replies(v, "check my eligibility")
    replies(v, "I'm 40")  # left at the right-to-work question
    v = visitor()
    finish_check(v, "Could I train to be a probation officer?")
    v = visitor()
    replies(v, "can I talk to a real person please")
    if os.environ.get("INSIGHTS_RECORD"):
        record(store, made, Path(os.environ["INSIGHTS_RECORD"]))
    return made


def record(store, senders, path):
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        convs = [
            [
                json.loads(d)
                for (d,) in db.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (s,))
            ]
            for s in senders
        ]
    # Stored events hold no sender id; the list is in the order the visitors came.
    path.write_text(json.dumps(convs, indent=1, ensure_ascii=False) + "\n")


def report(store, tmp_path, *args):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.insights.report",
            "--db",
            str(store),
            "--out",
            str(tmp_path / "report.html"),
            "--csv",
            str(tmp_path / "csv"),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return (tmp_path / "report.html").read_text()


def rows(tmp_path, name):
    with open(tmp_path / "csv" / f"{name}.csv", newline="") as f:
        return list(csv.reader(f))[1:]


def test_the_report_counts_what_the_conversations_did(conversations, store, tmp_path):
    page = report(store, tmp_path)
    for sender in conversations:
        assert sender not in page
    feedback_rows = {r[0]: r[1:] for r in rows(tmp_path, "feedback")}
    helpful, _ = feedback_rows["How long the PQiP takes"]
    assert helpful.isdigit() and int(helpful) >= 5  # the 5 visitors above, and maybe others
    assert feedback_rows["Employment while training"][1] == "fewer than 5"
    comments = rows(tmp_path, "feedback_comments")
    assert any(r[0] == "Employment while training" and "salary is in London" in r[2] for r in comments), (
        comments
    )
    assert any("flurb glomp zint" in r[3] for r in rows(tmp_path, "unanswered"))
    # Other live tests share this store and leave checks unfinished too: the row is
    # there, and its count is either hidden or at least the checks left here.
    stopped = dict(rows(tmp_path, "eligibility_stopped"))
    assert (
        stopped.get("right to work in the UK") == "fewer than 5"
        or int(stopped.get("right to work in the UK", "0")) >= 5
    ), stopped
    outcomes = {r[0] for r in rows(tmp_path, "eligibility_outcomes")}
    assert "pqip_15_month" in outcomes or "pqip_21_month" in outcomes, outcomes
    reasons = {r[0] for r in rows(tmp_path, "handoffs")}
    assert {
        "asked for a person",
        "not understood twice in a row",
        "given with the eligibility outcome",
    } <= reasons, reasons
    channels = dict(rows(tmp_path, "channels"))
    assert int(channels["web"]) >= 10
    for section in ("activity", "channels", "topics", "unanswered", "eligibility", "handoffs"):
        assert f'<section id="{section}"' in page


def test_the_report_for_days_without_conversations_is_empty_not_an_error(conversations, store, tmp_path):
    page = report(store, tmp_path, "--since", "2001-01-01", "--until", "2001-01-31")
    assert "no conversations" in page
    assert rows(tmp_path, "per_day") == []
