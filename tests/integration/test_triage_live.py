"""Helpline triage end to end: real conversations through the running bot, then
`python -m bot.helpline.triage` as the adviser runs it, over the bot's own SQLite
tracker store.

Unreadable words ("flurb glomp zint") are the unanswered questions: the
classifier sends a message with no known word to the clarifying fallback
whatever the training data, so these conversations do not drift with it.
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.knowledge import load_knowledge
from tests.botprocess import ROOT
from tests.integration.conftest import Visitor

KB = load_knowledge()
HELPLINE = KB.fact("helpline_number").text
CODE = re.compile(r"\bPC-[23456789BCDFGHJKMNPQRSTVWXYZ]{5}\b")
UNREADABLE_1 = "flurb glomp zint"
UNREADABLE_2 = "zorblat quimfrey snargle?"

if os.environ.get("BOT_URL") and not os.environ.get("TRACKER_DB"):
    pytest.skip("BOT_URL given without its TRACKER_DB: cannot read its store", allow_module_level=True)


def triage(*args, db):
    return subprocess.run(
        [sys.executable, "-m", "bot.helpline.triage", *args, "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def card(code, db):
    result = triage(code, db=db)
    assert result.returncode == 0, result.stderr
    return result.stdout


def card_json(code, db):
    result = triage(code, "--json", db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def code_in(text):
    codes = set(CODE.findall(text))
    assert len(codes) == 1, f"expected one reference code in:\n{text}"
    return codes.pop()


def bot_text(visitor, message):
    """The texts of the reply without button titles, so a question is the last line."""
    return "\n".join(m.get("text") or "" for m in visitor.say(message))


def run_eligibility_check(visitor):
    """The shared harness's applicant: Level 5, no areas, youth worker -> 21 months."""
    answers = [
        (r"how old", "I'm 31"),
        (r"right to work", "yes"),
        (r"where do you want to work", "England"),
        (r"highest qualification", "I did a foundation degree in health and social care"),
        (r"\(0 to 4\)|knowledge modules", "none of them"),
        (r"experience", "yes, I've been a youth worker for four years"),
    ]
    reply = bot_text(visitor, "Could I train to be a probation officer?")
    for _ in range(10):
        pending = [(p, a) for p, a in answers if re.search(p, reply.strip().splitlines()[-1], re.I)]
        if not pending:
            return reply
        reply = bot_text(visitor, pending[0][1])
    pytest.fail(f"the check did not end:\n{reply}")


# --- codes in the chat ---------------------------------------------------------------


def test_eligibility_outcome_ends_with_helpline_and_code_and_the_card_shows_it(visitor, store):
    outcome = run_eligibility_check(visitor)
    assert "21 months" in outcome, outcome
    last = outcome.strip().splitlines()[-1]
    assert HELPLINE in last and CODE.search(last), outcome
    code = code_in(outcome)

    text = card(code, store)
    assert text.startswith(f"Triage card {code}")
    for line in (
        "Age: 31",
        "Right to work in the UK: yes",
        "Wants to work in: England",
        "Highest qualification: Foundation degree (Level 5)",
        "Knowledge areas in their qualification: 0 of 4",
        "Knowledge modules completed or started: 0 of 4",
        "Relevant experience: yes",
        "Eligibility: pqip_21_month (route: pqip, about 21 months)",
        "Asked for a person: no",
        "Questions the bot could not answer: none",
        "Talk through the outcome (pqip_21_month)",
    ):
        assert line in text, f"{line!r} missing from:\n{text}"
    assert "Why:" in text and KB.fact("entry_min_age").text in text
    # What the visitor typed is not on the card, only what the bot read from it.
    for typed in ("youth worker", "health and social care", "I'm 31", "none of them"):
        assert typed not in text, text


def test_handoff_gives_helpline_and_code_and_the_same_code_each_time(visitor, store):
    first = visitor.say_text("can I talk to a real person please")
    assert HELPLINE in first, first
    code = code_in(first)
    assert code_in(visitor.say_text("I'd like to speak to someone")) == code

    text = card(code, store)
    assert "Asked for a person: yes" in text
    assert "Ask what they need" in text, text


def test_two_fallbacks_in_a_row_offer_the_helpline_with_a_code(visitor, store):
    visitor.say_text("hello")
    first = visitor.say_text(UNREADABLE_1)
    assert HELPLINE not in first and not CODE.search(first), first
    second = visitor.say_text(UNREADABLE_2)
    assert HELPLINE in second, second
    code = code_in(second)
    visitor.say_text("how long is the PQiP")
    visitor.say_text("I volunteer at a homeless shelter")  # a fact, read into the profile

    text = card(code, store)
    assert f'"{UNREADABLE_1}"' in text and f'"{UNREADABLE_2}"' in text, text
    assert KB.topic_for_intent("faq_pqip_length").title in text, text
    assert "Relevant experience: yes" in text, text
    for typed in ("homeless shelter", "hello", "how long is the PQiP"):
        assert typed not in text, text
    assert "Answer the questions the bot could not" in text


def test_unusable_answers_twice_in_the_check_give_the_code_with_the_helpline(visitor, store):
    bot_text(visitor, "check my eligibility")
    first = bot_text(visitor, "banana")
    assert not CODE.search(first), first
    second = bot_text(visitor, "banana split")
    assert HELPLINE in second, second
    # never asked a third time: the age is left out and the check carries on (issue 21)
    assert re.search(r"right to work", second.strip().splitlines()[-1], re.I), second
    code = code_in(second)

    text = card(code, store)
    assert "Eligibility: started, not finished" in text and "Still to ask: right to work" in text, text
    assert "banana" not in text and "Questions the bot could not answer: none" in text, text


def test_a_fallback_after_an_answer_does_not_count_as_in_a_row(visitor):
    visitor.say_text(UNREADABLE_1)
    visitor.say_text("how long is the PQiP")
    reply = visitor.say_text(UNREADABLE_2)
    assert HELPLINE not in reply and not CODE.search(reply), reply


def test_slash_triage_shows_the_card_of_this_conversation_only(visitor, bot_url):
    code = code_in(visitor.say_text("can I talk to a real person please"))
    visitor.say_text(UNREADABLE_1)
    other = Visitor(bot_url)
    other.say_text(UNREADABLE_2)

    shown = visitor.say_text("/triage")
    assert shown.startswith(f"Triage card {code}"), shown
    assert "Asked for a person: yes" in shown and f'"{UNREADABLE_1}"' in shown, shown
    assert UNREADABLE_2 not in shown and "/triage" not in shown, shown
    # Looking at the card is not part of the conversation: it is not a visitor message.
    assert "(2 visitor messages" in shown, shown


def test_json_holds_the_same_card(visitor, store):
    code = code_in(visitor.say_text("can I talk to a real person please"))
    visitor.say_text(UNREADABLE_1)
    data = card_json(code, store)
    assert data["code"] == code
    assert data["handoff_requested"] is True
    assert data["unanswered_questions"] == [UNREADABLE_1]
    assert data["needs_person"] is True
    assert data["needs_person_because"] == ["asked for a person", "1 unanswered question"]
    assert data["eligibility"]["status"] == "not started"
    assert data["first_message"] <= data["last_message"]
    text = card(code, store)
    for step in data["next_steps"]:
        assert step in text
    assert "sender" not in json.dumps(data) and visitor.sender not in json.dumps(data)
    assert visitor.sender not in text


# --- the follow-up list --------------------------------------------------------------


def test_recent_lists_conversations_needing_a_person_newest_first(bot_url, store):
    older, newer, fine = Visitor(bot_url), Visitor(bot_url), Visitor(bot_url)
    older_code = code_in(older.say_text("can I talk to a real person please"))
    time.sleep(1.1)
    newer.say_text(UNREADABLE_1)
    newer_code = code_in(newer.say_text(UNREADABLE_2))
    fine_code = code_in(run_eligibility_check(fine))  # assessed, nothing open

    result = triage("--recent", "1000", db=store)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    where = {
        c: next(i for i, line in enumerate(lines) if line.startswith(c)) for c in (older_code, newer_code)
    }
    assert where[newer_code] < where[older_code], result.stdout
    assert "2 unanswered questions" in lines[where[newer_code]]
    assert "asked for a person" in lines[where[older_code]]
    assert fine_code not in result.stdout
    for visitor in (older, newer, fine):
        assert visitor.sender not in result.stdout

    limited = triage("--recent", "1", "--json", db=store)
    listed = json.loads(limited.stdout)["conversations"]
    assert len(listed) == 1 and listed[0]["code"] == newer_code


# --- bad codes, empty stores ---------------------------------------------------------


def test_unknown_code_is_exit_1_with_a_message(store):
    result = triage("PC-ZZZZZ", db=store)
    assert result.returncode == 1
    assert "No conversation has the reference PC-ZZZZZ" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize("typed", ["hello", "PC-1234", "PC-O0O0O", "'; DROP TABLE events; --"])
def test_malformed_code_is_exit_1_with_a_message(store, typed):
    result = triage(typed, db=store)
    assert result.returncode == 1
    assert "is not a reference code" in result.stderr and "PC-7K3QX" in result.stderr
    assert "Traceback" not in result.stderr


def test_code_typed_loosely_finds_the_card(visitor, store):
    code = code_in(visitor.say_text("can I talk to a real person please"))
    assert card(code.lower().replace("-", ""), store).startswith(f"Triage card {code}")


def test_missing_and_empty_stores_get_a_friendly_message(tmp_path):
    missing = tmp_path / "none.db"
    for args, status in ((("PC-7K3QX",), 1), (("--recent", "5"), 0), (("--purge-older-than", "90"), 0)):
        result = triage(*args, db=missing)
        assert result.returncode == status, result
        assert "No conversations stored yet" in result.stderr and "Traceback" not in result.stderr
    assert not missing.exists()  # looking does not create a store

    empty = tmp_path / "empty.db"  # as Rasa leaves it before its first conversation
    conn = sqlite3.connect(empty)
    conn.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
        "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
        "action_name VARCHAR(255), data TEXT)"
    )
    conn.close()
    for args, status in ((("PC-7K3QX",), 1), (("--recent", "5"), 0)):
        result = triage(*args, db=empty)
        assert result.returncode == status, result
        assert "No conversations stored yet" in result.stderr and "Traceback" not in result.stderr


# --- two visitors at once, and purging ------------------------------------------------


def test_two_concurrent_conversations_are_never_mixed(bot_url, store):
    first, second = Visitor(bot_url), Visitor(bot_url)
    scripts = {
        first: [
            "I'm 25 and I want to work in Wales",
            "flurb glomp zint",
            "can I talk to a real person please",
        ],
        second: [
            "I'm 52 and I'm moving to England",
            "zorblat quimfrey snargle?",
            "can I talk to a real person please",
        ],
    }
    replies = {first: [], second: []}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for step in range(3):  # both visitors' messages in flight together
            futures = {v: pool.submit(v.say_text, scripts[v][step]) for v in (first, second)}
            for v, future in futures.items():
                replies[v].append(future.result())
    first_code, second_code = code_in(replies[first][-1]), code_in(replies[second][-1])
    assert first_code != second_code

    one, two = card_json(first_code, store), card_json(second_code, store)
    assert one["facts"] == {"Age": "25", "Wants to work in": "Wales"}, one
    assert two["facts"] == {"Age": "52", "Wants to work in": "England"}, two
    assert one["unanswered_questions"] == ["flurb glomp zint"]
    assert two["unanswered_questions"] == ["zorblat quimfrey snargle?"]
    assert one["visitor_messages"] == two["visitor_messages"] == 3


def test_purge_deletes_only_conversations_idle_longer_than_the_limit(bot_url, store):
    old, recent = Visitor(bot_url), Visitor(bot_url)
    old_code = code_in(old.say_text("can I talk to a real person please"))
    recent_code = code_in(recent.say_text("can I talk to a real person please"))
    # Age one conversation by 100 days, as if it had happened then.
    with sqlite3.connect(store) as conn:
        aged = conn.execute(
            "UPDATE events SET timestamp = timestamp - 100 * 86400 WHERE sender_id = ?", (old.sender,)
        ).rowcount
    assert aged > 0

    result = triage("--purge-older-than", "90", db=store)
    assert result.returncode == 0, result.stderr
    assert re.search(r"Deleted [1-9]\d* conversations? \(\d+ events\)", result.stdout), result.stdout
    assert triage(old_code, db=store).returncode == 1
    assert card(recent_code, store).startswith(f"Triage card {recent_code}")
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (old.sender,)).fetchone() == (
            0,
        )

    bad = triage("--purge-older-than", "0", db=store)
    assert bad.returncode == 2 and "1 or more" in bad.stderr
