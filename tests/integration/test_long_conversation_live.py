"""A long conversation, and one purged mid-way, behave as Rasa's replayed tracker would.

The Rasa server keeps each conversation's tracker between turns and its rules
look at the last states only (rasa_tuning/tracker_cache.py, rule_states.py):
after forty questions the eligibility check must go exactly as it does for a
new visitor, and a conversation deleted from the store by the purge must be
answered as a new one, not from the tracker the server kept.
"""

import re
import sqlite3
import subprocess
import sys

from tests.botprocess import ROOT
from tests.integration.conftest import Visitor

QUESTIONS = [
    "how long does the PQiP take?",
    "do I need a degree to be a probation officer?",
    "what does a probation service officer do?",
    "is the training paid?",
    "is the route different in Scotland?",  # "can I apply if I live in Scotland?" opens the check
    "what is the PQiP?",
    "does volunteering count as experience?",
    "how do I apply?",
]
CHECK = [
    "Can I become a probation officer?",
    "I'm 31",
    "yes",
    "England",
    "I have a degree in criminology",
    "all four",
    "yes, I volunteer at a homeless shelter",
]


def replies(visitor, message):
    """The reply as a visitor sees it, with the conversation's random reference code masked."""
    text = "\n".join(
        (m.get("text") or "") + "".join(f" [{b.get('title')}]" for b in m.get("buttons") or [])
        for m in visitor.say(message)
    )
    return re.sub(r"PC-[A-Z0-9]{5}", "PC-?????", text)


def test_after_forty_questions_the_check_goes_as_for_a_new_visitor(bot_url):
    long, new = Visitor(bot_url), Visitor(bot_url)
    for k in range(40):
        assert replies(long, QUESTIONS[k % len(QUESTIONS)]).strip()
    for message in CHECK:
        assert replies(long, message) == replies(new, message), message


def test_a_purged_conversation_is_answered_as_a_new_one(bot_url, store):
    purged, new = Visitor(bot_url), Visitor(bot_url)
    for message in CHECK[:2]:  # the check is now waiting for an answer
        replies(purged, message)
    with sqlite3.connect(store) as conn:  # idle for 100 days, as far as the purge can tell
        conn.execute(
            "UPDATE events SET timestamp = timestamp - 100 * 86400 WHERE sender_id = ?", (purged.sender,)
        )
    result = subprocess.run(
        [sys.executable, "-m", "bot.helpline.triage", "--purge-older-than", "90", "--db", str(store)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(store) as conn:
        assert conn.execute(
            "SELECT COUNT(*) FROM events WHERE sender_id = ?", (purged.sender,)
        ).fetchone() == (0,)
    for message in ("yes", "England"):
        assert replies(purged, message) == replies(new, message), message


def test_the_card_of_a_long_conversation_counts_every_message(bot_url):
    """Actions get the recent events only (rasa_tuning/action_payload.py), but the card
    reads the whole conversation: all 25 messages, the first question among them."""
    visitor = Visitor(bot_url)
    visitor.say_text("can I talk to a real person please")
    for k in range(24):
        visitor.say_text(QUESTIONS[k % len(QUESTIONS)])
    shown = visitor.say_text("/triage")
    assert "Asked for a person: yes" in shown, shown
    assert "(25 visitor messages" in shown, shown
