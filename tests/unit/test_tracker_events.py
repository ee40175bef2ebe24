"""Choosing the tracker store by URL (bot/helpline/tracker_events.py via `python -m bot.helpline.triage`),
without a database server: SQLite URLs, and URLs that are wrong or unreachable.
PostgreSQL itself is exercised in tests/scaled/test_triage_scaled.py."""

from bot.helpline import triage
from tests.unit.test_triage import conversation, make_store

PASSWORD = "pw-" + "Zq8xK2"  # must never be echoed


def test_an_sqlite_url_reads_the_same_store_read_only(tmp_path, capsys):
    db = tmp_path / "tracker.db"
    make_store(
        db,
        {
            "s": conversation(
                ("user", "person please", "request_human"),
                ("action", "action_handoff"),
                ("slot", "reference_code", "PC-33333"),
            )
        },
    )
    assert triage.main(["PC-33333", "--db-url", f"sqlite:///{db}"]) == 0
    assert capsys.readouterr().out.startswith("Triage card PC-33333")

    missing = tmp_path / "none.db"
    assert triage.main(["PC-33333", "--db-url", f"sqlite:///{missing}"]) == 1
    assert "No conversations stored yet" in capsys.readouterr().err
    assert not missing.exists()  # looking does not create a store


def test_tracker_db_url_is_the_default_and_db_overrides_it(tmp_path, capsys, monkeypatch):
    db = tmp_path / "tracker.db"
    make_store(db, {"s": conversation(("slot", "reference_code", "PC-33333"))})
    monkeypatch.setenv("TRACKER_DB_URL", f"sqlite:///{db}")
    assert triage.main(["PC-33333"]) == 0
    assert triage.main(["PC-33333", "--db", str(tmp_path / "other.db")]) == 1
    assert "other.db does not exist" in capsys.readouterr().err


def test_a_malformed_url_gets_a_message_without_the_password(capsys):
    for url in (f"postgresql://rasa:{PASSWORD}@127.0.0.1:port/rasa", f"not a url {PASSWORD}"):
        assert triage.main(["--recent", "5", "--db-url", url]) == 2
        err = capsys.readouterr().err
        assert "is not a database URL" in err and PASSWORD not in err, err


def test_an_unreachable_database_gets_a_message_with_the_password_hidden(capsys):
    url = f"postgresql://rasa:{PASSWORD}@127.0.0.1:1/rasa"  # nothing listens on port 1
    assert triage.main(["PC-33333", "--db-url", url]) == 1
    err = capsys.readouterr().err
    assert "Could not open the tracker store postgresql://rasa:***@127.0.0.1:1/rasa" in err, err
    assert PASSWORD not in err and "Traceback" not in err
