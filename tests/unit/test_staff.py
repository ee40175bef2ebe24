"""The staff console's logic (bot/staff/), no server: accounts and passwords,
throttled sign-ins, sessions, CSRF, roles, the audit log, handled marks, the
helpline lookups over a real SQLite tracker store, and the report's period.

tests/integration/test_staff_console_live.py checks the same through the
running console; tests/browser/test_staff_console.py in Chromium."""

import csv
import io
import os
import re
import sqlite3

import pytest
import sqlalchemy as sa

from bot.helpline.card import Card
from bot.insights.tables import Table
from bot.knowledge import load_knowledge
from bot.staff import accounts, audit, helpline, reporting, roles, sessions
from bot.staff.store import StaffDB
from tests.unit.rasa_events import Clock, conversation
from tests.unit.test_triage import eligibility_chat, make_store

PASSWORD = "a long pass phrase 42"
T0 = 1_800_000_000.0


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


@pytest.fixture
def db(tmp_path):
    return StaffDB(tmp_path / "staff.db")


@pytest.fixture
def alice(db):
    return accounts.set_account(db, "alice", "helpline", PASSWORD, now=T0)


def file_bytes(db):
    """Everything the database holds on disk, the WAL included."""
    return b"".join(p.read_bytes() for p in db.path.parent.glob(db.path.name + "*"))


def audit_actions(db):
    return [(e.account, e.action, e.target) for e in audit.recent(db)]


# --- accounts ---------------------------------------------------------------------


def test_the_password_is_kept_only_as_an_argon2id_hash(db, alice):
    with db.connect() as conn:
        (stored,) = conn.execute("SELECT password_hash FROM accounts WHERE name = 'alice'").fetchone()
    assert stored.startswith("$argon2id$")
    assert PASSWORD.encode() not in file_bytes(db)


def test_a_right_password_signs_in(db, alice):
    result = accounts.sign_in(db, "Alice ", PASSWORD, now=T0 + 1)  # as typed: case and spaces
    assert result.account == accounts.Account("alice", "helpline", False)
    assert ("alice", "login", "") in audit_actions(db)


@pytest.mark.parametrize("name, password", [("alice", "wrong password 42"), ("nobody", PASSWORD), ("", "")])
def test_a_wrong_name_or_password_gives_the_same_refusal(db, alice, name, password):
    result = accounts.sign_in(db, name, password, now=T0 + 1)
    assert result == accounts.SignIn(None, 0)


def test_a_disabled_account_cannot_sign_in_and_its_sessions_end(db, alice):
    token = sessions.start(db, alice, now=T0)
    assert accounts.disable(db, "alice", now=T0 + 1)
    assert sessions.current(db, token, now=T0 + 2) is None
    assert accounts.sign_in(db, "alice", PASSWORD, now=T0 + 3).account is None
    assert not accounts.disable(db, "nobody")


def test_resetting_an_account_changes_role_and_password_and_ends_sessions(db, alice):
    token = sessions.start(db, alice, now=T0)
    accounts.set_account(db, "alice", "admin", "another long phrase", now=T0 + 1)
    assert sessions.current(db, token, now=T0 + 2) is None
    assert accounts.sign_in(db, "alice", PASSWORD, now=T0 + 3).account is None
    assert accounts.sign_in(db, "alice", "another long phrase", now=T0 + 4).account.role == "admin"


@pytest.mark.parametrize(
    "name, role, password",
    [
        ("Bad Name", "helpline", PASSWORD),
        ("x" * 41, "helpline", PASSWORD),
        ("-dash", "helpline", PASSWORD),
        ("bob", "root", PASSWORD),
        ("bob", "helpline", "short"),
        ("bob", "helpline", " " * 20),
        ("bob", "helpline", "x" * 300),
    ],
)
def test_bad_names_roles_and_passwords_are_refused(db, name, role, password):
    with pytest.raises(accounts.AccountError):
        accounts.set_account(db, name, role, password)
    assert accounts.listed(db) == []


def test_a_password_typed_as_the_username_never_reaches_the_audit_log(db, alice):
    accounts.sign_in(db, PASSWORD, "whatever it is", now=T0)
    assert ("(not a valid username)", "login_failed", "") in audit_actions(db)
    assert PASSWORD.encode() not in file_bytes(db)


# --- throttling -------------------------------------------------------------------


def test_throttle_wait_doubles_after_the_free_failures():
    now = T0
    assert accounts.throttle_wait([now - 1] * (accounts.FREE_FAILURES - 1), now) == 0
    assert accounts.throttle_wait([now] * accounts.FREE_FAILURES, now) == 2
    assert accounts.throttle_wait([now] * (accounts.FREE_FAILURES + 2), now) == 8
    assert accounts.throttle_wait([now] * 100, now) == accounts.MAX_WAIT
    assert accounts.throttle_wait([now - accounts.WINDOW - 1] * 100, now) == 0  # old ones forgotten
    assert accounts.throttle_wait([now - 10] * accounts.FREE_FAILURES, now) == 0  # waited long enough


def test_twenty_failures_in_a_row_are_slowed_down_even_for_the_right_password(db, alice):
    results = [accounts.sign_in(db, "alice", f"guess number {i:02d}", now=T0 + i * 0.1) for i in range(20)]
    assert not any(r.throttled for r in results[: accounts.FREE_FAILURES])
    assert all(r.throttled for r in results[accounts.FREE_FAILURES :])
    assert accounts.sign_in(db, "alice", PASSWORD, now=T0 + 2).throttled  # the right one waits too
    actions = [a for _who, a, _t in audit_actions(db)]
    assert actions.count("login_failed") == accounts.FREE_FAILURES
    assert actions.count("login_throttled") == 16
    # After the wait, the right password works and the count starts again.
    assert accounts.sign_in(db, "alice", PASSWORD, now=T0 + 60).account is not None
    assert not accounts.sign_in(db, "alice", "wrong again 1234", now=T0 + 61).throttled


def test_unknown_names_are_throttled_the_same_way(db):
    for i in range(accounts.FREE_FAILURES):
        accounts.sign_in(db, "mallory", f"try {i} of many", now=T0)
    assert accounts.sign_in(db, "mallory", "one more try", now=T0).wait == 2


# --- sessions and CSRF ------------------------------------------------------------


def test_a_session_lasts_while_used_and_ends_when_idle(db, alice, monkeypatch):
    monkeypatch.setenv("STAFF_IDLE_MINUTES", "10")
    token = sessions.start(db, alice, now=T0)
    assert sessions.current(db, token, now=T0 + 9 * 60).account.name == "alice"
    assert sessions.current(db, token, now=T0 + 18 * 60) is not None  # idle time counts from last use
    assert sessions.current(db, token, now=T0 + 29 * 60) is None
    assert sessions.current(db, token, now=T0 + 30 * 60) is None  # ended for good


def test_a_session_ends_after_its_maximum_age_however_used(db, alice):
    token = sessions.start(db, alice, now=T0)
    now = T0
    while now < T0 + sessions.MAX_AGE - 600:
        now += 600
        assert sessions.current(db, token, now=now) is not None
    assert sessions.current(db, token, now=T0 + sessions.MAX_AGE + 1) is None


def test_logout_ends_the_session_and_tokens_are_kept_hashed(db, alice):
    token = sessions.start(db, alice, now=T0)
    session = sessions.current(db, token, now=T0)
    assert token.encode() not in file_bytes(db)
    assert session.csrf and session.csrf != token
    sessions.end(db, token)
    assert sessions.current(db, token, now=T0) is None
    assert sessions.current(db, "made-up-token", now=T0) is None
    assert sessions.current(db, None) is None


def test_each_session_has_its_own_csrf_token(db, alice):
    one = sessions.current(db, sessions.start(db, alice, now=T0), now=T0)
    two = sessions.current(db, sessions.start(db, alice, now=T0), now=T0)
    assert one.csrf != two.csrf


@pytest.mark.parametrize("given, ok", [("abc123", True), ("abc124", False), ("", False), (None, False)])
def test_csrf_tokens_must_match(given, ok):
    assert sessions.same_token("abc123", given) is ok
    assert sessions.same_token(None, "abc123") is False


# --- roles ------------------------------------------------------------------------


def test_roles():
    assert roles.can("helpline", roles.CARD) and roles.can("helpline", roles.FOLLOW_UP)
    assert not roles.can("helpline", roles.REPORT) and not roles.can("helpline", roles.AUDIT)
    assert roles.can("recruitment", roles.REPORT) and not roles.can("recruitment", roles.CARD)
    assert not roles.can("recruitment", roles.AUDIT)
    assert all(roles.can("admin", p) for p in (roles.CARD, roles.FOLLOW_UP, roles.REPORT, roles.AUDIT))
    assert not roles.can(None, roles.CARD) and not roles.can("nobody", roles.CARD)


# --- the audit log ----------------------------------------------------------------


def test_the_audit_log_is_kept_for_its_period(db, monkeypatch):
    monkeypatch.setenv("STAFF_AUDIT_DAYS", "30")
    audit.record(db, "alice", "view_card", "PC-7K3QX", now=T0 - 31 * 86400)
    audit.record(db, "alice", "view_card", "PC-8K3QX", now=T0 - 29 * 86400)
    assert audit.purge(db, now=T0) == 1
    assert [e.target for e in audit.recent(db)] == ["PC-8K3QX"]
    monkeypatch.setenv("STAFF_AUDIT_DAYS", "not a number")
    assert audit.retention_days() == audit.DEFAULT_DAYS


def test_the_audit_log_lists_newest_first_and_knows_its_actions(db):
    audit.record(db, "a", "login", now=T0)
    audit.record(db, "a", "view_follow_up", now=T0 + 1)
    assert [e.wording for e in audit.recent(db)] == ["viewed the follow-up list", "signed in"]
    with pytest.raises(ValueError):
        audit.record(db, "a", "something we never log")


# --- helpline: cards, marks and the follow-up list --------------------------------


def handoff(code, start):
    return conversation(
        ("user", "can I talk to a person", "request_human"),
        ("action", "action_handoff"),
        ("slot", "reference_code", code),
        ("bot", "Call the helpline."),
        clock=Clock(start),
    )


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "tracker.db"
    make_store(
        path,
        {
            "sender-a": handoff("PC-M2HKS", T0),
            "sender-b": handoff("PC-22222", T0 + 100),
            "sender-c": eligibility_chat("PC-44444"),
        },
    )
    monkeypatch.setenv("TRACKER_DB", str(path))
    monkeypatch.delenv("TRACKER_DB_URL", raising=False)
    return path


def test_a_code_typed_as_a_caller_reads_it_finds_the_card(store, kb):
    with helpline.tracker_store() as conn:
        code, cards = helpline.lookup(conn, "pc m2hks", kb)
        assert code == "PC-M2HKS" and [c.code for c in cards] == ["PC-M2HKS"]
        assert helpline.lookup(conn, "PC-99999", kb) == ("PC-99999", [])
        with pytest.raises(helpline.NotACode):
            helpline.lookup(conn, "hello", kb)


def test_the_console_only_reads_the_tracker_store(store, kb, db):
    before = store.read_bytes()
    with helpline.tracker_store() as conn:
        helpline.lookup(conn, "PC-M2HKS", kb)
        helpline.follow_up(conn, db, kb)
        with pytest.raises(sa.exc.OperationalError, match="readonly"):
            conn.exec_driver_sql("DELETE FROM events")
    assert store.read_bytes() == before


def test_no_store_yet_gives_nothing_rather_than_an_error(tmp_path, monkeypatch, kb, db):
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "missing.db"))
    monkeypatch.delenv("TRACKER_DB_URL", raising=False)
    with helpline.tracker_store() as conn:
        assert conn is None
        assert helpline.lookup(conn, "pc m2hks", kb) == ("PC-M2HKS", [])
        assert helpline.follow_up(conn, db, kb) == ([], [], 0)
    assert not (tmp_path / "missing.db").exists()


def test_marking_handled_moves_a_conversation_off_the_list_until_it_goes_on(store, kb, db):
    with helpline.tracker_store() as conn:
        open_rows, handled_rows, _ = helpline.follow_up(conn, db, kb)
    assert [r.card.code for r in open_rows] == ["PC-22222", "PC-M2HKS"]  # newest first
    mark = helpline.mark_handled(
        db, "PC-M2HKS", "  Called back;\n explained the PQiP.  ", "alice", now=T0 + 500
    )
    assert mark.note == "Called back; explained the PQiP."
    assert helpline.marks(db, "PC-M2HKS") == [mark]
    with helpline.tracker_store() as conn:
        open_rows, handled_rows, _ = helpline.follow_up(conn, db, kb)
    assert [r.card.code for r in open_rows] == ["PC-22222"]
    assert [r.card.code for r in handled_rows] == ["PC-M2HKS"]
    # A mark older than the conversation's last message does not count as handled.
    helpline.mark_handled(db, "PC-22222", "left a message", "alice", now=T0 - 1)
    with helpline.tracker_store() as conn:
        open_rows, _, _ = helpline.follow_up(conn, db, kb)
    assert [r.card.code for r in open_rows] == ["PC-22222"]
    # The audit log has who and which, never the note.
    assert ("alice", "mark_handled", "PC-M2HKS") in audit_actions(db)
    assert b"explained the PQiP" not in b"".join(
        str(row).encode() for row in sqlite3.connect(db.path).execute("SELECT * FROM audit")
    )


@pytest.mark.parametrize("code, note", [("PC-M2HKS", "   "), ("not a code", "a note"), ("", "a note")])
def test_a_mark_needs_a_note_and_a_code(db, code, note):
    with pytest.raises(ValueError):
        helpline.mark_handled(db, code, note, "alice")


def test_a_long_note_is_cut(db):
    assert len(helpline.mark_handled(db, "PC-M2HKS", "x" * 2000, "alice").note) == helpline.NOTE_CHARS


def test_the_card_is_shown_field_by_field_with_whatever_it_holds(store, kb):
    with helpline.tracker_store() as conn:
        _code, (card,) = helpline.lookup(conn, "PC-44444", kb)
    fields = dict(helpline.card_fields(card))
    assert "Told the bot" in fields and "Eligibility" in fields and "Suggested next steps" in fields
    assert fields["Asked for a person"] == "no"
    assert re.fullmatch(r"\d\d \w{3} \d{4} \d\d:\d\d.*", fields["First message"])
    assert dict(fields["Eligibility"])["Outcome"] == "pqip_21_month"
    # The free text the visitor typed (an address) is not on the card, so not on the page.
    assert "Elm Road" not in str(fields)


def test_a_field_the_card_gains_later_is_shown_without_a_change_here(monkeypatch):
    card = Card(None, None, None, None, None, 0, {}, None, [], [], False, [], [])
    monkeypatch.setattr(
        Card, "as_dict", lambda self: {"code": "PC-M2HKS", "safety_reply_given": True, "new_list": ["a"]}
    )
    assert helpline.card_fields(card) == [("Safety reply given", "yes"), ("New list", ["a"])]


def test_shown_values():
    assert helpline.shown_value(None) == "none" and helpline.shown_value([]) == "none"
    assert helpline.shown_value(False) == "no" and helpline.shown_value(3) == "3"
    assert helpline.shown_value({"status": "assessed", "reasons": []}) == [("Status", "assessed")]


# --- recruitment: the report's period and CSV -------------------------------------


def test_the_period_defaults_to_the_last_30_days():
    from datetime import date

    chosen = reporting.period(None, None, today=date(2026, 12, 7), given=False)
    assert (chosen.since, chosen.until) == (date(2026, 11, 8), date(2026, 12, 7))
    assert reporting.period("", "", given=True) == reporting.Period(None, None)
    since, until = reporting.period("2026-12-01", "2026-12-01").bounds()
    assert until - since == 86400  # both days included


@pytest.mark.parametrize(
    "since, until", [("2026-13-01", ""), ("", "yesterday"), ("2026-12-02", "2026-12-01")]
)
def test_a_bad_period_is_refused(since, until):
    with pytest.raises(reporting.BadPeriod):
        reporting.period(since, until)


def test_the_report_for_a_period_counts_only_its_conversations(store, kb):
    from datetime import datetime, timezone

    day = datetime.fromtimestamp(T0, timezone.utc).date()
    with helpline.tracker_store() as conn:
        html, tables = reporting.build(conn, reporting.Period(day, day), kb, "test store")
        assert "<!doctype html>" in html
        per_day = next(t for t in tables if t.name == "per_day")
        assert len(per_day.rows) == 1 and per_day.rows[0][0] == day.isoformat()
        _html, tables = reporting.build(conn, reporting.Period(None, None), kb, "test store")
    assert len(next(t for t in tables if t.name == "per_day").rows) == 2


def test_the_download_list_names_every_table_the_report_has(store, kb):
    with helpline.tracker_store() as conn:
        _html, tables = reporting.build(conn, reporting.Period(None, None), kb, "test store")
    assert reporting.table_list(kb) == [(t.name, t.title) for t in tables]


def test_csv_cells_cannot_run_as_spreadsheet_formulas():
    table = Table("t", "T", ["question", "count"], [['=HYPERLINK("x")', 5], ["fine", 7]])
    rows = list(csv.reader(io.StringIO(reporting.csv_text(table))))
    assert rows == [["question", "count"], ['\'=HYPERLINK("x")', "5"], ["fine", "7"]]


def test_the_database_is_owner_only(tmp_path):
    StaffDB(tmp_path / "fresh" / "staff.db")
    assert os.stat(tmp_path / "fresh" / "staff.db").st_mode & 0o077 == 0
