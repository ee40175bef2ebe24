"""Helpline triage on the scale-out profile: a conversation that hops between the two
Rasa servers through nginx, then `python -m bot.helpline.triage` reading its card, the
follow-up list and the purge from PostgreSQL, as an adviser would with `make
triage SCALED=1`.

Unreadable words ("flurb glomp zint") are the unanswered question: the
classifier sends a message with no known word to the clarifying fallback
whatever the training data.
"""

import json
import os
import re
import subprocess
import sys

import psycopg2
import pytest

from bot.helpline import tracker_events
from bot.knowledge import load_knowledge
from tests.botprocess import ROOT
from tests.scaled.scaled_process import Visitor

HELPLINE = load_knowledge().fact("helpline_number").text
CODE = re.compile(r"\bPC-[23456789BCDFGHJKMNPQRSTVWXYZ]{5}\b")


@pytest.fixture(scope="module")
def pg(scaled):
    """How to reach the profile's PostgreSQL: a URL without the password, which
    goes in through PGPASSWORD as `make triage SCALED=1` does it."""
    port = scaled.ports["SCALED_PG_PORT"]
    return dict(
        url=f"postgresql://rasa@127.0.0.1:{port}/rasa", port=port, password=scaled.secret("pg_password")
    )


def triage(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "bot.helpline.triage", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def without_store_settings(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_DB", "TRACKER_DB_URL", "PGPASSWORD")}
    return dict(env, **extra)


def handoff_over_both_servers(scaled):
    """(the visitor, their reference code) after three turns ending in a hand-off."""
    visitor = Visitor(scaled.url)
    visitor.say("I'm 25 and I want to work in Wales")
    visitor.say("flurb glomp zint")
    reply = visitor.say("can I talk to a real person please")
    assert HELPLINE in reply and CODE.search(reply), reply
    # nginx sent the turns to both servers, so the card must come from the shared store.
    assert len(set(visitor.served_by)) == 2, visitor.served_by
    return visitor, CODE.search(reply).group()


def test_card_of_a_handoff_comes_from_postgresql(scaled, pg):
    visitor, code = handoff_over_both_servers(scaled)
    env = without_store_settings(PGPASSWORD=pg["password"])

    result = triage(code, "--db-url", pg["url"], env=env)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(f"Triage card {code}"), text
    for line in (
        "(3 visitor messages, web chat)",
        "Asked for a person: yes",
        "Age: 25",
        "Wants to work in: Wales",
        '"flurb glomp zint"',
    ):
        assert line in text, f"{line!r} missing from:\n{text}"
    assert visitor.sender not in text

    card = json.loads(triage(code, "--json", "--db-url", pg["url"], env=env).stdout)
    assert card["facts"] == {"Age": "25", "Wants to work in": "Wales"}, card
    assert {"asked for a person", "1 unanswered question"} <= set(card["needs_person_because"])

    # The follow-up list, with the URL from the environment as an adviser's shell has it.
    listed = triage("--recent", "50", env=dict(env, TRACKER_DB_URL=pg["url"]))
    assert listed.returncode == 0, listed.stderr
    assert re.search(rf"^{code}  .*asked for a person", listed.stdout, re.M), listed.stdout


def test_make_triage_scaled_reads_the_profile_store(scaled, pg):
    _, code = handoff_over_both_servers(scaled)
    result = subprocess.run(
        [
            "make",
            "-s",
            "triage",
            f"REF={code}",
            "SCALED=1",
            f"SCALED_DIR={scaled.state_dir}",
            f"SCALED_PG_PORT={pg['port']}",
        ],
        cwd=ROOT,
        env=without_store_settings(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Triage card {code}"), result.stdout


def test_purge_on_postgresql_deletes_only_idle_conversations(scaled, pg):
    old, old_code = handoff_over_both_servers(scaled)
    _, recent_code = handoff_over_both_servers(scaled)
    with (
        psycopg2.connect(
            host="127.0.0.1", port=pg["port"], dbname="rasa", user="rasa", password=pg["password"]
        ) as db,
        db.cursor() as cursor,
    ):
        # Age one conversation by 100 days, as if it had happened then.
        cursor.execute(
            "UPDATE events SET timestamp = timestamp - 100 * 86400 WHERE sender_id = %s", (old.sender,)
        )
        assert cursor.rowcount > 0

    # The password in the URL works too (PGPASSWORD is not set here).
    with_password = pg["url"].replace("rasa@", f"rasa:{pg['password']}@", 1)
    env = without_store_settings()
    result = triage("--purge-older-than", "90", "--db-url", with_password, env=env)
    assert result.returncode == 0, result.stderr
    deleted = re.search(r"Deleted [1-9]\d* conversations? \(\d+ events\)", result.stdout)
    assert deleted, result.stdout

    gone = triage(old_code, "--db-url", with_password, env=env)
    assert gone.returncode == 1 and "No conversation has the reference" in gone.stderr
    assert triage(recent_code, "--db-url", with_password, env=env).returncode == 0
    with (
        psycopg2.connect(
            host="127.0.0.1", port=pg["port"], dbname="rasa", user="rasa", password=pg["password"]
        ) as db,
        db.cursor() as cursor,
    ):
        cursor.execute("SELECT count(*) FROM events WHERE sender_id = %s", (old.sender,))
        assert cursor.fetchone()[0] == 0


def test_a_wrong_password_gets_a_message_not_a_traceback(scaled, pg):
    result = triage(
        "--recent", "5", "--db-url", pg["url"], env=without_store_settings(PGPASSWORD="not-the-password")
    )
    assert result.returncode == 1
    assert "Could not open the tracker store" in result.stderr and "Traceback" not in result.stderr
    assert "password authentication failed" in result.stderr, result.stderr
    assert "not-the-password" not in result.stderr


def test_looking_at_postgresql_changes_nothing(scaled, pg):
    """A card or list opens a read-only transaction, as SQLite's mode=ro does."""
    conn = tracker_events.connect_url(
        tracker_events.parse_url(pg["url"].replace("rasa@", f"rasa:{pg['password']}@", 1))
    )
    try:
        with pytest.raises(Exception, match="read-only transaction"):
            conn.exec_driver_sql("DELETE FROM events WHERE sender_id = 'nobody'")
    finally:
        conn.close()
